// Proves what votes, member replies and moderators' adoption do: one vote per member, only the asker's vote teaches (phrasing added, confidence lowered for similar questions), "Didn't help" lists the question, a thread reply becomes an entry in one step.
import { describe, expect, it } from 'vitest';
import { HELPED_ACTION, UNHELPFUL_ACTION } from '../../../src/core/answers/feature/answer-question.ts';
import { LEARNING } from '../../../src/core/answers/learn/learning.ts';
import { COMMUNITY, createFixture, message } from './answering-fixture.ts';

const REFUND = 'Is it possible to get my money back for an order?';
const ASKER = 'console:t:ann';

async function answered(f: Awaited<ReturnType<typeof createFixture>>, text: string) {
  const outcome = await f.ask(text);
  if (outcome.kind !== 'answered') throw new Error(`expected an answer to "${text}", got ${outcome.kind}`);
  return outcome;
}

describe('votes and learning', () => {
  it('GIVEN an answer WHEN the asker presses "This helped" THEN the vote is stored and the question becomes a phrasing of the entry', async () => {
    const f = await createFixture();
    const { log } = await answered(f, REFUND);
    const vote = await f.press(HELPED_ACTION, String(log.id), ASKER);
    expect(vote).toMatchObject({ kind: 'voted', helpful: true, byAsker: true, learned: 'phrasing-added' });
    expect(await f.logs.votes(log.id)).toEqual([{ memberId: ASKER, helpful: true, byAsker: true }]);
    expect((await f.kb.get(COMMUNITY, 'refund'))?.phrasings).toContain(REFUND);
    // The live index has it too: the learned wording is now its best match.
    const candidates = (await f.answering.cache.get(COMMUNITY)).index.search(REFUND, { limit: 1 });
    expect(candidates[0]?.matchedText).toBe(REFUND);
  });

  it('GIVEN an answer WHEN another member votes THEN the vote is stored but nothing is learned, and pressing again keeps one vote', async () => {
    const f = await createFixture();
    const { log } = await answered(f, REFUND);
    expect(await f.press(HELPED_ACTION, String(log.id), 'console:t:bob')).toMatchObject({ byAsker: false, learned: null });
    await f.press(UNHELPFUL_ACTION, String(log.id), 'console:t:bob');
    expect(await f.logs.votes(log.id)).toEqual([{ memberId: 'console:t:bob', helpful: false, byAsker: false }]);
    expect((await f.kb.get(COMMUNITY, 'refund'))?.phrasings).toEqual(['money back for a purchase']);
  });

  it('GIVEN "Didn\'t help" from anyone THEN the question is on the unanswered list with the count', async () => {
    const f = await createFixture();
    const { log } = await answered(f, REFUND);
    await f.press(UNHELPFUL_ACTION, String(log.id), 'console:t:bob');
    const [group] = await f.answering.unanswered.list(COMMUNITY);
    expect(group).toMatchObject({ id: log.id, question: REFUND, unhelpful: 1 });
  });

  it('GIVEN the asker presses "Didn\'t help" THEN Rapport apologises in the thread and the entry is less sure for similar questions only', async () => {
    const f = await createFixture();
    const first = await answered(f, REFUND);
    const other = await answered(f, 'My parcel still has not arrived, how long does shipping take?');
    expect(await f.press(UNHELPFUL_ACTION, String(first.log.id), ASKER)).toMatchObject({ learned: 'penalty' });
    expect(f.posts.at(-1)?.target.threadOf).toBe(first.log.messageId);
    const again = await f.ask(REFUND);
    expect(again.kind === 'unanswered' || again.kind === 'answered' ? again.confidence : 0).toBeCloseTo(first.confidence - LEARNING.PENALTY_PER_VOTE, 5);
    const untouched = await f.ask('My parcel still has not arrived, how long does shipping take?');
    expect(untouched.kind === 'answered' ? untouched.confidence : 0).toBeCloseTo(other.confidence, 5);
    // Changing the vote to "This helped" lifts the penalty.
    await f.press(HELPED_ACTION, String(first.log.id), ASKER);
    const lifted = await f.ask(REFUND);
    expect(lifted.kind === 'answered' ? lifted.confidence : 0).toBeGreaterThanOrEqual(first.confidence);
  });

  it('GIVEN a button with an unknown value or another community\'s log THEN it is ignored', async () => {
    const f = await createFixture();
    expect(await f.press(HELPED_ACTION, 'nope', ASKER)).toEqual({ kind: 'ignored' });
    expect(await f.press(HELPED_ACTION, '999', ASKER)).toEqual({ kind: 'ignored' });
    expect(await f.press('offer.accept', '1', ASKER)).toEqual({ kind: 'ignored' });
  });
});

describe('the unanswered list and adoption', () => {
  it('GIVEN an unanswered question with member replies in its thread WHEN a moderator adopts it THEN the best reply becomes a new entry and the next asker gets it', async () => {
    const f = await createFixture();
    const question = 'How do I export my invoices as PDF files?';
    const asked = await f.ask(question);
    expect(asked.kind).toBe('unanswered');
    const root = f.logs.logs[0]!.messageId;
    const thread = { threadId: root, replyTo: { messageId: root, memberId: ASKER } };
    await f.answering.onMessage(message('Open Billing, tick the invoices and choose Download PDF.', { ...thread, messageId: 'r1', author: { memberId: 'console:t:bob', displayName: 'bob', isBot: false, isModerator: false } }), 'en');
    await f.answering.onMessage(message('thanks, trying', { ...thread, messageId: 'r2' }), 'en');
    await f.answering.feedback.onReaction({ type: 'reaction.added', platform: 'console', eventId: 'x', communityId: COMMUNITY, occurredAt: new Date(), channelId: 'c', messageId: 'r1', actor: { memberId: 'console:t:cy', displayName: 'cy', isBot: false, isModerator: false }, emoji: 'thumbsup', targetMemberId: 'console:t:bob' });
    const [group] = await f.answering.unanswered.list(COMMUNITY);
    expect(group?.bestReply).toMatchObject({ messageId: 'r1', reactions: 1 });

    const outcome = await f.answering.unanswered.adopt(COMMUNITY, group!.id);
    expect(outcome).toMatchObject({ kind: 'created', resolved: 1 });
    expect(outcome.entry.answer).toBe('Open Billing, tick the invoices and choose Download PDF.');
    expect(await f.answering.unanswered.list(COMMUNITY)).toEqual([]);
    const next = await f.ask('How can I export my invoices as PDF?');
    expect(next.kind).toBe('answered');
  });

  it('GIVEN the same question asked twice THEN it is one group asked twice, and adopting it into an existing entry adds a phrasing and resolves both', async () => {
    const f = await createFixture();
    await f.ask('Where do I change the e-mail address on my profile?');
    await f.ask('where do I change the e-mail address on my profile');
    const [group] = await f.answering.unanswered.list(COMMUNITY);
    expect(group?.asked).toBe(2);
    const outcome = await f.answering.unanswered.adopt(COMMUNITY, group!.id, { entry: 'delete-account' });
    expect(outcome).toMatchObject({ kind: 'phrasing', resolved: 2 });
    expect(outcome.entry.phrasings).toContain('where do I change the e-mail address on my profile');
  });

  it('GIVEN no reply in the thread WHEN adopting without an entry THEN the moderator is told what to do instead', async () => {
    const f = await createFixture();
    await f.ask('How do I export my invoices as PDF files?');
    await expect(f.answering.unanswered.adopt(COMMUNITY, 1)).rejects.toMatchObject({ key: 'answers.adopt.noReply' });
    expect(await f.answering.unanswered.dismiss(COMMUNITY, 1)).toBe(1);
    expect(await f.answering.unanswered.list(COMMUNITY)).toEqual([]);
  });
});

describe('the in-memory index', () => {
  it('GIVEN another process changes the knowledge base THEN this one updates its index once the check interval passed, without making a question wait', async () => {
    const f = await createFixture();
    const before = await f.answering.cache.get(COMMUNITY);
    await f.kb.add(COMMUNITY, { id: 'opening-hours', question: 'What are your opening hours?', answer: '9 to 17, Monday to Friday.', phrasings: [], tags: [], language: 'en' });
    expect(await f.answering.cache.get(COMMUNITY)).toBe(before);
    f.clock.ms += 1_000;
    expect(await f.answering.cache.get(COMMUNITY)).toBe(before);
    await f.answering.cache.idle();
    const after = await f.answering.cache.get(COMMUNITY);
    expect(after.index.get('opening-hours')).toBeDefined();
    expect(after.kbVersion).toBe(2);
    // One changed entry is patched into the same index; building a large index costs seconds.
    expect(after.index).toBe(before.index);
  });

  it('GIVEN a moderator edits or removes an entry in this process THEN the live index changes at once', async () => {
    const f = await createFixture();
    await f.answering.cache.get(COMMUNITY);
    await f.answering.admin.edit(COMMUNITY, 'refund', { answer: 'Refunds within 30 days.' });
    expect((await f.answering.cache.get(COMMUNITY)).index.get('refund')?.answer).toBe('Refunds within 30 days.');
    await f.answering.admin.remove(COMMUNITY, 'refund');
    expect((await f.answering.cache.get(COMMUNITY)).index.get('refund')).toBeUndefined();
    const added = await f.answering.admin.add(COMMUNITY, { question: 'How do I reset my password?', answer: 'x' });
    expect(added.id).toBe('how-do-i-reset-my-password');
    await expect(f.answering.admin.add(COMMUNITY, { question: 'q', answer: 'a', key: 'reset-password' })).rejects.toMatchObject({ key: 'answers.keyTaken' });
  });
});
