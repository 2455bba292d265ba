// Proves no acknowledged event is lost while PostgreSQL is away (a TCP proxy in front of the real server is cut, then restored): Slack events over HTTP (real Bolt, fake Slack) and Discord gateway messages (real discord.js, fake gateway) are spooled and stored, in order, once the database answers again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDiscordAdapter } from '../../src/adapters/discord/index.ts';
import { createSlackAdapter } from '../../src/adapters/slack/index.ts';
import type { ChatAdapter } from '../../src/core/adapter.ts';
import type { Database } from '../../src/db/open-database.ts';
import { startFakeDiscord } from '../fakes/discord/fake-discord.ts';
import { FAKE_BOT, startFakeSlack } from '../fakes/slack/fake-slack.ts';
import { messageEvent } from '../fakes/slack/payloads.ts';
import { memoryLogger } from '../fakes/slack/recording-handlers.ts';
import { createSlackSender } from '../fakes/slack/slack-sender.ts';
import { rapportBehindProxy } from '../support/rapport-behind-proxy.ts';
import type { TcpProxy } from '../support/tcp-proxy.ts';

const SECRET = 'outage-signing-secret';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** A Rapport behind a proxy the test can cut, with a spool; undone after the test. */
async function behindProxy(adapters: ChatAdapter[]): Promise<{ db: Database; proxy: TcpProxy }> {
  const running = await rapportBehindProxy(adapters);
  cleanups.push(running.close);
  return running;
}

const storedIds = async (db: Database) => (await db.prisma.activityEvent.findMany({ select: { platformEventId: true }, orderBy: { id: 'asc' } })).map((r) => r.platformEventId);

describe('PostgreSQL outage', () => {
  it('GIVEN Slack events over HTTP while PostgreSQL is cut THEN every acknowledged event is stored once it returns, in order, and none twice', async () => {
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const adapter = createSlackAdapter({ botToken: FAKE_BOT.token, signingSecret: SECRET, apiUrl: slack.apiUrl, port: 0, host: '127.0.0.1' }, { logger: memoryLogger() });
    const { db, proxy } = await behindProxy([adapter]);
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
    const { db, proxy } = await behindProxy([adapter]);
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
