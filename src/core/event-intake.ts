// How live events enter the pipeline so that none that was acknowledged is lost. An event is
// "kept" once it is stored, or, when storing fails (or takes longer than `storeTimeoutMs`: a
// database that hangs), once it is appended to the spool; adapters acknowledge at that moment
// (EventDelivery.durable). While anything waits in the spool, new events join it behind the
// others, so events are stored in the order they came. The spool is replayed, oldest first, in
// batches through the pipeline whenever it holds events, retrying every `retryMs` until the
// database answers; a replay is idempotent (an event id is stored once, and only a new event
// reaches the features). When the spool cannot be written either, accept() rejects: the adapter
// must not acknowledge (Slack then redelivers).
import type { EventDelivery } from './adapter.ts';
import type { EventSpool } from './event-spool.ts';
import type { ChatEvent } from './events.ts';
import type { Logger } from './logger.ts';
import type { Pipeline } from './pipeline.ts';

export interface EventIntakeDeps {
  pipeline: Pick<Pipeline, 'handle' | 'handleBatch'>;
  spool: EventSpool;
  logger: Logger;
  /** Told of every event that went through the pipeline, and whether it was new. */
  onHandled?(event: ChatEvent, stored: boolean): void;
  storeTimeoutMs?: number;
  retryMs?: number;
  batchSize?: number;
}

export interface EventIntake {
  accept(event: ChatEvent, delivery?: EventDelivery): Promise<void>;
  /** Replays the spool now (one replay at a time); resolves when it is empty or the database failed again. */
  drain(): Promise<void>;
  /** Starts replaying what an earlier run left in the spool. */
  start(): void;
  stop(): Promise<void>;
}

export function createEventIntake(deps: EventIntakeDeps): EventIntake {
  const { pipeline, spool, logger } = deps;
  const storeTimeoutMs = deps.storeTimeoutMs ?? 2_000;
  const retryMs = deps.retryMs ?? 1_000;
  const batchSize = deps.batchSize ?? 200;
  let draining: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function spoolIt(event: ChatEvent): Promise<void> {
    await spool.append(event);
    drainLater(0);
  }

  function drainLater(ms: number): void {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain();
    }, ms);
    timer.unref?.();
  }

  function drain(): Promise<void> {
    draining ??= replay().finally(() => {
      draining = undefined;
    });
    return draining;
  }

  async function replay(): Promise<void> {
    try {
      for (let batch = await spool.take(); batch; batch = await spool.take()) {
        for (let i = 0; i < batch.events.length; i += batchSize) {
          const events = batch.events.slice(i, i + batchSize);
          const results = await pipeline.handleBatch(events);
          events.forEach((event, j) => deps.onHandled?.(event, results[j] ?? false));
        }
        await batch.commit();
        logger.info({ events: batch.events.length, waiting: spool.pending() }, 'spooled events stored');
      }
    } catch (error) {
      logger.warn({ err: error, waiting: spool.pending() }, 'spooled events could not be stored yet; retrying');
      drainLater(retryMs);
    }
  }

  return {
    async accept(event, delivery) {
      // Behind events already waiting (or being replayed): join the queue, in order.
      if (spool.pending() > 0 || draining) {
        await spoolIt(event);
        delivery?.durable?.();
        return;
      }
      let stored = false;
      let spooling: Promise<unknown> | undefined;
      const spoolNow = () => (spooling ??= spoolIt(event).then(() => delivery?.durable?.()));
      // A database that hangs (rather than refuses) must not hold the acknowledgement.
      const slow = setTimeout(() => {
        if (!stored) {
          logger.warn({ eventId: event.eventId, ms: storeTimeoutMs }, 'storing an event is slow; spooled');
          spoolNow().catch(() => undefined);
        }
      }, storeTimeoutMs);
      try {
        const result = await pipeline.handle(event, {
          onStored() {
            stored = true;
            clearTimeout(slow);
            if (!spooling) delivery?.durable?.();
          },
        });
        deps.onHandled?.(event, result.stored);
      } catch (error) {
        clearTimeout(slow);
        if (stored) throw error;
        logger.warn({ err: error, eventId: event.eventId }, 'the event could not be stored; spooled for a replay');
        await spoolNow();
        return;
      }
      // Spooled after the timeout and stored since: the replay will find it stored already.
      if (spooling) await spooling.catch(() => undefined);
    },
    drain,
    start() {
      if (spool.pending() > 0) drainLater(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await draining;
      await spool.close();
    },
  };
}
