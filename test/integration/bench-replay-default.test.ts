// Proves `rapport bench replay` with no --slack-export replays the bundled train export (a Slack ZIP) through the full pipeline on this machine's PostgreSQL and Redis: every one of its messages, once. Speed is not asserted.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runBenchReplay } from '../../src/cli/bench-replay.ts';
import { POSTGRES_URL, REDIS_URL } from '../support/services.ts';

describe('bench replay without arguments', () => {
  it('GIVEN no --slack-export THEN the bundled train ZIP is replayed whole and --json reports its 59,211 messages', async () => {
    let out = '';
    let err = '';
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    stdout.on('data', (c) => (out += String(c)));
    stderr.on('data', (c) => (err += String(c)));
    const code = await runBenchReplay(['--json'], { stdin: new PassThrough(), stdout, stderr, env: { DATABASE_URL: POSTGRES_URL, REDIS_URL, LOG_LEVEL: 'error' } });
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out) as Record<string, number>;
    expect(Object.keys(result)).toEqual(['messages', 'seconds', 'messagesPerSecond', 'p50Ms', 'p99Ms', 'peakRssMb']);
    expect(result['messages']).toBe(59_211);
  }, 600_000);
});
