// Proves Socket Mode acknowledges an envelope only once its event is kept: with PostgreSQL cut (a
// TCP proxy in front of the real server) and no spool to fall back on, no envelope is
// acknowledged whose event is not stored at that moment; the envelopes left unacknowledged are
// sent again when the database is back (as Slack does, with retry_attempt) and then stored, once.
// With the spool, every envelope is acknowledged once spooled and stored, in order, afterwards.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../src/adapters/slack/index.ts';
import { FAKE_BOT, startFakeSlack } from '../fakes/slack/fake-slack.ts';
import { messageEvent } from '../fakes/slack/payloads.ts';
import { memoryLogger } from '../fakes/slack/recording-handlers.ts';
import { rapportBehindProxy } from '../support/rapport-behind-proxy.ts';
import { POSTGRES_URL } from '../support/services.ts';
import { waitFor } from '../support/wait-for.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe('Slack Socket Mode while PostgreSQL is away', () => {
  it('GIVEN PostgreSQL cut and no spool WHEN events arrive over the socket THEN none is acknowledged before it is stored, and every one is stored once it is sent again', async () => {
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const lines: Array<{ level: string; object: unknown; message?: string }> = [];
    const adapter = createSlackAdapter({ botToken: FAKE_BOT.token, appToken: FAKE_BOT.appToken, apiUrl: slack.apiUrl }, { logger: memoryLogger(lines) });
    const { proxy, schema, close } = await rapportBehindProxy([adapter], { spool: false });
    cleanups.push(close);
    await slack.socket.connected();
    // The test reads the database directly, not through the proxy it cuts.
    const direct = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await direct.connect();
    cleanups.push(() => direct.end());

    const stored = async (id: string) => (await direct.query('SELECT 1 FROM "ActivityEvent" WHERE "platformEventId" = $1', [id])).rowCount === 1;
    const envelopes = Array.from({ length: 12 }, (_, n) => {
      const ts = `17000${String(20_000 + n)}.000100`;
      return { id: `slack:message:T1:C1:${ts}`, payload: messageEvent({ user: `U${n % 5}`, text: `socket message ${n} during the outage`, ts }, `EvSock${n}`) };
    });
    // For every acknowledgement: was its event stored when the ack came?
    const acks: Array<{ id: string; storedAtAck: boolean }> = [];
    const sendAndWatch = (envelope: (typeof envelopes)[number], retryAttempt?: number) =>
      void slack.socket.send('events_api', envelope.payload, retryAttempt ? { retryAttempt } : {}).then(async () => acks.push({ id: envelope.id, storedAtAck: await stored(envelope.id) }));

    for (const envelope of envelopes.slice(0, 3)) sendAndWatch(envelope);
    await waitFor(() => acks.length === 3, 'the first three acks');
    await proxy.cut();
    for (const envelope of envelopes.slice(3)) sendAndWatch(envelope);
    // Each of the nine is refused by the database and so left unacknowledged.
    const notKept = () => lines.filter((l) => l.message === 'slack: listener failed').length;
    await waitFor(() => notKept() >= 9, 'nine events not kept');
    expect(acks.map((a) => a.id).sort()).toEqual(envelopes.slice(0, 3).map((e) => e.id).sort());

    await proxy.restore();
    // Slack sends what was not acknowledged again.
    for (const envelope of envelopes.slice(3)) sendAndWatch(envelope, 1);
    await waitFor(() => acks.length >= 12, 'every envelope acknowledged');
    expect(acks.filter((a) => !a.storedAtAck)).toEqual([]);
    const rows = await direct.query<{ platformEventId: string }>('SELECT "platformEventId" FROM "ActivityEvent" ORDER BY "platformEventId"');
    expect(rows.rows.map((r) => r.platformEventId)).toEqual(envelopes.map((e) => e.id).sort());
  }, 120_000);

  it('GIVEN PostgreSQL cut and the spool WHEN events arrive over the socket THEN each is acknowledged once spooled, and all are stored, in order, when it returns', async () => {
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const adapter = createSlackAdapter({ botToken: FAKE_BOT.token, appToken: FAKE_BOT.appToken, apiUrl: slack.apiUrl }, { logger: memoryLogger() });
    const { proxy, schema, close } = await rapportBehindProxy([adapter]);
    cleanups.push(close);
    await slack.socket.connected();
    const direct = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await direct.connect();
    cleanups.push(() => direct.end());

    await proxy.cut();
    const ids: string[] = [];
    for (let n = 0; n < 10; n++) {
      const ts = `17000${String(30_000 + n)}.000100`;
      ids.push(`slack:message:T1:C1:${ts}`);
      // Awaited one by one: each ack comes once the event is in the spool.
      await slack.socket.send('events_api', messageEvent({ user: `U${n % 4}`, text: `spooled socket message ${n}`, ts }, `EvSpool${n}`));
    }
    await proxy.restore();
    const storedIds = async () => (await direct.query<{ platformEventId: string }>('SELECT "platformEventId" FROM "ActivityEvent" ORDER BY "id"')).rows.map((r) => r.platformEventId);
    await waitFor(async () => (await storedIds()).length >= ids.length, 'the spooled events stored');
    expect(await storedIds()).toEqual(ids);
  }, 120_000);
});
