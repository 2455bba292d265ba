// Write-behind for the questions Rapport stays silent on. When a question is not answered nothing
// waits on its log row (no buttons carry its id, no reply is posted), so instead of one database
// round trip per question the row is kept here and written with others in one multi-row INSERT:
// at the end of each pipeline batch (main.ts: one write per replay batch, and right after a live
// event), when `maxPending` rows wait (in the background), `flushAfterMs` after the first one (a
// safety net), before anything reads the open questions, and at stop. Answered questions and bot mentions still go through `record` at once:
// their reply needs the row (its id is the buttons' value; a redelivery must not reply twice).
//
// What may be lost: the rows still waiting when the process dies (at most `flushAfterMs` of silent
// questions). Readers that bypass this object (the dashboard's SQL) see them up to that much later.
import type { Logger } from '../../logger.ts';
import type { AnswerLogInput, AnswerLogRecord, AnswerLogRepository } from './ports.ts';

export interface AnswerLogBuffer extends AnswerLogRepository {
  /** Logs a question no reply depends on; written with the next flush (a message already waiting is skipped). */
  recordLater(input: AnswerLogInput): Promise<void>;
  /** Writes every waiting row; returns how many were new in the database. */
  flush(): Promise<number>;
  /** Drops the waiting rows of an erased member (privacy): they must not be written afterwards. */
  forgetMember(memberId: string): void;
  pending(): number;
}

export interface AnswerLogBufferOptions {
  logger: Logger;
  /** Rows that trigger a write (default 500: one statement stays small and quick). */
  maxPending?: number;
  /** Longest time a row waits (default 1 s, so the unanswered list and dashboard stay current). */
  flushAfterMs?: number;
}

/** Beyond this many rows (writes failing), the oldest are dropped rather than growing without bound. */
const MAX_KEPT_FACTOR = 20;
/** A question waits for the write only when this many times `maxPending` rows wait (the database is behind). */
const BACKPRESSURE_FACTOR = 4;

export function createAnswerLogBuffer(inner: AnswerLogRepository & Required<Pick<AnswerLogRepository, 'recordMany'>>, options: AnswerLogBufferOptions): AnswerLogBuffer {
  const maxPending = options.maxPending ?? 500;
  const flushAfterMs = options.flushAfterMs ?? 1_000;
  const keyOf = (communityId: string, messageId: string): string => `${communityId}\u0000${messageId}`;
  // Insertion order is the order rows are written (and kept on failure).
  let waiting = new Map<string, AnswerLogInput>();
  let flushing: Promise<number> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function writeOut(): Promise<number> {
    if (waiting.size === 0) return 0;
    const batch = waiting;
    waiting = new Map();
    try {
      return await inner.recordMany([...batch.values()]);
    } catch (error) {
      // One row the database refuses must not hold back the others: written one by one, the rows
      // that fail while others succeed (so the database is there) are dropped with a log line.
      const alone = batch.size > 1 ? await writeOneByOne(batch) : undefined;
      if (alone) return alone;
      // Nothing is lost on a failed write: the rows go back in front of newer ones and are written
      // with the next flush (a redelivery of the same message stays one row by the unique key).
      const merged = new Map(batch);
      for (const [key, input] of waiting) merged.set(key, input);
      const drop = merged.size - maxPending * MAX_KEPT_FACTOR;
      if (drop > 0) {
        options.logger.error({ dropped: drop }, 'unanswered-question logs dropped: the database refused them too long');
        for (const key of [...merged.keys()].slice(0, drop)) merged.delete(key);
      }
      waiting = merged;
      throw error;
    }
  }

  /** Writes each row alone; undefined when none could be written (the database is away: keep them all). */
  async function writeOneByOne(batch: Map<string, AnswerLogInput>): Promise<number | undefined> {
    let fresh = 0;
    const failed = new Map<string, unknown>();
    for (const [key, input] of batch) {
      try {
        fresh += await inner.recordMany([input]);
      } catch (error) {
        failed.set(key, error);
      }
    }
    if (failed.size === batch.size) return undefined;
    for (const [key, error] of failed) {
      const input = batch.get(key)!;
      options.logger.error({ err: error, communityId: input.communityId, messageId: input.messageId }, 'an unanswered-question log row was refused by the database and dropped');
    }
    return fresh;
  }

  function flush(): Promise<number> {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    // One write at a time; a flush asked for during another runs after it.
    const run = (flushing ?? Promise.resolve(0)).catch(() => 0).then(writeOut);
    flushing = run;
    return run.finally(() => {
      if (flushing === run) flushing = undefined;
    });
  }

  /** Writes without anyone waiting for it; a failure is logged and retried on the timer. */
  function flushInBackground(): void {
    flush().catch((error: unknown) => {
      options.logger.error({ err: error, waiting: waiting.size }, 'unanswered-question logs could not be written; retrying');
      flushLater();
    });
  }

  function flushLater(): void {
    if (timer || waiting.size === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      flushInBackground();
    }, flushAfterMs);
    // A waiting row alone does not keep the process alive; stop() flushes it.
    timer.unref?.();
  }

  const flushed = async <T>(read: () => Promise<T>): Promise<T> => {
    await flush();
    return read();
  };

  return {
    ...inner,
    async recordLater(input) {
      const key = keyOf(input.communityId, input.messageId);
      if (!waiting.has(key)) waiting.set(key, input);
      // A full batch is written while questions go on; the asker's path waits only when the
      // database falls behind by several batches (so memory stays bounded).
      if (waiting.size >= maxPending * BACKPRESSURE_FACTOR) await flush();
      else if (waiting.size >= maxPending && !flushing) flushInBackground();
      else flushLater();
    },
    async record(input: AnswerLogInput): Promise<AnswerLogRecord | null> {
      // The same message waiting here is already logged (a redelivery).
      if (waiting.has(keyOf(input.communityId, input.messageId))) return null;
      return inner.record(input);
    },
    async findByMessage(communityId, messageId) {
      // Only a waiting question can be the parent of this reply; otherwise the rows in the database
      // are all there is (a waiting row is never Rapport's reply), and no write is forced.
      if (waiting.has(keyOf(communityId, messageId))) await flush();
      return inner.findByMessage(communityId, messageId);
    },
    openQuestions: (communityId, limit) => flushed(() => inner.openQuestions(communityId, limit)),
    findQuestions: (communityId, messageIds) => flushed(() => inner.findQuestions(communityId, messageIds)),
    openWithSameQuestion: (communityId, normalized) => flushed(() => inner.openWithSameQuestion(communityId, normalized)),
    flush,
    forgetMember(memberId) {
      for (const [key, input] of waiting) if (input.askerMemberId === memberId) waiting.delete(key);
    },
    pending: () => waiting.size,
  };
}
