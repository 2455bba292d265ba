// The shard manager's restart policy, with real child processes (test/fixtures/fake-shard.mjs stands
// in for `rapport start`): a shard that crashes is started again; one that exits with code 2 (a
// configuration a restart cannot fix, such as its port PORT + shard id being taken) stops them all.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnShards, type RunningShards } from '../../src/adapters/discord/shard-manager.ts';
import { RapportError } from '../../src/core/errors.ts';
import { recordingLogger } from '../fakes/discord/recording-logger.ts';
import { SPAWN_TIMEOUT_MS, runRapport } from '../support/run-cli.ts';
import { waitFor } from '../support/wait-for.ts';

const FAKE_SHARD = new URL('../fixtures/fake-shard.mjs', import.meta.url).pathname;

describe('spawnShards restarts', () => {
  let running: RunningShards | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  function plan(steps: Record<string, string[]>): { starts: () => string[] } {
    const log = path.join(mkdtempSync(path.join(tmpdir(), 'rapport-shards-')), 'starts');
    writeFileSync(log, '');
    process.env['FAKE_SHARD_LOG'] = log;
    process.env['FAKE_SHARD_PLAN'] = JSON.stringify(steps);
    return { starts: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
  }

  it('GIVEN a shard that crashes soon after each start THEN it is started again after 1 s, then 2 s, and the other keeps running', async () => {
    const { starts } = plan({ '1': ['exit-1', 'exit-1', 'run'] });
    const logger = recordingLogger();
    const configErrors: number[] = [];
    running = await spawnShards({ token: 'x', entry: FAKE_SHARD, args: [], shards: 2, spawnDelayMs: 0, onConfigError: (s) => configErrors.push(s) }, { logger });
    await waitFor(() => starts().filter((s) => s === 'start 1').length === 3, 'shard 1 to start a third time', 30_000);
    expect(starts().filter((s) => s === 'start 0')).toHaveLength(1);
    expect(logger.entries.filter((e) => e.message === 'Discord shard process exited; it is started again').map((e) => [e.data['shard'], e.data['exitCode'], e.data['inMs']])).toEqual([
      [1, 1, 1_000],
      [1, 1, 2_000],
    ]);
    expect(configErrors).toEqual([]);
  });

  it('GIVEN a running shard that exits with code 2 THEN it is not started again and the caller is told', async () => {
    const { starts } = plan({ '0': ['exit-2'] });
    const logger = recordingLogger();
    const configErrors: number[] = [];
    running = await spawnShards({ token: 'x', entry: FAKE_SHARD, args: [], shards: 2, spawnDelayMs: 0, onConfigError: (s) => configErrors.push(s) }, { logger });
    await waitFor(() => configErrors.length > 0, 'the configuration error to be reported', 30_000);
    expect(configErrors).toEqual([0]);
    // Long enough for a restart (discord.js's own policy restarts at once): none comes.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(starts().filter((s) => s === 'start 0')).toHaveLength(1);
    expect(logger.entries.some((e) => e.message.includes('started again'))).toBe(false);
  });

  it('GIVEN a shard that exits with code 2 before it is ready THEN spawning fails with a message that says so, and no shard is left running', async () => {
    const { starts } = plan({ '1': ['fail-2'] });
    const logger = recordingLogger();
    const error = await spawnShards({ token: 'x', entry: FAKE_SHARD, args: [], shards: 2, spawnDelayMs: 0 }, { logger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RapportError);
    expect((error as RapportError).code).toBe('config.shard');
    expect((error as RapportError).message).toContain('Discord shard 1 of 2 could not start');
    expect(starts()).toEqual(['start 0', 'start 1']);
    expect(logger.entries.filter((e) => e.message === 'Discord shard process stopped').map((e) => e.data['shard'])).toEqual([0]);
  });
});

describe('a spawned shard whose database does not answer', () => {
  it('GIVEN DATABASE_URL nobody answers on THEN the shard exits 1 (worth another try), where a lone start exits 2', async () => {
    const env = { DISCORD_TOKEN: 'x', DISCORD_APPLICATION_ID: '123456789012345678', DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/rapport', LOG_LEVEL: 'error' };
    const shard = await runRapport(['start'], { env: { ...env, SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' } });
    expect(shard.stderr).toContain('Cannot connect to the database in DATABASE_URL');
    expect(shard.code).toBe(1);
    const alone = await runRapport(['start'], { env });
    expect(alone.stderr).toContain('Cannot connect to the database in DATABASE_URL');
    expect(alone.code).toBe(2);
  }, SPAWN_TIMEOUT_MS);
});
