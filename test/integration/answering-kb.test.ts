// Proves the knowledge base and answer log on real PostgreSQL: an import is all or nothing (a bad file or a failing row leaves the knowledge base as it was), edits and removals reach the live index at once and another process's index after its version check, votes are one per member, deleting a member removes their questions, votes and replies, and silent questions written behind reach the unanswered list, their threads and the table.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/core/adapter.ts';
import { createAnswering } from '../../src/core/answers/feature/create-answering.ts';
import { HELPED_ACTION, UNHELPFUL_ACTION } from '../../src/core/answers/feature/answer-question.ts';
import { KbImportError, type KbEntry } from '../../src/core/answers/index.ts';
import type { ButtonPressed, MessagePosted } from '../../src/core/events.ts';
import { noopMetrics } from '../../src/core/metrics.ts';
import type { OutgoingMessage } from '../../src/core/outgoing.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

const COMMUNITY = 'console:local';
const CHANNEL = 'console:local:general';
const ENTRIES: KbEntry[] = [
  { id: 'refund', question: 'Can I get a refund for my order?', answer: 'Yes, within 14 days.', phrasings: ['money back for a purchase'], tags: ['orders'], language: 'en' },
  { id: 'shipping-time', question: 'How long does delivery take?', answer: 'Delivery takes 3-5 days.', phrasings: ['When will my parcel arrive?'], tags: ['orders'], language: 'en' },
];

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(): Promise<{ app: TestApp; posts: OutgoingMessage[] }> {
  const posts: OutgoingMessage[] = [];
  const adapter: ChatAdapter = {
    platform: 'console',
    replier: {
      async post(target, message) {
        posts.push(message);
        return { messageId: `b${posts.length}`, channelId: target.channelId };
      },
      async dm() {
        throw new Error('no DMs here');
      },
    },
    async start() {},
    async stop() {},
  };
  app = await createTestApp({ adapters: [adapter] });
  await app.repos.communities.ensure({ id: COMMUNITY, platform: 'console', name: 'console' });
  return { app, posts };
}

let n = 0;
function ask(text: string, member = 'ann', extra: Partial<MessagePosted> = {}): MessagePosted {
  n += 1;
  return { type: 'message.posted', platform: 'console', eventId: `console:i${n}-${Date.now()}`, communityId: COMMUNITY, occurredAt: new Date(), channelId: CHANNEL, channelName: 'general', messageId: `m${n}-${Date.now()}`, author: { memberId: `console:local:${member}`, displayName: member, isBot: false, isModerator: false }, text, mentions: [], mentionsBot: false, ...extra };
}

function press(actionId: string, value: string, member: string): ButtonPressed {
  n += 1;
  return { type: 'button.pressed', platform: 'console', eventId: `console:p${n}-${Date.now()}`, communityId: COMMUNITY, occurredAt: new Date(), channelId: CHANNEL, actor: { memberId: `console:local:${member}`, displayName: member, isBot: false, isModerator: false }, actionId, value };
}

describe('knowledge base on PostgreSQL', () => {
  it('GIVEN a knowledge base WHEN a broken file is imported THEN the error names the entry and nothing changes', async () => {
    const { app } = await start();
    const admin = app.rapport.ports.answering.admin;
    await admin.importEntries(COMMUNITY, ENTRIES);
    const before = await app.repos.knowledgeBase.settings(COMMUNITY);
    const broken = JSON.stringify({ entries: [{ id: 'a', question: 'Q?', answer: 'A' }, { id: 'b', question: 'Q2?' }] });
    const error = await admin.importText(COMMUNITY, broken, 'json', { replace: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KbImportError);
    expect((error as KbImportError).message).toMatch(/entry #2 "b".*"answer" is missing/);
    expect((await app.repos.knowledgeBase.list(COMMUNITY)).map((e) => e.id)).toEqual(['refund', 'shipping-time']);
    expect(await app.repos.knowledgeBase.settings(COMMUNITY)).toEqual(before);
  });

  it('GIVEN a file whose last row the database refuses THEN the transaction leaves the earlier rows and the old entries untouched', async () => {
    const { app } = await start();
    await app.repos.knowledgeBase.importAll(COMMUNITY, ENTRIES, { replace: false });
    const bad: KbEntry[] = [{ ...ENTRIES[0]!, answer: 'Changed.' }, { id: 'nul', question: 'Bad\u0000row', answer: 'x', phrasings: [], tags: [], language: 'en' }];
    await expect(app.repos.knowledgeBase.importAll(COMMUNITY, bad, { replace: true })).rejects.toThrow();
    const after = await app.repos.knowledgeBase.list(COMMUNITY);
    expect(after.map((e) => [e.id, e.answer])).toEqual([['refund', 'Yes, within 14 days.'], ['shipping-time', 'Delivery takes 3-5 days.']]);
  });

  it('GIVEN a loaded index WHEN a moderator edits or removes an entry THEN this process answers from the change at once and another process after its check', async () => {
    const { app } = await start();
    const here = app.rapport.ports.answering;
    await here.admin.importEntries(COMMUNITY, ENTRIES);
    let clock = 0;
    const other = createAnswering({ kb: app.repos.knowledgeBase, answerLogs: app.repos.answerLogs, channels: app.repos.channels, repliers: app.rapport.ports.repliers, translator: app.translator, logger: createLogger({ level: 'silent', pretty: false }), metrics: noopMetrics, now: () => clock, readFile: async () => '', checkEveryMs: 5_000 });
    expect((await other.cache.get(COMMUNITY)).index.get('refund')?.answer).toBe('Yes, within 14 days.');
    await here.cache.get(COMMUNITY);

    await here.admin.edit(COMMUNITY, 'refund', { answer: 'Within 30 days now.' });
    await here.admin.remove(COMMUNITY, 'shipping-time');
    const live = await here.cache.get(COMMUNITY);
    expect(live.index.get('refund')?.answer).toBe('Within 30 days now.');
    expect(live.index.get('shipping-time')).toBeUndefined();

    expect((await other.cache.get(COMMUNITY)).index.get('shipping-time')).toBeDefined();
    clock += 5_000;
    await other.cache.get(COMMUNITY);
    await other.cache.idle();
    const seen = await other.cache.get(COMMUNITY);
    expect(seen.index.get('refund')?.answer).toBe('Within 30 days now.');
    expect(seen.index.get('shipping-time')).toBeUndefined();
  });

  it('GIVEN an answered question WHEN members vote twice and "Didn\'t help" THEN one vote each is stored, the question is listed, and deleting the asker removes their rows', async () => {
    const { app, posts } = await start();
    const { answering, privacy } = app.rapport.ports;
    await answering.admin.importEntries(COMMUNITY, ENTRIES);
    await app.rapport.pipeline.handle(ask('Is it possible to get my money back for an order?'));
    expect(posts).toHaveLength(1);
    const value = posts[0]!.buttons![0]!.value;
    await app.rapport.pipeline.handle(press(HELPED_ACTION, value, 'bob'));
    await app.rapport.pipeline.handle(press(UNHELPFUL_ACTION, value, 'bob'));
    await app.rapport.pipeline.handle(press(HELPED_ACTION, value, 'ann'));
    expect(await app.repos.answerLogs.votes(Number(value))).toEqual([
      { memberId: 'console:local:bob', helpful: false, byAsker: false },
      { memberId: 'console:local:ann', helpful: true, byAsker: true },
    ]);
    expect((await app.repos.knowledgeBase.get(COMMUNITY, 'refund'))?.phrasings).toContain('Is it possible to get my money back for an order?');
    const [group] = await answering.unanswered.list(COMMUNITY);
    expect(group).toMatchObject({ id: Number(value), unhelpful: 1 });

    await privacy.erase(COMMUNITY, 'console:local:ann');
    expect(await app.repos.answerLogs.get(Number(value))).toBeNull();
    expect(await answering.unanswered.list(COMMUNITY)).toEqual([]);
  });

  it('GIVEN a member who opted out of profiling THEN they still get answers', async () => {
    const { app, posts } = await start();
    await app.rapport.ports.answering.admin.importEntries(COMMUNITY, ENTRIES);
    await app.repos.members.ensure({ id: 'console:local:olga', communityId: COMMUNITY, platformId: 'olga', displayName: 'olga', isBot: false });
    await app.rapport.ports.privacy.set('console:local:olga', COMMUNITY, { noProfiling: true, noDms: true });
    await app.rapport.pipeline.handle(ask('My parcel still has not arrived, how long does delivery take?', 'olga'));
    expect(posts.map((p) => p.footer)).toEqual([expect.stringContaining('shipping-time')]);
  });

  it('GIVEN a batch of silent questions THEN their log rows are in the table when the batch is handled, once each', async () => {
    const { app } = await start();
    const batch = [ask('How do I bake sourdough bread at home?'), ask('Which oven temperature works for rye bread?', 'bob'), ask('Can I freeze sourdough starter?', 'cy')];
    expect(await app.rapport.pipeline.handleBatch([...batch, batch[0]!])).toEqual([true, true, true, false]);
    const rows = await app.db.prisma.answerLog.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.messageId, r.answered])).toEqual(batch.map((e) => [e.messageId, false]));
  });

  it('GIVEN silent questions written behind WHEN the unanswered list is read or a member replies in a question\'s thread THEN they are there, and a flush writes the rest', async () => {
    const { app, posts } = await start();
    const { answering } = app.rapport.ports;
    const first = ask('How do I bake sourdough bread at home?');
    await app.rapport.pipeline.handle(first);
    await app.rapport.pipeline.handle(ask('Which oven temperature works for rye bread?', 'bob'));
    expect(posts).toEqual([]);
    expect((await answering.unanswered.list(COMMUNITY)).map((g) => g.question)).toEqual(['Which oven temperature works for rye bread?', 'How do I bake sourdough bread at home?']);

    const waiting = ask('Why does my dough not rise overnight?');
    await app.rapport.pipeline.handle(waiting);
    await app.rapport.pipeline.handle(ask('Use warmer water and give it more time.', 'bob', { threadId: waiting.messageId, replyTo: { messageId: waiting.messageId, memberId: 'console:local:ann' } }));
    const replies = await app.db.prisma.answerReply.findMany({ include: { answerLog: true } });
    expect(replies.map((r) => [r.answerLog.messageId, r.text])).toEqual([[waiting.messageId, 'Use warmer water and give it more time.']]);

    await app.rapport.pipeline.handle(ask('Can I freeze sourdough starter?'));
    await answering.flush();
    expect(await app.db.prisma.answerLog.count({ where: { answered: false } })).toBe(4);
  });

  it('GIVEN rows written together WHEN one repeats a logged message and one\'s asker was erased THEN only the others are stored', async () => {
    const { app } = await start();
    await app.repos.members.ensure({ id: 'console:local:ann', communityId: COMMUNITY, platformId: 'ann', displayName: 'ann', isBot: false });
    const row = (messageId: string, asker = 'console:local:ann') => ({ communityId: COMMUNITY, channelId: CHANNEL, messageId, askerMemberId: asker, question: 'Q?', normalized: 'q', entryKey: null, confidence: 0.2, answered: false, createdAt: new Date() });
    expect(await app.repos.answerLogs.recordMany!([row('a'), row('b')])).toBe(2);
    expect(await app.repos.answerLogs.recordMany!([row('b'), row('c'), row('d', 'console:local:gone')])).toBe(1);
    expect((await app.db.prisma.answerLog.findMany({ orderBy: { messageId: 'asc' } })).map((l) => l.messageId)).toEqual(['a', 'b', 'c']);
  });

  it('GIVEN candidate replies written together THEN each lands under the open log its parent names, and those findByMessage and the checks would refuse are skipped', async () => {
    const { app } = await start();
    for (const m of ['ann', 'bob']) await app.repos.members.ensure({ id: `console:local:${m}`, communityId: COMMUNITY, platformId: m, displayName: m, isBot: false });
    const log = (messageId: string) => ({ communityId: COMMUNITY, channelId: CHANNEL, messageId, askerMemberId: 'console:local:ann', question: 'Q?', normalized: 'q', entryKey: null, confidence: 0.2, answered: false, createdAt: new Date() });
    const q1 = (await app.repos.answerLogs.record(log('q1')))!;
    const q2 = (await app.repos.answerLogs.record(log('q2')))!;
    await app.repos.answerLogs.setReply(q2.id, 'bot-reply-2');
    const q3 = (await app.repos.answerLogs.record(log('q3')))!;
    await app.repos.answerLogs.setStatus([q3.id], 'dismissed');
    const reply = (parentMessageId: string, messageId: string, author: string, notByAsker: boolean) => ({ communityId: COMMUNITY, parentMessageId, authorId: `console:local:${author}`, messageId, text: `text ${messageId}`, createdAt: new Date(), notByAsker });
    const written = await app.repos.answerLogs.addReplies!([
      reply('q1', 'r1', 'bob', true), // counts
      reply('bot-reply-2', 'r2', 'bob', false), // a reply to Rapport's answer counts for its question
      reply('q1', 'r3', 'ann', true), // the asker's own follow-up in the channel: no
      reply('q1', 'r4', 'ann', false), // the asker in the question's thread: yes
      reply('q1', 'q1', 'bob', false), // the question itself: no
      reply('q3', 'r5', 'bob', false), // a dismissed question: no
      reply('nothing', 'r6', 'bob', false), // no log: no
      reply('q1', 'r7', 'gone', false), // an author erased meanwhile: no
      reply('q1', 'r1', 'bob', true), // the same reply again: once
    ]);
    expect(written).toBe(3);
    const rows = await app.db.prisma.answerReply.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.answerLogId, r.messageId, r.authorId, r.text])).toEqual([
      [q1.id, 'r1', 'console:local:bob', 'text r1'],
      [q2.id, 'r2', 'console:local:bob', 'text r2'],
      [q1.id, 'r4', 'console:local:ann', 'text r4'],
    ]);
    expect(await app.repos.answerLogs.addReplies!([reply('q1', 'r1', 'bob', true)])).toBe(0);
  });

  it('GIVEN a question message logged once WHEN it is logged again (a redelivery) THEN the second write is refused quietly', async () => {
    const { app } = await start();
    await app.repos.members.ensure({ id: 'console:local:ann', communityId: COMMUNITY, platformId: 'ann', displayName: 'ann', isBot: false });
    const input = { communityId: COMMUNITY, channelId: CHANNEL, messageId: 'm-dup', askerMemberId: 'console:local:ann', question: 'Q?', normalized: 'q', entryKey: null, confidence: 0.2, answered: false, createdAt: new Date() };
    expect(await app.repos.answerLogs.record(input)).toMatchObject({ id: expect.any(Number), status: 'open' });
    expect(await app.repos.answerLogs.record(input)).toBeNull();
  });
});
