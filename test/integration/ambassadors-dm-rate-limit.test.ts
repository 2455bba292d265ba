// Proves offer DMs honour their rate limits: the per-platform BullMQ limiter on this machine's
// Redis (never more than `max` DMs start in any `durationMs` window, each DM sent once), and the
// per-community spacing recorded when moderators approve.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createAmbassadors, type Ambassadors } from '../../src/core/ambassadors/create-ambassadors.ts';
import { defaultDmLimits } from '../../src/core/ambassadors/dm-limits.ts';
import { systemClock } from '../../src/core/clock.ts';
import type { ReplierDirectory } from '../../src/core/outgoing.ts';
import type { JobScheduler } from '../../src/core/scheduler.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { createTranslator } from '../../src/i18n/create-translator.ts';
import { createBullmqScheduler } from '../../src/jobs/bullmq-scheduler.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { POSTGRES_URL, REDIS_URL, dropSchema, uniqueName } from '../support/services.ts';

const logger = createLogger({ level: 'silent', pretty: false });
const COMMUNITY = 'console:local';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(scheduler: JobScheduler, limits: typeof defaultDmLimits, members: string[]) {
  const schema = uniqueName('dmrl');
  const db: Database = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
  cleanups.push(async () => {
    await db.close();
    await dropSchema(schema);
  });
  const repos = createRepositories(db.prisma);
  const sentAt: Array<{ memberId: string; at: number }> = [];
  const repliers: ReplierDirectory = {
    forId: () => ({
      async post(target) {
        return { messageId: 'p', channelId: target.channelId };
      },
      async dm(memberId) {
        sentAt.push({ memberId, at: Date.now() });
        return { messageId: `d${sentAt.length}`, channelId: `dm:${memberId}` };
      },
    }),
  };
  // Offers need no scores here: the members are placed in their stage directly.
  const ambassadors: Ambassadors = createAmbassadors({ repos, clock: systemClock, scheduler, logger, repliers, translator: await createTranslator(), limits, signals: async () => null });
  ambassadors.offers.defineJobs();
  await scheduler.start();
  cleanups.push(() => scheduler.close());
  await repos.communities.ensure({ id: COMMUNITY, platform: 'console', name: 'console' });
  await repos.members.ensureMany(members.map((name) => ({ id: `${COMMUNITY}:${name}`, communityId: COMMUNITY, platformId: name, displayName: name, isBot: false, isModerator: false })));
  for (const name of members) {
    await repos.ambassadors.changeStage({ memberId: `${COMMUNITY}:${name}`, communityId: COMMUNITY, from: 'newcomer', to: 'advocate', reasons: [], cause: 'promotion', at: new Date() });
  }
  const offer = await ambassadors.offers.create({ communityId: COMMUNITY, title: 'Beta', content: 'code', eligibleStage: 'advocate', places: 100, expiresAt: new Date(Date.now() + 86_400_000) });
  return { repos, ambassadors, offer, sentAt };
}

describe('offer DM rate limits', () => {
  it('GIVEN 7 approvals and a limit of 2 DMs per second on BullMQ THEN no limiter window holds more than 2 DM starts, and each member gets one DM', async () => {
    const prefix = uniqueName('dmrl');
    const scheduler = await createBullmqScheduler({ url: REDIS_URL, prefix, logger, backoffBaseMs: 10 });
    cleanups.push(async () => {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });
    const limits = { perPlatform: { ...defaultDmLimits.perPlatform, console: { max: 2, durationMs: 1_000 } }, perCommunitySpacingMs: 0 };
    const members = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];
    const { ambassadors, offer, sentAt, repos } = await setUp(scheduler, limits, members);
    for (const name of members) expect((await ambassadors.offers.approve(offer.id, `${COMMUNITY}:${name}`)).ok).toBe(true);
    // Approving again enqueues nothing new (the proposal is no longer waiting; the job id is taken).
    expect(await ambassadors.offers.approve(offer.id, `${COMMUNITY}:m1`)).toEqual({ ok: false, why: 'not_proposed' });

    const deadline = Date.now() + 30_000;
    while (sentAt.length < members.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(sentAt.map((s) => s.memberId).sort()).toEqual(members.map((m) => `${COMMUNITY}:${m}`));
    // When BullMQ started each job (processedOn is written by the same Redis script that applies the
    // limiter, so our own event loop's delays do not blur it).
    // A job is marked completed just after its DM went out: wait for the last mark on a loaded machine.
    const queue = new Queue('offers.dm.console', { connection: { url: REDIS_URL }, prefix });
    const markDeadline = Date.now() + 30_000;
    while (((await queue.getJobCounts('completed')).completed ?? 0) < members.length && Date.now() < markDeadline) await new Promise((r) => setTimeout(r, 25));
    const times = (await queue.getJobs(['completed'])).map((job) => job.processedOn!).sort((a, b) => a - b);
    await queue.close();
    expect(times).toHaveLength(members.length);
    // The limiter is a fixed window opened by its first job: rebuild the windows from the starts (100 ms
    // of slack for the worker's clock reading before the script runs): none may hold more than 2 starts, so 7 DMs need at least 4 windows.
    const windows: number[][] = [];
    for (const at of times) {
      const current = windows.at(-1);
      if (current && at - current[0]! < 900) current.push(at);
      else windows.push([at]);
    }
    expect(windows.map((w) => w.length).every((n) => n <= 2)).toBe(true);
    expect(windows.length).toBeGreaterThanOrEqual(4);
    expect((await repos.offers.counts(offer.id)).sent).toBe(members.length);
  });

  it('GIVEN a community spacing of 5 minutes THEN approvals schedule each DM 5 minutes after the previous one', async () => {
    const scheduler = createInProcessScheduler({ logger, backoffBaseMs: 10 });
    const limits = { ...defaultDmLimits, perCommunitySpacingMs: 300_000 };
    const { ambassadors, offer, sentAt, repos } = await setUp(scheduler, limits, ['a', 'b', 'c']);
    for (const name of ['a', 'b', 'c']) await ambassadors.offers.approve(offer.id, `${COMMUNITY}:${name}`);
    const scheduled = (await repos.offers.recipients(offer.id)).map((r) => r.scheduledFor!.getTime()).sort((x, y) => x - y);
    expect([scheduled[1]! - scheduled[0]!, scheduled[2]! - scheduled[1]!]).toEqual([300_000, 300_000]);
    const deadline = Date.now() + 10_000;
    while (sentAt.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    // The first goes at once; the others wait for their slot.
    expect(sentAt.map((s) => s.memberId)).toEqual([`${COMMUNITY}:a`]);
  });
});
