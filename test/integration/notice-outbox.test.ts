// Proves notices go through the transactional outbox on real PostgreSQL: a hand-off and its ping
// are committed together, so a ping the platform could not take is sent by the relay later, once;
// a member's answer to an offer and the DM it owes are committed together; a question moved to
// "failed" carries its moderators' notice in the same transaction, and a move that does not
// happen writes none.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/core/adapter.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { NOTICE_RELAY_AFTER_MS } from '../../src/core/outbox/notices.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { waitFor } from '../support/wait-for.ts';

const COMMUNITY = 'console:notices';
const id = (name: string) => `${COMMUNITY}:${name}`;
const CHANNEL = id('help');
let app: TestApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

function flakyAdapter(): ChatAdapter & { posts: Array<{ channelId: string; threadOf?: string; text: string; mentions?: string[] }>; down: boolean } {
  const adapter = {
    platform: 'console' as const,
    posts: [] as Array<{ channelId: string; threadOf?: string; text: string; mentions?: string[] }>,
    down: false,
    replier: {
      post: async (target: { channelId: string; threadOf?: string }, message: { text: string; mentions?: string[] }) => {
        if (adapter.down) throw new Error('connect ECONNREFUSED');
        adapter.posts.push({ ...target, text: message.text, ...(message.mentions ? { mentions: message.mentions } : {}) });
        return { messageId: `p${adapter.posts.length}`, channelId: target.channelId };
      },
      dm: async (memberId: string, message: { text: string }) => {
        if (adapter.down) throw new Error('connect ECONNREFUSED');
        adapter.posts.push({ channelId: `dm:${memberId}`, text: message.text });
        return { messageId: `d${adapter.posts.length}`, channelId: `dm:${memberId}` };
      },
    },
    async start() {},
    async stop() {},
  };
  return adapter;
}

async function setup() {
  const adapter = flakyAdapter();
  const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));
  app = await createTestApp({ adapters: [adapter], clock });
  const { repos } = app;
  await repos.communities.ensure({ id: COMMUNITY, platform: 'console', name: 'notices' });
  await repos.members.ensureMany([
    { id: id('mod'), communityId: COMMUNITY, platformId: 'mod', displayName: 'mod', isBot: false, isModerator: true },
    { id: id('ana'), communityId: COMMUNITY, platformId: 'ana', displayName: 'ana', isBot: false, isModerator: false },
  ]);
  return { app, adapter, clock, repos };
}

describe('moderator notices through the outbox', () => {
  it('GIVEN the platform is away WHEN a member asks for a human THEN the hand-off and its ping are stored together, and the relay posts the ping once when the platform is back', async () => {
    const { app, adapter, clock, repos } = await setup();
    adapter.down = true;
    const result = await app.rapport.ports.routing.askHuman({ communityId: COMMUNITY, channelId: CHANNEL, threadOf: 'm1', askerMemberId: id('ana'), question: 'how do I get a refund?' }, 'en');
    expect(result.created).toBe(true);
    expect(await repos.routing.openHandoffFor(COMMUNITY, CHANNEL, 'm1')).not.toBeNull();
    const owed = await repos.notices.pending();
    expect(owed.map((n) => n.to)).toEqual([{ channelId: CHANNEL, threadOf: 'm1' }]);
    expect(owed[0]!.message.mentions).toEqual([id('mod')]);

    // Asked again: the hand-off is already open, nothing more is owed.
    expect((await app.rapport.ports.routing.askHuman({ communityId: COMMUNITY, channelId: CHANNEL, threadOf: 'm1', askerMemberId: id('ana'), question: 'how do I get a refund?' }, 'en')).created).toBe(false);
    expect(await repos.notices.pending()).toHaveLength(1);

    adapter.down = false;
    expect(await app.rapport.ports.notices.relay()).toBe(0); // not before its time: the direct try came first
    clock.advance(NOTICE_RELAY_AFTER_MS);
    expect(await app.rapport.ports.notices.relay()).toBe(1);
    expect(await app.rapport.ports.notices.relay()).toBe(0);
    expect(adapter.posts).toEqual([{ channelId: CHANNEL, threadOf: 'm1', text: expect.stringContaining('ana'), mentions: [id('mod')] }]);
    expect(await repos.notices.pending()).toEqual([]);
  });

  it('GIVEN DMs away WHEN a member accepts an offer THEN the acceptance and the DM with the offer are stored together, and the relay sends the DM once', async () => {
    const { app, adapter, clock, repos } = await setup();
    await repos.ambassadors.changeStage({ memberId: id('ana'), communityId: COMMUNITY, from: 'newcomer', to: 'advocate', reasons: [], cause: 'promotion', at: clock.now() });
    const { offers } = app.rapport.ports.ambassadors;
    const offer = await offers.create({ communityId: COMMUNITY, title: 'Swag', content: 'code SWAG-42', eligibleStage: 'advocate', places: 1, expiresAt: new Date(clock.now().getTime() + 7 * 86_400_000) });
    expect((await offers.approve(offer.id, id('ana'))).ok).toBe(true);
    await waitFor(async () => (await repos.offers.recipient(offer.id, id('ana')))?.state === 'sent', 'the offer DM sent');
    adapter.down = true;
    const reply = async (result: string, o: { content: string }) => ({ text: result === 'accepted' ? `yours: ${o.content}` : result });
    expect(await offers.answer(offer.id, id('ana'), true, reply)).toMatchObject({ result: 'accepted', replied: true });
    expect((await repos.offers.recipient(offer.id, id('ana')))?.state).toBe('accepted');
    expect((await repos.notices.pending()).map((n) => [n.to, n.message.text])).toEqual([[{ dm: id('ana') }, 'yours: code SWAG-42']]);
    adapter.down = false;
    clock.advance(NOTICE_RELAY_AFTER_MS);
    expect(await app.rapport.ports.notices.relay()).toBe(1);
    expect(adapter.posts.filter((p) => p.text === 'yours: code SWAG-42')).toEqual([{ channelId: `dm:${id('ana')}`, text: 'yours: code SWAG-42' }]);
    expect(await repos.notices.pending()).toEqual([]);
  });

  it('GIVEN a question that fails WHEN its status moves THEN the notice is written with the move, and a move that does not happen writes none', async () => {
    const { clock, repos } = await setup();
    const q = await repos.routing.recordQuestion({ communityId: COMMUNITY, channelId: CHANNEL, messageId: 'm2', askerMemberId: id('ana'), question: 'why is my order late?', askedAt: clock.now() });
    expect(await repos.routing.moveQuestion(q!.id, 'waiting', 'routed', clock.now())).toBe(true);
    const notice = { subject: `routing:${q!.id}:cannot-post`, to: { dm: id('mod') }, message: { text: 'could not post in #help' } };
    expect(await repos.routing.moveQuestion(q!.id, 'routed', 'failed', clock.now(), [notice])).toBe(true);
    expect((await repos.routing.getQuestion(q!.id))?.status).toBe('failed');
    expect((await repos.notices.pending()).map((n) => n.subject)).toEqual([notice.subject]);
    // The same move again (a second process, a retried job) changes nothing and owes nothing more.
    expect(await repos.routing.moveQuestion(q!.id, 'routed', 'failed', clock.now(), [{ ...notice, subject: 'routing:again' }])).toBe(false);
    expect((await repos.notices.pending()).map((n) => n.subject)).toEqual([notice.subject]);
  });
});
