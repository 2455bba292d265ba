// Pushes a stream of events through the pipeline the live bot uses, in batches (one database
// round trip per batch for activity), reporting progress after each batch. History imports,
// `eval ambassadors` and `bench replay` all go through here.
import type { ChatEvent } from '../core/events.ts';
import type { Pipeline } from '../core/pipeline.ts';

export interface BatchReport {
  /** Events and messages pushed so far. */
  events: number;
  messages: number;
  /** Events that were new (not stored before). */
  fresh: number;
  batch: readonly ChatEvent[];
  /** Milliseconds handleBatch took for this batch. */
  batchMs: number;
}

export interface ReplaySummary {
  events: number;
  messages: number;
  fresh: number;
}

export const DEFAULT_BATCH = 500;

export async function replayEvents(
  pipeline: Pick<Pipeline, 'handleBatch'>,
  events: AsyncIterable<ChatEvent> | Iterable<ChatEvent>,
  options: { batchSize?: number; onBatch?: (report: BatchReport) => void } = {},
): Promise<ReplaySummary> {
  const size = options.batchSize ?? DEFAULT_BATCH;
  const total: ReplaySummary = { events: 0, messages: 0, fresh: 0 };
  let batch: ChatEvent[] = [];
  const push = async (): Promise<void> => {
    if (batch.length === 0) return;
    const started = performance.now();
    const results = await pipeline.handleBatch(batch);
    const batchMs = performance.now() - started;
    total.events += batch.length;
    for (const event of batch) if (event.type === 'message.posted') total.messages++;
    for (const isNew of results) if (isNew) total.fresh++;
    options.onBatch?.({ ...total, batch, batchMs });
    batch = [];
  };
  for await (const event of events) {
    batch.push(event);
    if (batch.length >= size) await push();
  }
  await push();
  return total;
}
