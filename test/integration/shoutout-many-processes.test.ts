// Proves a scheduled shout-out is posted once per due time however many Rapport processes share the database: two full instances with in-process schedulers (no Redis), and two on one BullMQ queue prefix.
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import type { JobScheduler } from '../../src/core/scheduler.ts';
import type { Repositories } from '../../src/core/ports.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { createReplayAdapter, type ReplayAdapter } from '../../src/import/replay-adapter.ts';
import { createBullmqScheduler } from '../../src/jobs/bullmq-scheduler.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import type { Rapport } from '../../src/main.ts';
import { openRapportProcess } from '../support/rapport-process.ts';
import { POSTGRES_URL, REDIS_URL, dropSchema, uniqueName } from '../support/services.ts';
import { waitFor } from '../support/wait-for.ts';

const logger = createLogger({ level: 'silent', pretty: false });
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One Rapport process: its own connection pool on the shared schema, its own scheduler. */
async function instance(schema: string, scheduler: JobScheduler): Promise<{ rapport: Rapport; adapter: ReplayAdapter; db: Database; repos: Repositories }> {
  const adapter = createReplayAdapter('console');
  const { rapport, db, repos, stop } = await openRapportProcess({ schema, scheduler, adapter, clock: systemClock, logger });
  cleanups.push(stop);
  return { rapport: Object.assign(rapport, { stop }), adapter, db, repos };
}

/** The second a claimed tick was due in, whatever the tick is named after (a due time, or a timer's Date.now()). */
const dueSecond = (tick: string): number => Math.floor((Number.isNaN(Date.parse(tick)) ? Number(/(\d{13})$/.exec(tick)?.[1]) : Date.parse(tick)) / 1_000);

async function postsOfTwoProcesses(makeScheduler: () => Promise<JobScheduler>): Promise<{ posts: number; dueTimes: number }> {
  const schema = uniqueName('shoutmany');
  cleanups.push(() => dropSchema(schema));
  const a = await instance(schema, await makeScheduler());
  const b = await instance(schema, await makeScheduler());
  const repos = a.repos;
  const community = await repos.communities.ensure({ id: 'console:many', platform: 'console', name: 'many', timeZone: 'UTC' });
  await repos.channels.ensure({ id: 'console:many:general', communityId: community.id, name: 'general' });
  // Every second second: short enough to see several ticks, each due in both processes at once.
  await repos.shoutouts.create({ id: 'so-many', communityId: community.id, channelId: 'console:many:general', cron: '*/2 * * * * *', rule: '*/2 * * * * *', period: 'week', template: null });
  for (const { rapport } of [a, b]) await rapport.ports.shoutouts.reschedule(community);
  await a.rapport.start();
  await b.rapport.start();
  const claimed = () => b.db.prisma.shoutoutPost.count({ where: { scheduleId: 'so-many' } });
  await waitFor(async () => (await claimed()) >= 3, 'three ticks of the schedule');
  // Stopping waits for jobs already running, so every claimed tick has been posted (or released).
  await a.rapport.stop();
  await b.rapport.stop();
  const db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: false });
  const ticks = (await db.prisma.shoutoutPost.findMany({ where: { scheduleId: 'so-many' }, orderBy: { tick: 'asc' } })).map((r) => r.tick);
  await db.close();
  return { posts: a.adapter.swallowed.posts + b.adapter.swallowed.posts, dueTimes: new Set(ticks.map(dueSecond)).size };
}

describe('scheduled posts with several processes', () => {
  it('GIVEN two processes on one database without Redis WHEN a schedule ticks THEN each due time is posted once', async () => {
    const { posts, dueTimes } = await postsOfTwoProcesses(async () => createInProcessScheduler({ logger, backoffBaseMs: 20 }));
    console.info(`in-process x2: ${posts} posts for ${dueTimes} due times`);
    expect(dueTimes).toBeGreaterThanOrEqual(2);
    expect(posts).toBe(dueTimes);
  }, 120_000);

  it('GIVEN two processes on one BullMQ queue prefix WHEN a schedule ticks THEN each due time is posted once', async () => {
    const prefix = uniqueName('shoutmanyq');
    cleanups.push(async () => {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });
    const { posts, dueTimes } = await postsOfTwoProcesses(() => createBullmqScheduler({ url: REDIS_URL, prefix, logger, backoffBaseMs: 20 }));
    console.info(`bullmq x2: ${posts} posts for ${dueTimes} due times`);
    expect(dueTimes).toBeGreaterThanOrEqual(2);
    expect(posts).toBe(dueTimes);
  }, 120_000);
});
