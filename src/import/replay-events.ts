// Pushes a stream of events through the pipeline the live bot uses, in batches (one database
// round trip per batch for activity), reporting progress after each batch. History imports,
// `eval ambassadors` and `bench replay` all go through here.
import { cleanInput } from '../core/clean-input.ts';
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

// Events per batch: as many rows per activity statement as the floor of `bench replay` inserts
// per statement (1,000; against 500, about 15% more messages/s, peak RSS about the same).
export const DEFAULT_BATCH = 1000;

export async function replayEvents(
  pipeline: Pick<Pipeline, 'handleBatch'> & Partial<Pick<Pipeline, 'settle'>>,
  events: AsyncIterable<ChatEvent> | Iterable<ChatEvent>,
  options: { batchSize?: number; onBatch?: (report: BatchReport) => void } = {},
): Promise<ReplaySummary> {
  const size = options.batchSize ?? DEFAULT_BATCH;
  const total: ReplaySummary = { events: 0, messages: 0, fresh: 0 };
  const iterator = Symbol.asyncIterator in events ? events[Symbol.asyncIterator]() : toAsync(events[Symbol.iterator]());
  const take = async (): Promise<ChatEvent[]> => {
    const batch: ChatEvent[] = [];
    while (batch.length < size) {
      const next = await iterator.next();
      if (next.done) break;
      batch.push(next.value);
    }
    return batch;
  };
  // The next batch is read while the current one waits on the database.
  let next = take();
  for (;;) {
    const batch = await next;
    if (batch.length === 0) break;
    next = take();
    const started = performance.now();
    let results: boolean[];
    try {
      // What the features write behind for this batch is written while the next one is stored.
      results = await pipeline.handleBatch(batch.map(cleanInput), { deferAfterBatch: true });
    } catch (error) {
      await next.catch(() => undefined);
      await pipeline.settle?.();
      throw error;
    }
    const batchMs = performance.now() - started;
    total.events += batch.length;
    for (const event of batch) if (event.type === 'message.posted') total.messages++;
    for (const isNew of results) if (isNew) total.fresh++;
    options.onBatch?.({ ...total, batch, batchMs });
  }
  await pipeline.settle?.();
  return total;
}

function toAsync<T>(iterator: Iterator<T>): AsyncIterator<T> {
  return { next: async () => iterator.next() };
}
