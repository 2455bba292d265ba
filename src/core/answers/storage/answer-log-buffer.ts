// Write-behind for the questions Rapport stays silent on. When a question is not answered nothing
// waits on its log row (no buttons carry its id, no reply is posted), so instead of one database
// round trip per question the row is kept here and written with others in one multi-row INSERT:
// at the end of each pipeline batch (main.ts: one write per replay batch, and right after a live
// event), when `maxPending` rows wait (in the background), `flushAfterMs` after the first one (a
// safety net), before anything reads the open questions, and at stop. Answered questions and bot mentions still go through `record` at once:
// their reply needs the row (its id is the buttons' value; a redelivery must not reply twice).
//
// Members' candidate replies (a reply in a question's thread, an answer the conversation tracker
// attributes to a question) wait here too when the store can write many at once (`addReplies`):
// each is written after the questions of the same flush, under the open log its parent message
// names, with the checks answer-feedback.ts would make (a history replay attributed thousands of
// answers, each a lookup, a forced write of the waiting questions and an insert before).
//
// What may be lost: the rows still waiting when the process dies (at most `flushAfterMs` of silent
// questions). Readers that bypass this object (the dashboard's SQL) see them up to that much later.
import type { Logger } from '../../logger.ts';
import type { AnswerLogInput, AnswerLogRecord, AnswerLogRepository, CandidateReply } from './ports.ts';

export interface AnswerLogBuffer extends AnswerLogRepository {
  /** Logs a question no reply depends on; written with the next flush (a message already waiting is skipped). */
  recordLater(input: AnswerLogInput): Promise<void>;
  /**
   * Stores a candidate reply: written with the next flush when the store has `addReplies`,
   * otherwise at once (its open log looked up, checked and the reply added).
   */
  replyLater(input: CandidateReply): Promise<void>;
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
  let waitingReplies: CandidateReply[] = [];
  /** Message ids of the waiting replies (a reaction to one writes it first). */
  let replyIds = new Set<string>();
  let flushing: Promise<number> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Questions first (a reply may name one of them), then the replies; returns the new questions. */
  async function writeOut(): Promise<number> {
    const fresh = await writeLogs();
    await writeReplies();
    return fresh;
  }

  async function writeReplies(): Promise<void> {
    if (waitingReplies.length === 0 || !inner.addReplies) return;
    const batch = waitingReplies;
    waitingReplies = [];
    replyIds = new Set();
    try {
      await inner.addReplies(batch);
    } catch (error) {
      // Kept in front of newer ones for the next flush; beyond the bound the oldest are dropped.
      const merged = [...batch, ...waitingReplies];
      const drop = merged.length - maxPending * MAX_KEPT_FACTOR;
      if (drop > 0) options.logger.error({ dropped: drop }, 'candidate replies dropped: the database refused them too long');
      waitingReplies = drop > 0 ? merged.slice(drop) : merged;
      replyIds = new Set(waitingReplies.map((r) => r.messageId));
      throw error;
    }
  }

  async function writeLogs(): Promise<number> {
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
    if (timer || (waiting.size === 0 && waitingReplies.length === 0)) return;
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

  async function findByMessage(communityId: string, messageId: string): Promise<AnswerLogRecord | null> {
    // Only a waiting question can be the parent of this reply; otherwise the rows in the database
    // are all there is (a waiting row is never Rapport's reply), and no write is forced.
    if (waiting.has(keyOf(communityId, messageId))) await flush();
    return inner.findByMessage(communityId, messageId);
  }

  /**
   * A full batch is written while questions go on; the asker's path waits only when the
   * database falls behind by several batches (so memory stays bounded).
   */
  async function written(size: number): Promise<void> {
    if (size >= maxPending * BACKPRESSURE_FACTOR) await flush();
    else if (size >= maxPending && !flushing) flushInBackground();
    else flushLater();
  }

  return {
    ...inner,
    async recordLater(input) {
      const key = keyOf(input.communityId, input.messageId);
      if (!waiting.has(key)) waiting.set(key, input);
      await written(waiting.size);
    },
    async replyLater(input) {
      if (inner.addReplies) {
        waitingReplies.push(input);
        replyIds.add(input.messageId);
        return written(waitingReplies.length);
      }
      const log = await findByMessage(input.communityId, input.parentMessageId);
      if (!log || log.messageId === input.messageId || (input.notByAsker && log.askerMemberId === input.authorId)) return;
      await inner.addReply({ answerLogId: log.id, authorId: input.authorId, messageId: input.messageId, text: input.text, createdAt: input.createdAt });
    },
    async reactToReply(messageId, delta) {
      // A reaction to a reply still waiting counts once that reply is written.
      if (replyIds.has(messageId)) await flush();
      return inner.reactToReply(messageId, delta);
    },
    async replies(answerLogIds) {
      if (waitingReplies.length > 0) await flush();
      return inner.replies(answerLogIds);
    },
    async record(input: AnswerLogInput): Promise<AnswerLogRecord | null> {
      // The same message waiting here is already logged (a redelivery).
      if (waiting.has(keyOf(input.communityId, input.messageId))) return null;
      return inner.record(input);
    },
    findByMessage,
    openQuestions: (communityId, limit) => flushed(() => inner.openQuestions(communityId, limit)),
    openWithSameQuestion: (communityId, normalized) => flushed(() => inner.openWithSameQuestion(communityId, normalized)),
    flush,
    forgetMember(memberId) {
      for (const [key, input] of waiting) if (input.askerMemberId === memberId) waiting.delete(key);
      waitingReplies = waitingReplies.filter((r) => r.authorId !== memberId);
      replyIds = new Set(waitingReplies.map((r) => r.messageId));
    },
    pending: () => waiting.size + waitingReplies.length,
  };
}
