// Proves when Rapport answers a message and when it stays silent: watched channels only, a bot mention always asks, a message addressed to another member is theirs, the community's threshold decides.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKbJson } from '../../../src/core/answers/index.ts';
import { ASK_HUMAN_ACTION, HELPED_ACTION, UNHELPFUL_ACTION } from '../../../src/core/answers/feature/answer-question.ts';
import { GENERAL, createFixture, message } from './answering-fixture.ts';

const PARAPHRASE = 'My parcel still has not arrived, how long does shipping take?';

describe('answering a question', () => {
  it('GIVEN an entry WHEN a member asks in other words in a watched channel THEN Rapport replies in the thread, names the entry and shows the vote buttons and Ask a human', async () => {
    const f = await createFixture();
    const outcome = await f.ask(PARAPHRASE);
    expect(outcome.kind).toBe('answered');
    expect(f.posts).toHaveLength(1);
    const [{ target, message }] = f.posts as [(typeof f.posts)[number]];
    expect(target).toEqual({ channelId: GENERAL, threadOf: outcome.kind === 'answered' ? outcome.log.messageId : '' });
    expect(message.text).toContain('3-5 days');
    expect(message.footer).toContain('shipping-time');
    const logId = String(outcome.kind === 'answered' ? outcome.log.id : 0);
    expect(message.buttons?.map((b) => [b.actionId, b.value])).toEqual([[HELPED_ACTION, logId], [UNHELPFUL_ACTION, logId], [ASK_HUMAN_ACTION, logId]]);
    expect(f.logs.logs[0]).toMatchObject({ answered: true, entryKey: 'shipping-time', replyMessageId: 'b1' });
  });

  it('GIVEN a question that is itself a thread reply THEN the answer goes to that thread', async () => {
    const f = await createFixture();
    await f.ask(PARAPHRASE, { threadId: 'root-1', replyTo: { messageId: 'root-1', memberId: 'console:t:ann' } });
    expect(f.posts[0]?.target.threadOf).toBe('root-1');
  });

  it('GIVEN an unwatched channel WHEN a member asks THEN nothing is posted or logged', async () => {
    const f = await createFixture();
    f.unwatched.add(GENERAL);
    expect(await f.ask(PARAPHRASE)).toMatchObject({ kind: 'ignored', reason: 'unwatched' });
    expect(f.posts).toEqual([]);
    expect(f.logs.logs).toEqual([]);
  });

  it('GIVEN a message from a bot THEN it is ignored', async () => {
    const f = await createFixture();
    expect(await f.ask(PARAPHRASE, { author: { memberId: 'console:t:bot', displayName: 'bot', isBot: true, isModerator: false } })).toMatchObject({ kind: 'ignored', reason: 'bot' });
  });

  it('GIVEN a short statement with no question in it WHEN the bot is mentioned THEN it is treated as a question and answered', async () => {
    const f = await createFixture();
    const plain = await f.ask('password');
    expect(plain).toMatchObject({ kind: 'ignored', reason: 'not-a-question' });
    const mentioned = await f.ask('@rapport password', { mentionsBot: true });
    expect(mentioned.kind).toBe('answered');
    expect(f.posts[0]?.message.footer).toContain('reset-password');
  });

  it('GIVEN a mention Rapport has no answer for THEN it says so in the thread and logs the question as unanswered', async () => {
    const f = await createFixture();
    const outcome = await f.ask('@rapport how do I bake sourdough bread at home?', { mentionsBot: true });
    expect(outcome.kind).toBe('unanswered');
    expect(f.posts).toHaveLength(1);
    expect(f.posts[0]?.message.buttons).toBeUndefined();
    expect(f.logs.logs[0]).toMatchObject({ answered: false });
  });

  it('GIVEN a question addressed to another member by mention or by reply THEN Rapport leaves it to them', async () => {
    const f = await createFixture();
    expect(await f.ask('<@U2> how long does shipping take for my parcel?', { mentions: ['console:t:u2'] })).toMatchObject({ kind: 'ignored', reason: 'not-a-question' });
    expect(await f.ask(PARAPHRASE, { replyTo: { messageId: 'x1', memberId: 'console:t:bob' } })).toMatchObject({ kind: 'ignored', reason: 'not-a-question' });
    expect(f.posts).toEqual([]);
  });

  it('GIVEN an off-topic question THEN Rapport stays silent and the question goes on the unanswered list', async () => {
    const f = await createFixture();
    expect((await f.ask('How do I bake sourdough bread at home?')).kind).toBe('unanswered');
    expect(f.posts).toEqual([]);
    const list = await f.answering.unanswered.list('console:t');
    expect(list.map((g) => g.question)).toEqual(['How do I bake sourdough bread at home?']);
  });

  it('GIVEN a community threshold above the confidence THEN Rapport stays silent; back at the default it answers', async () => {
    const f = await createFixture();
    await f.answering.cache.get('console:t');
    await f.answering.admin.setThreshold('console:t', 0.999);
    const silent = await f.ask(PARAPHRASE);
    expect(silent.kind).toBe('unanswered');
    expect(f.posts).toEqual([]);
    await f.answering.admin.setThreshold('console:t', null);
    expect((await f.ask(PARAPHRASE)).kind).toBe('answered');
  });

  it('GIVEN the same message delivered twice THEN it is answered once', async () => {
    const f = await createFixture();
    await f.ask(PARAPHRASE, { messageId: 'same' });
    await f.ask(PARAPHRASE, { messageId: 'same' });
    expect(f.posts).toHaveLength(1);
  });

  it('GIVEN the Bulgarian shop knowledge base (eval/datasets/faq/shop-bg.kb.json) WHEN a member asks in Bulgarian THEN the reply and its buttons are in Bulgarian', async () => {
    const f = await createFixture(parseKbJson(readFileSync(new URL('../../../eval/datasets/faq/shop-bg.kb.json', import.meta.url), 'utf8')));
    const outcome = await f.answering.onMessage(message('Къде мога да проследя пратката?'), 'bg');
    expect(outcome.kind).toBe('answered');
    const reply = f.posts[0]!.message;
    expect(reply.footer).toContain('От записа „bg-order-tracking“');
    expect(reply.buttons?.map((b) => b.label)).toEqual(['Помогна ми', 'Не помогна', 'Питай човек']);
  });
});
