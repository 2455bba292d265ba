// Proves `rapport start` works as a person uses it: two members chat in the console, /leaderboard
// ranks them by recognition scores with reasons, the data survives a restart, and a bad
// DATABASE_URL or REDIS_URL exits 2 naming it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPAWN_TIMEOUT_MS, runRapport } from '../support/run-cli.ts';

describe('rapport start (console)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'rapport-e2e-'));
  }, SPAWN_TIMEOUT_MS);
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN two members chatting THEN /leaderboard ranks them, and after a restart the data is still there', async () => {
    const env = { RAPPORT_DATA_DIR: dataDir };
    const first = await runRapport(['start'], {
      env,
      input: ['/as alice', 'hi all, I set up the new release', 'here is how to configure it', '/as bob', 'great, thanks alice', '/leaderboard', '/quit', ''].join('\n'),
    });
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    const board = first.stdout.slice(first.stdout.indexOf('Leaderboard'));
    // alice posted twice and was thanked by bob; bob posted once.
    expect(board).toMatch(/1\. alice: [\d.]+ points \(helped 1 person this week, thanked 1 time\)/);
    expect(board).toMatch(/2\. bob: 1 point \(1 message this week\)/);

    const second = await runRapport(['start'], { env, input: ['/as carol', '/leaderboard period:all', '/rank alice', ''].join('\n') });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/1\. alice: [\d.]+ points \(helped 1 person in total, thanked 1 time\)\s+2\. bob: 1 point/);
    expect(second.stdout).toMatch(/Rank of alice\s+Helpers: #1 · Engagement: #1 \(all time\)\s+This week: helped 1 person this week, thanked 1 time/);
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN a member THEN /settings is refused; GIVEN a moderator THEN it switches the community to Bulgarian', async () => {
    const result = await runRapport(['start'], {
      env: { RAPPORT_DATA_DIR: dataDir },
      input: ['/as dave', '/settings language:bg', '/as erin mod', '/settings language:bg', '/leaderboard period:year', '/settings language:en', ''].join('\n'),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('/settings is for moderators only.');
    expect(result.stdout).toContain('Запазено. Език: български.');
    expect(result.stdout).toContain('period не може да бъде „year“');
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN a malformed DATABASE_URL THEN start exits 2 naming it', async () => {
    const result = await runRapport(['start'], { env: { DATABASE_URL: 'mysql://nope' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN a DATABASE_URL nobody answers on THEN start exits 2 naming it', async () => {
    const result = await runRapport(['start'], { env: { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/rapport' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL');
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN a REDIS_URL nobody answers on THEN start exits 2 naming it', async () => {
    const result = await runRapport(['start'], { env: { RAPPORT_DATA_DIR: dataDir, REDIS_URL: 'redis://127.0.0.1:1' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('REDIS_URL');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, SPAWN_TIMEOUT_MS);
});
