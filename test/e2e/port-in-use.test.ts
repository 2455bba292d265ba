// `rapport start` whose PORT is taken (a Discord bot on PostgreSQL, so the web server is its own):
// it says which port and what to do, exits with code 2 like any configuration it cannot run
// with, and does not hang on what it had opened.
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { SPAWN_TIMEOUT_MS } from '../support/run-cli.ts';
import { POSTGRES_URL, dropQueueKeys, dropSchema, servicesEnv, uniqueName } from '../support/services.ts';
import { spawnRapport, type RunningRapport } from '../support/spawn-rapport.ts';

describe('rapport start with its port taken', () => {
  const schema = uniqueName('portuse');
  let fake: FakeDiscord | undefined;
  let rapport: RunningRapport | undefined;
  const blocker = createServer();
  afterAll(async () => {
    if (rapport && rapport.child.exitCode === null) {
      rapport.child.kill('SIGKILL');
      await rapport.exited;
    }
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    await fake?.close();
    await dropSchema(schema);
    await dropQueueKeys(schema);
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN PORT in use THEN start exits with code 2 and a message naming the port, without a stack trace', async () => {
    fake = await startFakeDiscord();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as { port: number }).port;
    await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true }).then((db) => db.close());
    rapport = spawnRapport(['start'], { ...servicesEnv(schema), DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, PORT: String(port), LOG_LEVEL: 'warn' });
    const exit = await rapport.exited;
    expect(exit.code).toBe(2);
    const { stderr } = rapport.output();
    expect(stderr).toContain(`Port ${port} is already in use: stop what runs there or set PORT to a free port.`);
    expect(stderr).not.toMatch(/^\s+at /m);
  }, SPAWN_TIMEOUT_MS);
});
