// Proves the routing check asks each helper at most the daily limit (counted per UTC day), skips members who opted out of mentions, of DMs or of profiling and members who left, and that a check run twice sends once.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.ts';
import type { MessagePosted } from '../../../src/core/events.ts';
import type { OutgoingMessage, PostTarget } from '../../../src/core/outgoing.ts';
import { createRouting } from '../../../src/core/routing/create-routing.ts';
import { createNoticeSender } from '../../../src/core/outbox/notice-sender.ts';
import { createTranslator } from '../../../src/i18n/create-translator.ts';
import { createInMemoryRoutingRepository } from './in-memory-routing-repository.ts';

const C = 'slack:T1';
const CH = 'slack:T1:C1';
const id = (n: string) => `slack:T1:${n}`;

async function setup(options: { mode?: 'mention' | 'dm'; dailyLimit?: number; noDms?: string[]; noProfiling?: string[]; left?: string[] } = {}) {
  const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));
  const repo = createInMemoryRoutingRepository([id('mod')]);
  await repo.saveSettings(C, { enabled: true, mode: options.mode ?? 'mention', dailyLimit: options.dailyLimit ?? 3 });
  const posts: Array<{ target: PostTarget; message: OutgoingMessage }> = [];
  const dms: Array<{ memberId: string; message: OutgoingMessage }> = [];
  const jobs: Array<{ questionId: number }> = [];
  let seq = 0;
  const replier = {
    post: async (target: PostTarget, message: OutgoingMessage) => (posts.push({ target, message }), { messageId: `b${++seq}`, channelId: target.channelId }),
    dm: async (memberId: string, message: OutgoingMessage) => (dms.push({ memberId, message }), { messageId: `d${++seq}`, channelId: 'dm' }),
  };
  const logger = { debug() {}, info() {}, warn() {}, error() {}, child() { return this; } } as never;
  const routing = createRouting({
    repo,
    notices: createNoticeSender({ outbox: repo.outbox, repliers: { forId: () => replier }, clock, logger }),
    clock,
    scheduler: { define: () => {}, enqueue: async (_name, data) => void jobs.push(data as { questionId: number }) },
    repliers: { forId: () => replier },
    translator: await createTranslator(),
    logger,
    communities: { get: async () => ({ id: C, platform: 'slack', name: 'T1', language: 'en', timeZone: 'UTC' }) },
    members: { get: async (m) => (options.left?.includes(m) ? null : { id: m, communityId: C, platformId: m, displayName: m.split(':').pop()!, isBot: false, isModerator: false, language: null }) },
    channels: { get: async () => ({ id: CH, communityId: C, name: 'help', watched: true }) },
    privacy: {
      mayProfile: async (_c, m) => !options.noProfiling?.includes(m),
      mayDm: async (_c, m) => !options.noDms?.includes(m) && !options.noProfiling?.includes(m),
    },
    botAnswered: async () => false,
  });
  const say = (author: string, text: string, extra: Partial<MessagePosted> = {}) =>
    routing.onMessage({ type: 'message.posted', platform: 'slack', eventId: `e${++seq}`, communityId: C, occurredAt: clock.now(), channelId: CH, messageId: `m${seq}`, author: { memberId: id(author), displayName: author, isBot: false, isModerator: false }, text, mentions: [], mentionsBot: false, ...extra });
  // Four members spoke just now (none of it a question).
  for (const helper of ['h1', 'h2', 'h3', 'h4']) await say(helper, 'good morning everyone');
  return { clock, repo, posts, dms, jobs, routing, say };
}

const asked = (message: OutgoingMessage | undefined) => message?.mentions ?? [];

describe('routing limits and opt-outs', () => {
  it('GIVEN a daily limit of 1 WHEN two questions wait the same day THEN no helper is asked twice; the next UTC day they may be asked again', async () => {
    const s = await setup({ dailyLimit: 1 });
    await s.say('a1', 'how do I mount a usb drive?');
    await s.say('a2', 'how do I format a usb drive?');
    expect(s.jobs).toHaveLength(2);
    s.clock.advance(10 * 60_000);
    await s.routing.check(s.jobs[0]!.questionId);
    await s.routing.check(s.jobs[1]!.questionId);
    const first = asked(s.posts[0]?.message);
    const second = asked(s.posts[1]?.message);
    expect(first).toHaveLength(3);
    expect(second.filter((m) => first.includes(m))).toEqual([]);
    s.clock.advance(24 * 60 * 60_000);
    for (const helper of ['h1', 'h2', 'h3', 'h4']) await s.say(helper, 'good morning again');
    await s.say('a3', 'how do I eject a usb drive?');
    s.clock.advance(10 * 60_000);
    await s.routing.check(s.jobs[2]!.questionId);
    expect(asked(s.posts[2]?.message)).toHaveLength(3);
  });

  it('GIVEN a member opted out of mentions WHEN routing by mention THEN they are not mentioned', async () => {
    const s = await setup();
    await s.repo.setMentionOptOut(id('h4'), C, true);
    await s.say('a1', 'how do I mount a usb drive?');
    await s.routing.check(s.jobs[0]!.questionId);
    expect(asked(s.posts[0]?.message)).not.toContain(id('h4'));
    expect(asked(s.posts[0]?.message)).toHaveLength(3);
  });

  it('GIVEN DM mode, one member with DMs closed, one opted out of profiling and one who left WHEN routed THEN only the remaining member gets a DM', async () => {
    const s = await setup({ mode: 'dm', noDms: [id('h4')], noProfiling: [id('h3')], left: [id('h2')] });
    await s.say('a1', 'how do I mount a usb drive?');
    expect(await s.routing.check(s.jobs[0]!.questionId)).toEqual({ kind: 'routed', helpers: [id('h1')], mode: 'dm' });
    expect(s.dms.map((d) => d.memberId)).toEqual([id('h1')]);
  });

  it('GIVEN a check already ran WHEN it runs again THEN nothing more is sent', async () => {
    const s = await setup();
    await s.say('a1', 'how do I mount a usb drive?');
    expect((await s.routing.check(s.jobs[0]!.questionId)).kind).toBe('routed');
    expect(await s.routing.check(s.jobs[0]!.questionId)).toEqual({ kind: 'skipped', reason: 'not-waiting' });
    expect(s.posts).toHaveLength(1);
  });

  it('GIVEN the bot cannot post in the channel WHEN routing by mention THEN the question fails once and each moderator gets one DM naming the channel', async () => {
    const s = await setup();
    await s.say('a1', 'how do I mount a usb drive?');
    const failing = { post: async () => { throw new Error('not_in_channel'); }, dm: async (memberId: string, message: OutgoingMessage) => (s.dms.push({ memberId, message }), { messageId: 'd', channelId: 'dm' }) };
    const routing = createRouting({ repo: s.repo, notices: createNoticeSender({ outbox: s.repo.outbox, repliers: { forId: () => failing }, clock: s.clock, logger: { debug() {}, info() {}, warn() {}, error() {} } as never }), clock: s.clock, scheduler: { define: () => {}, enqueue: async () => {} }, repliers: { forId: () => failing }, translator: await createTranslator(), logger: { debug() {}, info() {}, warn() {}, error() {} } as never, communities: { get: async () => null }, members: { get: async (m) => ({ id: m, communityId: C, platformId: m, displayName: 'x', isBot: false, isModerator: false, language: null }) }, channels: { get: async () => ({ id: CH, communityId: C, name: 'help', watched: true }) }, privacy: { mayProfile: async () => true, mayDm: async () => true }, botAnswered: async () => false, model: s.routing.model });
    expect(await routing.check(s.jobs[0]!.questionId)).toEqual({ kind: 'failed', reason: 'cannot-post' });
    expect(await routing.check(s.jobs[0]!.questionId)).toEqual({ kind: 'skipped', reason: 'not-waiting' });
    expect(s.dms.map((d) => d.memberId)).toEqual([id('mod')]);
    expect(s.dms[0]!.message.text).toMatch(/could not post in #help .*\(not_in_channel\)/);
    // Sent at once, so nothing is left owed in the outbox.
    expect(await s.repo.outbox.pending()).toEqual([]);
  });
});

describe('routing history', () => {
  it('GIVEN a question older than the delay (an import of history) WHEN it passes through routing THEN no check is queued', async () => {
    const s = await setup();
    await s.say('a1', 'how do I mount a usb drive?', { occurredAt: new Date(s.clock.now().getTime() - 11 * 60_000) });
    expect(s.jobs).toHaveLength(0);
    await s.say('a2', 'how do I format a usb drive?');
    expect(s.jobs).toHaveLength(1);
  });
});
