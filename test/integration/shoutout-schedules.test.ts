// Proves scheduled shout-outs: two Rapport processes on the same Redis and database post each tick once, a tick's job run twice posts once, and a restart re-registers every stored schedule.
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { JobScheduler } from '../../src/core/scheduler.ts';
import { SHOUTOUT_JOB } from '../../src/core/shoutouts/create-shoutouts.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { features } from '../../src/feature-list.ts';
import { createTranslator } from '../../src/i18n/create-translator.ts';
import { createReplayAdapter, type ReplayAdapter } from '../../src/import/replay-adapter.ts';
import { createBullmqScheduler } from '../../src/jobs/bullmq-scheduler.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { buildRapport, type Rapport } from '../../src/main.ts';
import { POSTGRES_URL, REDIS_URL, dropSchema, uniqueName } from '../support/services.ts';
import { chatScript, CHANNEL, COMMUNITY } from '../unit/recognition/chat-fixture.ts';

const logger = createLogger({ level: 'silent', pretty: false });
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function database(): Promise<Database> {
  const schema = uniqueName('shout');
  const db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
  cleanups.push(async () => {
    await db.close();
    await dropSchema(schema);
  });
  return db;
}

const repos = (db: Database) => createRepositories(db.prisma);

async function process(db: Database, scheduler: JobScheduler): Promise<{ rapport: Rapport; adapter: ReplayAdapter }> {
  const adapter = createReplayAdapter('console');
  const rapport = await buildRapport({
    repos: createRepositories(db.prisma),
    scheduler,
    logger,
    clock: fixedClock(new Date('2024-03-06T12:00:00Z')),
    translator: await createTranslator(),
    commands,
    features,
    adapters: [adapter],
    defaults: { language: 'en', timeZone: 'Europe/Sofia' },
  });
  let stopped: Promise<void> | undefined;
  const stopOnce = rapport.stop.bind(rapport);
  const stop = () => (stopped ??= stopOnce());
  cleanups.push(stop);
  return { rapport: Object.assign(rapport, { stop }), adapter };
}

async function seed(rapport: Rapport): Promise<void> {
  const chat = chatScript(new Date('2024-03-04T09:00:00Z'));
  await rapport.pipeline.handleBatch([
    chat.say('asker', 'how do I update my graphics driver?', 60),
    chat.say('helper', '@asker open Additional Drivers and pick the recommended one', 60),
    chat.say('asker', 'thanks @helper, works now', 60),
  ]);
}

describe('scheduled shout-outs', () => {
  it('GIVEN two processes on the same Redis both upserting one schedule THEN every tick is posted once', async () => {
    const db = await database();
    const prefix = uniqueName('shoutq');
    cleanups.push(async () => {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });
    const schedulers = [await createBullmqScheduler({ url: REDIS_URL, prefix, logger }), await createBullmqScheduler({ url: REDIS_URL, prefix, logger })];
    const [a, b] = [await process(db, schedulers[0]!), await process(db, schedulers[1]!)];
    await seed(a!.rapport);
    const community = (await a!.rapport.ports.communities.get(COMMUNITY))!;
    const { schedule } = await a!.rapport.ports.shoutouts.schedule({ community, channelId: CHANNEL, rule: 'weekly on Monday 10:00' });
    // Both processes register the schedule under its id, here with a short rule so it ticks now.
    for (const { rapport } of [a!, b!]) await rapport.ports.scheduler.repeat(schedule.id, SHOUTOUT_JOB, { scheduleId: schedule.id }, { everyMs: 600 });
    await a!.rapport.start();
    await b!.rapport.start();

    const ticks = () => db.prisma.shoutoutPost.count({ where: { scheduleId: schedule.id } });
    await waitFor(async () => (await ticks()) >= 4);
    // Stopping waits for jobs already running, so every claimed tick has been posted (or released).
    await a!.rapport.stop();
    await b!.rapport.stop();
    const posts = a!.adapter.swallowed.posts + b!.adapter.swallowed.posts;
    expect(posts).toBe(await ticks());
    expect(posts).toBeGreaterThanOrEqual(4);
  });

  it('GIVEN the same tick processed twice THEN it is posted once, with the helpers of the week', async () => {
    const db = await database();
    const { rapport, adapter } = await process(db, createInProcessScheduler({ logger }));
    await seed(rapport);
    const community = (await rapport.ports.communities.get(COMMUNITY))!;
    const { schedule } = await rapport.ports.shoutouts.schedule({ community, channelId: CHANNEL, rule: 'всеки понеделник 10:00' });
    const posted: string[] = [];
    adapter.replier.post = async (target, message) => {
      posted.push(message.text);
      return { messageId: 'm1', channelId: target.channelId };
    };
    expect(await rapport.ports.shoutouts.post(schedule.id, 'repeat:tick:1')).toBe('posted');
    expect(await rapport.ports.shoutouts.post(schedule.id, 'repeat:tick:1')).toBe('duplicate');
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain('1. helper: helped 1 person this week');
  });

  it('GIVEN a post that fails THEN the tick is released and the retry posts it', async () => {
    const db = await database();
    const { rapport, adapter } = await process(db, createInProcessScheduler({ logger }));
    const community = await repos(db).communities.ensure({ id: COMMUNITY, platform: 'console', name: 'test', timeZone: 'Europe/Sofia' });
    await repos(db).channels.ensure({ id: CHANNEL, communityId: COMMUNITY, name: 'general' });
    const { schedule } = await rapport.ports.shoutouts.schedule({ community, channelId: CHANNEL, rule: 'daily at 9:30' });
    const post = adapter.replier.post;
    adapter.replier.post = async () => {
      throw new Error('platform down');
    };
    await expect(rapport.ports.shoutouts.post(schedule.id, 't1')).rejects.toThrow('platform down');
    adapter.replier.post = post;
    expect(await rapport.ports.shoutouts.post(schedule.id, 't1')).toBe('posted');
  });

  it('GIVEN stored schedules THEN a restarted process registers them all again, in the community time zone', async () => {
    const db = await database();
    const first = await process(db, createInProcessScheduler({ logger }));
    const community = await repos(db).communities.ensure({ id: COMMUNITY, platform: 'console', name: 'test', timeZone: 'Europe/Sofia' });
    await repos(db).channels.ensure({ id: CHANNEL, communityId: COMMUNITY, name: 'general' });
    const one = await first.rapport.ports.shoutouts.schedule({ community, channelId: CHANNEL, rule: '0 10 * * 1' });
    const two = await first.rapport.ports.shoutouts.schedule({ community, channelId: CHANNEL, rule: 'monthly on the 1st at 9:00' });
    expect(two.schedule.period).toBe('month');
    await first.rapport.stop();

    const fresh = createInProcessScheduler({ logger });
    const rules: Array<[string, unknown]> = [];
    const repeat = fresh.repeat.bind(fresh);
    fresh.repeat = async (key, name, data, rule) => {
      rules.push([key, rule]);
      await repeat(key, name, data, rule);
    };
    await process(db, fresh);
    expect(await fresh.repeating()).toEqual(expect.arrayContaining([one.schedule.id, two.schedule.id]));
    expect(rules).toEqual(expect.arrayContaining([[one.schedule.id, { cron: '0 10 * * 1', timeZone: 'Europe/Sofia' }], [two.schedule.id, { cron: '0 9 1 * *', timeZone: 'Europe/Sofia' }]]));
  });
});
