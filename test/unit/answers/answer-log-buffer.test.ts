// Proves the write-behind of silent questions: rows wait until enough of them, a timer, a read of the open questions or a reply to a waiting question; a failed write keeps them; an erased member's rows are dropped; a waiting message counts as logged; candidate replies wait too and are written after the questions, checked as one by one.
import { describe, expect, it } from 'vitest';
import { createAnswerLogBuffer } from '../../../src/core/answers/storage/answer-log-buffer.ts';
import { createInMemoryAnswerLog } from '../../../src/core/answers/storage/in-memory-stores.ts';
import type { AnswerLogInput, CandidateReply } from '../../../src/core/answers/storage/ports.ts';
import { createLogger } from '../../../src/pino-logger.ts';

const logger = createLogger({ level: 'silent', pretty: false });

function store() {
  const mem = createInMemoryAnswerLog();
  const calls: number[] = [];
  let failNext = false;
  const inner = {
    ...mem,
    async recordMany(inputs: readonly AnswerLogInput[]) {
      if (failNext) {
        failNext = false;
        throw new Error('database down');
      }
      calls.push(inputs.length);
      let added = 0;
      for (const input of inputs) if (await mem.record(input)) added += 1;
      return added;
    },
  };
  return { mem, inner, calls, failOnce: () => void (failNext = true) };
}

let n = 0;
const question = (extra: Partial<AnswerLogInput> = {}): AnswerLogInput => {
  n += 1;
  return { communityId: 'c', channelId: 'c:general', messageId: `m${n}`, askerMemberId: 'c:ann', question: `Question ${n}?`, normalized: `question ${n}`, entryKey: null, confidence: 0.1, answered: false, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)), ...extra };
};

describe('write-behind of silent questions', () => {
  it('GIVEN fewer rows than the bound THEN nothing is written until a flush, which writes them in one call', async () => {
    const s = store();
    const buffer = createAnswerLogBuffer(s.inner, { logger, maxPending: 3, flushAfterMs: 60_000 });
    await buffer.recordLater(question());
    await buffer.recordLater(question());
    expect(s.mem.logs).toHaveLength(0);
    expect(buffer.pending()).toBe(2);
    expect(await buffer.flush()).toBe(2);
    expect(s.calls).toEqual([2]);
    expect(buffer.pending()).toBe(0);
  });

  it('GIVEN the bound reached THEN the rows are written at once, in the background', async () => {
    const s = store();
    const buffer = createAnswerLogBuffer(s.inner, { logger, maxPending: 3, flushAfterMs: 60_000 });
    for (let i = 0; i < 3; i++) await buffer.recordLater(question());
    await new Promise((resolve) => setImmediate(resolve));
    expect(s.calls).toEqual([3]);
    expect(s.mem.logs).toHaveLength(3);
  });

  it('GIVEN a database that does not answer WHEN rows pile up to four times the bound THEN the question waits for the write, and none is lost', async () => {
    const s = store();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = { ...s.inner, recordMany: async (inputs: readonly AnswerLogInput[]) => (await gate, s.inner.recordMany(inputs)) };
    const buffer = createAnswerLogBuffer(slow, { logger, maxPending: 3, flushAfterMs: 60_000 });
    let asked = 0;
    for (; buffer.pending() < 11; asked++) await buffer.recordLater(question());
    expect(asked).toBeGreaterThan(11); // the first full batch is being written: those questions did not wait
    let waited = false;
    const twelfth = buffer.recordLater(question()).then(() => (waited = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(waited).toBe(false);
    release();
    await twelfth;
    await buffer.flush();
    expect(s.mem.logs).toHaveLength(asked + 1);
  });

  it('GIVEN a waiting row THEN the timer writes it', async () => {
    const s = store();
    const buffer = createAnswerLogBuffer(s.inner, { logger, maxPending: 100, flushAfterMs: 1 });
    await buffer.recordLater(question());
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(s.mem.logs).toHaveLength(1);
  });

  it('GIVEN waiting rows WHEN the open questions are read THEN they are in the answer', async () => {
    const s = store();
    const buffer = createAnswerLogBuffer(s.inner, { logger, maxPending: 100, flushAfterMs: 60_000 });
    const q = question({ normalized: 'same words' });
    await buffer.recordLater(q);
    expect((await buffer.openQuestions('c', 10)).map((r) => r.messageId)).toEqual([q.messageId]);
    await buffer.recordLater(question({ normalized: 'same words' }));
    expect(await buffer.openWithSameQuestion('c', 'same words')).toHaveLength(2);
  });

  it('GIVEN a reply to a waiting question THEN the question is written and found; a reply to anything else writes nothing', async () => {
    const s = store();
    const buffer = createAnswerLogBuffer(s.inner, { logger, maxPending: 100, flushAfterMs: 60_000 });
    const q = question();
    await buffer.recordLater(q);
    await buffer.recordLater(question());
    expect(await buffer.findByMessage('c', 'elsewhere')).toBeNull();
    expect(s.calls).toEqual([]);
    expect(await buffer.findByMessage('c', q.messageId)).toMatchObject({ messageId: q.messageId, answered: false });
    expect(s.calls).toEqual([2]);
  });

  it('GIVEN a failed write THEN the rows stay and the next flush writes them, in order', async () => {
    const s = store();
    const buffer = createAnswerLogBuffer(s.inner, { logger, maxPending: 100, flushAfterMs: 60_000 });
    const [a, b] = [question(), question()];
    await buffer.recordLater(a);
    s.failOnce();
    await expect(buffer.flush()).rejects.toThrow('database down');
    await buffer.recordLater(b);
    expect(await buffer.flush()).toBe(2);
    expect(s.mem.logs.map((l) => l.messageId)).toEqual([a.messageId, b.messageId]);
  });

  it('GIVEN a waiting message WHEN it is recorded again or its asker is erased THEN it is logged once, or not at all', async () => {
    const s = store();
    const buffer = createAnswerLogBuffer(s.inner, { logger, maxPending: 100, flushAfterMs: 60_000 });
    const q = question();
    await buffer.recordLater(q);
    await buffer.recordLater(q);
    expect(await buffer.record(q)).toBeNull();
    expect(buffer.pending()).toBe(1);
    await buffer.recordLater(question({ askerMemberId: 'c:bob' }));
    buffer.forgetMember('c:ann');
    await buffer.flush();
    expect(s.mem.logs.map((l) => l.askerMemberId)).toEqual(['c:bob']);
  });
});

describe('write-behind of silent questions when one row is refused', () => {
  // A store that refuses any batch holding a NUL, the way PostgreSQL refuses 0x00 in text.
  function pickyStore(options: { down?: () => boolean } = {}) {
    const mem = createInMemoryAnswerLog();
    const inner = {
      ...mem,
      async recordMany(inputs: readonly AnswerLogInput[]) {
        if (options.down?.()) throw new Error('database down');
        if (inputs.some((i) => i.question.includes('\u0000'))) throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
        let added = 0;
        for (const input of inputs) if (await mem.record(input)) added += 1;
        return added;
      },
    };
    return { mem, inner };
  }

  it('GIVEN a row the database refuses among good ones WHEN flushed THEN the good ones are written, the bad one is dropped, and later rows are written too', async () => {
    const s = pickyStore();
    const buffer = createAnswerLogBuffer(s.inner, { logger, maxPending: 100, flushAfterMs: 60_000 });
    const good = question();
    const bad = question({ question: 'why\u0000?' });
    const after = question();
    await buffer.recordLater(good);
    await buffer.recordLater(bad);
    expect(await buffer.flush()).toBe(1);
    await buffer.recordLater(after);
    expect(await buffer.flush()).toBe(1);
    expect(s.mem.logs.map((l) => l.messageId)).toEqual([good.messageId, after.messageId]);
    expect(buffer.pending()).toBe(0);
  });

  it('GIVEN the database away (every row fails) WHEN flushed THEN every row is kept for the next flush', async () => {
    let down = true;
    const s = pickyStore({ down: () => down });
    const buffer = createAnswerLogBuffer(s.inner, { logger, maxPending: 100, flushAfterMs: 60_000 });
    await buffer.recordLater(question());
    await buffer.recordLater(question());
    await expect(buffer.flush()).rejects.toThrow('database down');
    expect(buffer.pending()).toBe(2);
    down = false;
    expect(await buffer.flush()).toBe(2);
  });
});

describe('write-behind of candidate replies', () => {
  /** A store whose addReplies resolves each reply as the SQL does (answering-kb.test.ts proves the SQL). */
  function replyStore() {
    const s = store();
    const order: string[] = [];
    const inner = {
      ...s.inner,
      async recordMany(inputs: readonly AnswerLogInput[]) {
        order.push(`logs:${inputs.length}`);
        return s.inner.recordMany(inputs);
      },
      async addReplies(inputs: readonly CandidateReply[]) {
        order.push(`replies:${inputs.length}`);
        let added = 0;
        for (const r of inputs) {
          const log = await s.mem.findByMessage(r.communityId, r.parentMessageId);
          if (!log || log.messageId === r.messageId || (r.notByAsker && log.askerMemberId === r.authorId)) continue;
          const before = s.mem.replyRows.length;
          await s.mem.addReply({ answerLogId: log.id, authorId: r.authorId, messageId: r.messageId, text: r.text, createdAt: r.createdAt });
          added += s.mem.replyRows.length - before;
        }
        return added;
      },
    };
    return { ...s, inner, order };
  }
  const reply = (parentMessageId: string, messageId: string, author = 'c:bob', notByAsker = true): CandidateReply => ({ communityId: 'c', parentMessageId, authorId: author, messageId, text: `reply ${messageId}`, createdAt: new Date(), notByAsker });

  it('GIVEN a reply to a waiting question THEN nothing is looked up or written until the flush, which writes the question first and the reply under it', async () => {
    const s = replyStore();
    const buffer = createAnswerLogBuffer(s.inner, { logger, maxPending: 100, flushAfterMs: 60_000 });
    const q = question();
    await buffer.recordLater(q);
    await buffer.replyLater(reply(q.messageId, 'r1'));
    await buffer.replyLater(reply(q.messageId, 'r2', 'c:ann')); // the asker's own follow-up
    expect(s.order).toEqual([]);
    expect(buffer.pending()).toBe(3);
    await buffer.flush();
    expect(s.order).toEqual(['logs:1', 'replies:2']);
    expect(s.mem.replyRows.map((r) => r.messageId)).toEqual(['r1']);
    expect(buffer.pending()).toBe(0);
  });

  it('GIVEN a waiting reply WHEN someone reacts to it or the replies are read THEN it is written first; an erased author\'s reply is never written', async () => {
    const s = replyStore();
    const buffer = createAnswerLogBuffer(s.inner, { logger, maxPending: 100, flushAfterMs: 60_000 });
    const q = question();
    await buffer.recordLater(q);
    await buffer.replyLater(reply(q.messageId, 'r1'));
    await buffer.reactToReply('r1', 1);
    expect(s.mem.replyRows.map((r) => [r.messageId, r.reactions])).toEqual([['r1', 1]]);
    await buffer.replyLater(reply(q.messageId, 'r2', 'c:cy'));
    await buffer.replyLater(reply(q.messageId, 'r3', 'c:dan'));
    buffer.forgetMember('c:cy');
    expect((await buffer.replies([1])).map((r) => r.messageId)).toEqual(['r1', 'r3']);
  });

  it('GIVEN a failed write THEN the replies stay for the next flush', async () => {
    const s = replyStore();
    const buffer = createAnswerLogBuffer(s.inner, { logger, maxPending: 100, flushAfterMs: 60_000 });
    const q = question();
    await buffer.recordLater(q);
    await buffer.flush();
    await buffer.replyLater(reply(q.messageId, 'r1'));
    s.failOnce();
    await buffer.recordLater(question());
    await expect(buffer.flush()).rejects.toThrow('database down');
    expect(buffer.pending()).toBe(2);
    await buffer.flush();
    expect(s.mem.replyRows.map((r) => r.messageId)).toEqual(['r1']);
  });

  it('GIVEN a store without addReplies THEN a reply is looked up and added at once, with the same checks', async () => {
    const s = store();
    const buffer = createAnswerLogBuffer(s.inner, { logger, maxPending: 100, flushAfterMs: 60_000 });
    const q = question();
    await buffer.recordLater(q);
    await buffer.replyLater(reply(q.messageId, 'r1'));
    await buffer.replyLater(reply(q.messageId, 'r2', 'c:ann'));
    await buffer.replyLater(reply(q.messageId, 'r3', 'c:ann', false));
    expect(s.mem.replyRows.map((r) => r.messageId)).toEqual(['r1', 'r3']);
    expect(buffer.pending()).toBe(0);
  });
});
