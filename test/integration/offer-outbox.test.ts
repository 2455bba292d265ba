// Proves the offer outbox: an approval made while Redis is away returns at once and its DM is sent once when Redis is back; a DM job lost with its process is sent by another process's relay; a DM refused for good (closed DMs) frees the place and leaves nothing owed.
import type { Repositories } from '../../src/core/ports.ts';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/core/adapter.ts';
import { OUTBOX_RELAY_AFTER_MS } from '../../src/core/ambassadors/job-settings.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { PlatformError } from '../../src/core/errors.ts';
import type { JobScheduler } from '../../src/core/scheduler.ts';
import { createBullmqScheduler } from '../../src/jobs/bullmq-scheduler.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import type { Rapport } from '../../src/main.ts';
import { openRapportProcess } from '../support/rapport-process.ts';
import { REDIS_URL, dropSchema, uniqueName } from '../support/services.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';
import { waitFor } from '../support/wait-for.ts';

const logger = createLogger({ level: process.env['DEBUG_OUTBOX'] ? 'debug' : 'silent', pretty: false });
const COMMUNITY = 'console:outbox';
const id = (name: string) => `${COMMUNITY}:${name}`;
const DAY = 86_400_000;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dmAdapter(refuse?: (memberId: string) => Error | null): ChatAdapter & { dms: string[] } {
  const dms: string[] = [];
  return {
    platform: 'console',
    dms,
    replier: {
      post: async (target) => ({ messageId: 'p', channelId: target.channelId }),
      dm: async (memberId) => {
        const error = refuse?.(memberId);
        if (error) throw error;
        dms.push(memberId);
        return { messageId: `d${dms.length}`, channelId: `dm:${memberId}` };
      },
    },
    async start() {},
    async stop() {},
  };
}

const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));

/** One Rapport process on the test's schema (its own pool); `start: false` leaves its scheduler stopped, as a process about to die. */
type Process = Rapport & { services: { repos: Repositories; ambassadors: Rapport['ports']['ambassadors'] } };

async function instance(schema: string, scheduler: JobScheduler, adapter: ChatAdapter, options: { start?: boolean } = {}): Promise<Process> {
  const process = await openRapportProcess({
    schema, scheduler, adapter, clock, logger,
    ambassadors: { limits: { perPlatform: { slack: { max: 5, durationMs: 1_000 }, discord: { max: 5, durationMs: 1_000 }, console: { max: 5, durationMs: 1_000 } }, perCommunitySpacingMs: 0 } },
  });
  if (options.start !== false) await process.rapport.start();
  cleanups.push(process.stop);
  // What a test reads besides Rapport's ports: the repositories of this process.
  return Object.assign(process.rapport, { stop: process.stop, services: { repos: process.repos, ambassadors: process.rapport.ports.ambassadors } });
}

async function schemaWithOffer(): Promise<string> {
  const schema = uniqueName('outbox');
  cleanups.push(() => dropSchema(schema));
  return schema;
}

async function seedOffer(rapport: Process, places = 1): Promise<string> {
  const { repos } = rapport.services;
  await repos.communities.ensure({ id: COMMUNITY, platform: 'console', name: 'outbox' });
  await repos.members.ensureMany(['ana', 'ben'].map((name) => ({ id: id(name), communityId: COMMUNITY, platformId: name, displayName: name, isBot: false, isModerator: false })));
  for (const name of ['ana', 'ben']) await repos.ambassadors.changeStage({ memberId: id(name), communityId: COMMUNITY, from: 'newcomer', to: 'advocate', reasons: [], cause: 'promotion', at: clock.now() });
  const offer = await rapport.ports.ambassadors.offers.create({ communityId: COMMUNITY, title: 'Swag', content: 'code', eligibleStage: 'advocate', places, expiresAt: new Date(clock.now().getTime() + 7 * DAY) });
  return offer.id;
}

describe('the offer outbox', () => {
  it('GIVEN Redis away WHEN a moderator approves THEN the approval returns at once, and the DM is sent exactly once when Redis is back', async () => {
    const schema = await schemaWithOffer();
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
    cleanups.push(() => proxy.close());
    const prefix = uniqueName('outboxq');
    cleanups.push(async () => {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });
    const scheduler = await createBullmqScheduler({ url: proxy.url('redis'), prefix, logger, backoffBaseMs: 50 });
    const adapter = dmAdapter();
    const rapport = await instance(schema, scheduler, adapter);
    const offerId = await seedOffer(rapport);
    const { offers } = rapport.ports.ambassadors;
    const { repos } = rapport.services;

    await proxy.cut();
    await waitFor(() => scheduler.stats!().then(() => false, () => true), 'the scheduler to see Redis away');
    const approved = await Promise.race([offers.approve(offerId, id('ana')), new Promise((_, reject) => setTimeout(() => reject(new Error('approve still waiting after 30 s')), 30_000))]);
    expect(approved).toMatchObject({ ok: true });
    expect((await repos.offers.recipient(offerId, id('ana')))?.state).toBe('approved');
    expect(await repos.offers.pendingOutbox(offerId)).toHaveLength(1);
    expect(adapter.dms).toEqual([]);

    await proxy.restore();
    await waitFor(async () => (await repos.offers.recipient(offerId, id('ana')))?.state === 'sent', 'the DM to be sent after Redis returns');
    await waitFor(async () => (await repos.offers.pendingOutbox(offerId)).length === 0, 'the outbox row to be settled');
    // A relay long after finds nothing owed: no second DM.
    clock.advance(OUTBOX_RELAY_AFTER_MS * 2);
    expect(await offers.relayOutbox()).toBe(0);
    await waitFor(async () => {
      const stats = await scheduler.stats!();
      return stats.waiting === 0 && stats.active === 0;
    }, 'the queues to drain');
    expect(adapter.dms).toEqual([id('ana')]);
  }, 120_000);

  it('GIVEN a process that approved and died before its DM job ran WHEN another process relays the outbox THEN the DM is sent once', async () => {
    const schema = await schemaWithOffer();
    const dying = await instance(schema, createInProcessScheduler({ logger }), dmAdapter(), { start: false });
    const offerId = await seedOffer(dying);
    expect(await dying.services.ambassadors.offers.approve(offerId, id('ana'))).toMatchObject({ ok: true });
    await dying.stop(); // its queued DM job dies with it

    const adapter = dmAdapter();
    const survivor = await instance(schema, createInProcessScheduler({ logger, backoffBaseMs: 20 }), adapter);
    const { repos } = survivor.services;
    expect((await repos.offers.recipient(offerId, id('ana')))?.state).toBe('approved');
    expect(await survivor.services.ambassadors.offers.relayOutbox()).toBe(0); // not yet: its own job may still be coming
    clock.advance(OUTBOX_RELAY_AFTER_MS + 1_000);
    expect(await survivor.services.ambassadors.offers.relayOutbox()).toBe(1);
    await waitFor(async () => (await repos.offers.pendingOutbox(offerId)).length === 0, 'the relayed DM to be done');
    expect((await repos.offers.recipient(offerId, id('ana')))?.state).toBe('sent');
    clock.advance(OUTBOX_RELAY_AFTER_MS * 100);
    expect(await survivor.services.ambassadors.offers.relayOutbox()).toBe(0);
    expect(adapter.dms).toEqual([id('ana')]);
  }, 120_000);

  it('GIVEN a member whose DMs are closed WHEN their approved DM is refused for good THEN nothing is owed and their place goes to the next member', async () => {
    const schema = await schemaWithOffer();
    const adapter = dmAdapter((memberId) => (memberId === id('ana') ? new PlatformError('console', 'dm_closed', 'closed', { retryable: false }) : null));
    const rapport = await instance(schema, createInProcessScheduler({ logger, backoffBaseMs: 20 }), adapter);
    const offerId = await seedOffer(rapport, 1);
    const { offers } = rapport.ports.ambassadors;
    const { repos } = rapport.services;
    expect(await offers.approve(offerId, id('ana'))).toMatchObject({ ok: true });
    await waitFor(async () => (await repos.offers.pendingOutbox(offerId)).length === 0, 'the refused DM to be settled');
    expect((await repos.offers.recipient(offerId, id('ana')))?.state).toBe('closed_dms');
    expect(await offers.approve(offerId, id('ben'))).toMatchObject({ ok: true });
    await waitFor(async () => (await repos.offers.recipient(offerId, id('ben')))?.state === 'sent', "the next member's DM to be sent");
    clock.advance(OUTBOX_RELAY_AFTER_MS * 100);
    expect(await offers.relayOutbox()).toBe(0);
    expect(adapter.dms).toEqual([id('ben')]);
  }, 120_000);
});
