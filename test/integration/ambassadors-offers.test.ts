// Proves the offer rules on real PostgreSQL: only eligible stages are proposed, approvals stop when
// the places are taken (a decline frees one), expired offers approve and accept nothing, a skipped
// member is not proposed again, and only the recipient can answer.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/core/adapter.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

const COMMUNITY = 'console:local';
const id = (name: string) => `${COMMUNITY}:${name}`;
const DAY = 86_400_000;
let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start() {
  const dms: string[] = [];
  const adapter: ChatAdapter = {
    platform: 'console',
    replier: {
      post: async (target) => ({ messageId: 'p', channelId: target.channelId }),
      dm: async (memberId) => {
        dms.push(memberId);
        return { messageId: `d${dms.length}`, channelId: `dm:${memberId}` };
      },
    },
    async start() {},
    async stop() {},
  };
  const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));
  app = await createTestApp({ adapters: [adapter], clock });
  await app.repos.communities.ensure({ id: COMMUNITY, platform: 'console', name: 'console' });
  const stages = { ana: 'advocate', ben: 'advocate', cid: 'advocate', dee: 'love', eli: 'like' } as const;
  await app.repos.members.ensureMany(Object.keys(stages).map((name) => ({ id: id(name), communityId: COMMUNITY, platformId: name, displayName: name, isBot: false, isModerator: false })));
  for (const [name, to] of Object.entries(stages)) {
    await app.repos.ambassadors.changeStage({ memberId: id(name), communityId: COMMUNITY, from: 'newcomer', to, reasons: [], cause: 'promotion', at: clock.now() });
  }
  const { offers } = app.rapport.ports.ambassadors;
  const waitForDms = async (n: number) => {
    const deadline = Date.now() + 10_000;
    while (dms.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  };
  return { app, clock, offers, dms, waitForDms };
}

describe('offers', () => {
  it('GIVEN an offer for love with one place THEN love and advocates are proposed, one is approved, a decline frees the place', async () => {
    const { app: a, clock, offers, waitForDms } = await start();
    const offer = await offers.create({ communityId: COMMUNITY, title: 'Swag', content: 'code', eligibleStage: 'love', places: 1, expiresAt: new Date(clock.now().getTime() + 7 * DAY) });
    const proposed = (await a.repos.offers.recipients(offer.id, ['proposed'])).map((r) => r.memberId).sort();
    expect(proposed).toEqual([id('ana'), id('ben'), id('cid'), id('dee')]);

    expect((await offers.approve(offer.id, id('ana'))).ok).toBe(true);
    expect(await offers.approve(offer.id, id('ben'))).toEqual({ ok: false, why: 'full' });
    expect(await offers.skipProposal(offer.id, id('cid'))).toBe(true);
    expect(await offers.skipProposal(offer.id, id('cid'))).toBe(false);
    await waitForDms(1);

    expect((await offers.answer(offer.id, id('ben'), true)).result).toBe('not_yours');
    expect((await offers.answer(offer.id, id('ana'), false)).result).toBe('declined');
    expect((await offers.answer(offer.id, id('ana'), true)).result).toBe('already');
    expect((await offers.approve(offer.id, id('ben'))).ok).toBe(true);

    // Refreshing the queue proposes nobody again: skipped and answered members keep their state.
    const [queue] = await offers.queue(COMMUNITY, offer.id);
    expect(queue!.proposals.map((p) => p.memberId)).toEqual([id('dee')]);
    const counts = await a.repos.offers.counts(offer.id);
    expect([counts.proposed, counts.skipped, counts.declined, counts.approved + counts.sending + counts.sent]).toEqual([1, 1, 1, 1]);
  });

  it('GIVEN an expired offer THEN nothing is approved or accepted', async () => {
    const { app: a, clock, offers, waitForDms } = await start();
    const offer = await offers.create({ communityId: COMMUNITY, title: 'Beta', content: 'code', eligibleStage: 'advocate', places: 5, expiresAt: new Date(clock.now().getTime() + DAY) });
    expect((await offers.approve(offer.id, id('ana'))).ok).toBe(true);
    await waitForDms(1);
    clock.advance(2 * DAY);
    expect(await offers.approve(offer.id, id('ben'))).toEqual({ ok: false, why: 'expired' });
    expect((await offers.answer(offer.id, id('ana'), true)).result).toBe('expired');
    expect((await a.repos.offers.recipient(offer.id, id('ana')))?.state).toBe('expired');
    expect(await offers.queue(COMMUNITY)).toEqual([]);
  });
});
