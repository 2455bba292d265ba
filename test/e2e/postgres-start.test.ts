// Proves the production path: with DATABASE_URL set, `rapport start` refuses an unmigrated
// PostgreSQL with a fix-it message, `rapport db migrate` applies the migrations once, and the bot
// then runs on PostgreSQL with BullMQ on the real Redis.
import { afterAll, describe, expect, it } from 'vitest';
import { SPAWN_TIMEOUT_MS, runRapport } from '../support/run-cli.ts';
import { POSTGRES_URL, REDIS_URL, dropQueueKeys, dropSchema, uniqueName } from '../support/services.ts';

describe('rapport on PostgreSQL and Redis', () => {
  const schema = uniqueName('cli');
  const env = { DATABASE_URL: `${POSTGRES_URL}?schema=${schema}`, REDIS_URL, RAPPORT_QUEUE_PREFIX: schema };
  afterAll(async () => {
    await dropSchema(schema);
    await dropQueueKeys(schema);
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN an empty database THEN start asks for db migrate, which applies once, and then the bot runs', async () => {
    const early = await runRapport(['start'], { env });
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('rapport db migrate');

    const migrate = await runRapport(['db', 'migrate'], { env });
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/Applied \d+ migration/);
    const again = await runRapport(['db', 'migrate'], { env });
    expect(again.stdout).toContain('up to date');

    const run = await runRapport(['start'], { env, input: ['/as alice', 'first message', '/leaderboard', ''].join('\n') });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1\. alice: [\d.]+ points? \(1 message this week\)/);
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN an unknown subcommand THEN rapport prints usage and exits 2', async () => {
    const result = await runRapport(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: rapport');
  }, SPAWN_TIMEOUT_MS);
});
