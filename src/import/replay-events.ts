// Pushes a stream of events through the pipeline the live bot uses, in batches (one database
// round trip per batch for activity), reporting progress after each batch. History imports,
// `eval ambassadors` and `bench replay` all go through here.
import { cleanInput } from '../core/clean-input.ts';
import type { ChatEvent } from '../core/events.ts';
import type { Pipeline, StoredBatch } from '../core/pipeline.ts';

export interface BatchReport {
  /** Events and messages pushed so far. */
  events: number;
  messages: number;
  /** Events that were new (not stored before). */
  fresh: number;
  batch: readonly ChatEvent[];
  /** Milliseconds storing and routing this batch took (storing overlaps the previous batch's routing). */
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
  pipeline: Pick<Pipeline, 'storeBatch' | 'routeBatch' | 'settle'>,
  events: AsyncIterable<ChatEvent> | Iterable<ChatEvent>,
  options: { batchSize?: number; onBatch?: (report: BatchReport) => void } = {},
): Promise<ReplaySummary> {
  const size = options.batchSize ?? DEFAULT_BATCH;
  const total: ReplaySummary = { events: 0, messages: 0, fresh: 0 };
  const iterator = Symbol.asyncIterator in events ? events[Symbol.asyncIterator]() : toAsync(events[Symbol.iterator]());
  const collect = async (): Promise<ChatEvent[]> => {
    const batch: ChatEvent[] = [];
    while (batch.length < size) {
      const next = await iterator.next();
      if (next.done) break;
      batch.push(next.value);
    }
    return batch;
  };
  // A read that fails while earlier batches are stored and routed is reported where it is awaited,
  // not as an unhandled rejection.
  const take = (): Promise<ChatEvent[]> => {
    const batch = collect();
    batch.catch(() => undefined);
    return batch;
  };
  // Three batches in flight: the one the features see, the next one being stored (the database
  // works while this process routes) and the one after that being read.
  let reading = take();
  const storeNext = async (): Promise<{ stored: StoredBatch; storeMs: number } | undefined> => {
    const batch = await reading;
    if (batch.length === 0) return undefined;
    reading = take();
    const started = performance.now();
    const stored = await pipeline.storeBatch(batch.map(cleanInput));
    return { stored, storeMs: performance.now() - started };
  };
  let storing = storeNext();
  try {
    for (;;) {
      const current = await storing;
      if (!current) break;
      storing = storeNext();
      // Its failure is seen when it is awaited above; until then it must not count as unhandled.
      storing.catch(() => undefined);
      const started = performance.now();
      // What the features write behind for this batch is written while the next one is stored.
      const results = await pipeline.routeBatch(current.stored, { deferAfterBatch: true });
      const batch = current.stored.events;
      total.events += batch.length;
      for (const event of batch) if (event.type === 'message.posted') total.messages++;
      for (const isNew of results) if (isNew) total.fresh++;
      options.onBatch?.({ ...total, batch, batchMs: current.storeMs + performance.now() - started });
    }
  } catch (error) {
    // A batch stored but not routed stays so: its events count as stored (a second import skips
    // them), and the score watermark stays below them, so the next start rebuilds their scores.
    await storing.catch(() => undefined);
    await reading.catch(() => undefined);
    await pipeline.settle();
    throw error;
  }
  await pipeline.settle();
  return total;
}

function toAsync<T>(iterator: Iterator<T>): AsyncIterator<T> {
  return { next: async () => iterator.next() };
}
