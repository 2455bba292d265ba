// Proves Rapport rides out a Redis outage (Redis behind a TCP proxy the test cuts for more than 5 s, or its own redis-server restarted empty): /healthz goes 503 then 200 again without a restart, and a shout-out due during the outage is posted exactly once when Redis is back.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { systemClock } from '../../src/core/clock.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { openDatabase } from '../../src/db/open-database.ts';
import { features } from '../../src/feature-list.ts';
import { createTranslator } from '../../src/i18n/create-translator.ts';
import { createReplayAdapter } from '../../src/import/replay-adapter.ts';
import { createBullmqScheduler } from '../../src/jobs/bullmq-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { buildRapport } from '../../src/main.ts';
import { serveHealth } from '../../src/web/health.ts';
import { POSTGRES_URL, REDIS_URL, dropSchema, uniqueName } from '../support/services.ts';
import { ownRedis } from '../support/redis-server.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';
import { waitFor } from '../support/wait-for.ts';

const logger = createLogger({ level: 'silent', pretty: false });
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A cron pattern (with seconds) that runs once, at `at` (UTC), this year. */
function onceAt(at: Date): string {
  return `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} ${at.getUTCDate()} ${at.getUTCMonth() + 1} *`;
}

interface Outage {
  url: string;
  begin(): Promise<void>;
  end(): Promise<void>;
}

async function missedShoutoutScenario(outage: Outage, prefix: string): Promise<{ posts: number; ticks: Array<{ tick: string }>; due: Date; secondsToHealthy: number }> {
  const schema = uniqueName('outage');
  const db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
  cleanups.push(async () => {
    await db.close();
    await dropSchema(schema);
  });
  const scheduler = await createBullmqScheduler({ url: outage.url, prefix, logger, backoffBaseMs: 50 });
  const adapter = createReplayAdapter('console');
  const repos = createRepositories(db.prisma);
  const rapport = await buildRapport({
    repos, scheduler, logger, clock: systemClock, translator: await createTranslator(), commands, features, adapters: [adapter],
    defaults: { language: 'en', timeZone: 'UTC' },
  });
  cleanups.push(() => rapport.stop());
  // /healthz with the queue check `rapport start` mounts (src/cli/start.ts).
  const server = http.createServer((_req, res) => void serveHealth(res, { queue: async () => void (await scheduler.stats?.()) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  const health = async () => (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`)).status;

  const community = await repos.communities.ensure({ id: 'console:outage', platform: 'console', name: 'outage', timeZone: 'UTC' });
  await repos.channels.ensure({ id: 'console:outage:general', communityId: community.id, name: 'general' });
  const due = new Date(Math.ceil((Date.now() + 10_000) / 1_000) * 1_000);
  await repos.shoutouts.create({ id: 'so-outage', communityId: community.id, channelId: 'console:outage:general', cron: onceAt(due), rule: onceAt(due), period: 'week', template: null });
  await rapport.ports.shoutouts.reschedule(community);
  await rapport.start();
  await waitFor(async () => (await health()) === 200, 'healthy before the outage');

  await outage.begin();
  const cutAt = Date.now();
  expect(cutAt).toBeLessThan(due.getTime()); // the tick falls inside the outage
  await waitFor(async () => (await health()) === 503, '/healthz to report Redis away');
  await waitFor(() => Date.now() > Math.max(due.getTime() + 1_000, cutAt + 6_000), 'the outage to outlast the due time and 5 s');
  expect(adapter.swallowed.posts).toBe(0);

  await outage.end();
  const restoredAt = Date.now();
  await waitFor(async () => (await health()) === 200, '/healthz to recover without a restart');
  const secondsToHealthy = (Date.now() - restoredAt) / 1_000;
  await waitFor(() => adapter.swallowed.posts >= 1, 'the missed shout-out to be posted');
  // Every job that could post it (the delayed tick and the catch-up) has run: nothing waits or runs.
  await waitFor(async () => {
    const stats = await scheduler.stats!();
    return stats.waiting === 0 && stats.active === 0;
  }, 'the queues to drain');
  const ticks = await db.prisma.shoutoutPost.findMany({ select: { tick: true } });
  return { posts: adapter.swallowed.posts, ticks, due, secondsToHealthy };
}

describe('a Redis outage', () => {
  it('GIVEN Redis away for more than 5 s while a shout-out is due WHEN it returns THEN /healthz recovers on its own and the shout-out is posted exactly once', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
    cleanups.push(() => proxy.close());
    const prefix = uniqueName('outage');
    cleanups.push(async () => {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });
    const { posts, ticks, due, secondsToHealthy } = await missedShoutoutScenario({ url: proxy.url('redis'), begin: () => proxy.cut(), end: () => proxy.restore() }, prefix);
    console.info(`redis outage (proxy cut): healthy ${secondsToHealthy.toFixed(1)} s after Redis returned; posts of the missed tick: ${posts}`);
    expect(posts).toBe(1);
    expect(ticks).toEqual([{ tick: due.toISOString() }]);
  }, 120_000);

  it('GIVEN Redis restarted empty (no persistence) while a shout-out is due THEN /healthz recovers, the schedules are registered again and the missed shout-out is posted exactly once', async () => {
    const redis = await ownRedis();
    cleanups.push(() => redis.stop());
    const { posts, ticks, due, secondsToHealthy } = await missedShoutoutScenario({ url: redis.url, begin: () => redis.stop(), end: () => redis.start() }, 'rapport');
    console.info(`redis restarted empty: healthy ${secondsToHealthy.toFixed(1)} s after Redis returned; posts of the missed tick: ${posts}`);
    expect(posts).toBe(1);
    expect(ticks).toEqual([{ tick: due.toISOString() }]);
    const client = new Redis(redis.url);
    cleanups.push(async () => void client.disconnect());
    expect(await client.keys('rapport:shoutout.post:repeat:so-outage*')).not.toEqual([]);
  }, 120_000);
});
