// Proves no acknowledged event is lost while PostgreSQL is away (a TCP proxy in front of the real server is cut, then restored): Slack events over HTTP (real Bolt, fake Slack) and Discord gateway messages (real discord.js, fake gateway) are spooled and stored, in order, once the database answers again.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createDiscordAdapter } from '../../src/adapters/discord/index.ts';
import { createSlackAdapter } from '../../src/adapters/slack/index.ts';
import type { ChatAdapter } from '../../src/core/adapter.ts';
import { systemClock } from '../../src/core/clock.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { openFileEventSpool } from '../../src/db/file-event-spool.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { features } from '../../src/feature-list.ts';
import { createTranslator } from '../../src/i18n/create-translator.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { buildRapport, type Rapport } from '../../src/main.ts';
import { startFakeDiscord } from '../fakes/discord/fake-discord.ts';
import { FAKE_BOT, startFakeSlack } from '../fakes/slack/fake-slack.ts';
import { messageEvent } from '../fakes/slack/payloads.ts';
import { memoryLogger } from '../fakes/slack/recording-handlers.ts';
import { createSlackSender } from '../fakes/slack/slack-sender.ts';
import { dropSchema, uniqueName } from '../support/services.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const SECRET = 'outage-signing-secret';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** A Rapport on its own schema, reached through a proxy the test can cut, with a spool in a temp folder. */
async function rapportBehindProxy(adapters: ChatAdapter[]): Promise<{ rapport: Rapport; db: Database; proxy: TcpProxy }> {
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
  const schema = uniqueName('outage');
  const db = await openDatabase({ kind: 'postgres', url: `postgresql://postgres@127.0.0.1:${proxy.port}/postgres`, schema }, { migrate: true });
  const dir = await mkdtemp(path.join(tmpdir(), 'rapport-spool-'));
  const logger = createLogger({ level: 'silent', pretty: false });
  const rapport = await buildRapport({
    repos: createRepositories(db.prisma),
    scheduler: createInProcessScheduler({ logger, backoffBaseMs: 10 }),
    logger,
    clock: systemClock,
    translator: await createTranslator(),
    commands,
    features,
    adapters,
    defaults: { language: 'en', timeZone: 'UTC' },
    spool: await openFileEventSpool(path.join(dir, 'event-spool.jsonl')),
  });
  await rapport.start();
  cleanups.push(async () => {
    await proxy.restore();
    await rapport.stop();
    await db.close();
    await proxy.close();
    await dropSchema(schema);
    await rm(dir, { recursive: true, force: true });
  });
  return { rapport, db, proxy };
}

const storedIds = async (db: Database) => (await db.prisma.activityEvent.findMany({ select: { platformEventId: true }, orderBy: { id: 'asc' } })).map((r) => r.platformEventId);

describe('PostgreSQL outage', () => {
  it('GIVEN Slack events over HTTP while PostgreSQL is cut THEN every acknowledged event is stored once it returns, in order, and none twice', async () => {
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const adapter = createSlackAdapter({ botToken: FAKE_BOT.token, signingSecret: SECRET, apiUrl: slack.apiUrl, port: 0, host: '127.0.0.1' }, { logger: memoryLogger() });
    const { db, proxy } = await rapportBehindProxy([adapter]);
    const sender = createSlackSender(`http://127.0.0.1:${adapter.address()!.port}/slack/events`, SECRET);
    const acknowledged: string[] = [];
    const send = async (n: number) => {
      const ts = `17000${String(10_000 + n)}.000100`;
      const response = await sender.event(messageEvent({ user: `U${n % 7}`, text: `message number ${n} about the outage`, ts }, `EvOut${n}`));
      if (response.status === 200) acknowledged.push(`slack:message:T1:C1:${ts}`);
    };
    for (let n = 0; n < 3; n++) await send(n);
    await proxy.cut();
    // 26 events spread over ~10 s of outage (the spool's replay retries meanwhile).
    for (let n = 3; n < 29; n++) {
      await send(n);
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    // A redelivery of an event sent during the outage: still one row.
    await sender.event(messageEvent({ user: 'U3', text: 'message number 3 about the outage', ts: '1700010003.000100' }, 'EvOut3'), { retryNum: 1 });
    await proxy.restore();
    await vi.waitFor(async () => expect((await storedIds(db)).length).toBeGreaterThanOrEqual(acknowledged.length), { timeout: 60_000, interval: 250 });
    const stored = await storedIds(db);
    expect({ acknowledged: acknowledged.length, stored: stored.filter((id) => acknowledged.includes(id)).length }).toEqual({ acknowledged: 29, stored: 29 });
    expect(stored).toEqual(acknowledged);
  }, 120_000);

  it('GIVEN Discord gateway messages while PostgreSQL is cut THEN every one is stored once it returns', async () => {
    const fake = await startFakeDiscord();
    cleanups.push(() => fake.close());
    const adapter = createDiscordAdapter({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl }, { logger: memoryLogger() });
    const { db, proxy } = await rapportBehindProxy([adapter]);
    const { alice, bob } = fake.guild.users;
    const posted: string[] = [];
    const post = (n: number) => posted.push(`discord:message:${fake.postMessage({ author: n % 2 ? alice : bob, channel: fake.guild.channels.general, content: `gateway message ${n}` }).id}`);
    for (let n = 0; n < 3; n++) post(n);
    await vi.waitFor(async () => expect(await storedIds(db)).toHaveLength(3), { timeout: 30_000, interval: 100 });
    await proxy.cut();
    for (let n = 3; n < 23; n++) post(n);
    // The gateway does not redeliver: what arrived must be spooled before the database is back.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await proxy.restore();
    await vi.waitFor(async () => expect((await storedIds(db)).length).toBe(posted.length), { timeout: 60_000, interval: 250 });
    expect((await storedIds(db)).sort()).toEqual([...posted].sort());
  }, 120_000);
});
