// Proves the console keeps its chat clean and its files real: `rapport start` prints the log file's path once and writes logs there (not into the chat), `/privacy export` writes the file it announces, and typed lines are kept in a history file that Up recalls after a restart.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../src/adapters/console/index.ts';
import type { AdapterHandlers } from '../../src/core/adapter.ts';
import { SPAWN_TIMEOUT_MS, runRapport } from '../support/run-cli.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rapport-console-files-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rapport start (console) files', () => {
  it('GIVEN a console session WHEN a member runs /privacy export THEN the announced file exists with their data, the log path is printed once, and logs are in that file, not the chat', async () => {
    const dataDir = path.join(dir, 'data');
    const result = await runRapport(['start'], { env: { RAPPORT_DATA_DIR: dataDir, LOG_LEVEL: 'info', PORT: '0' }, input: ['/as alice', 'hello everyone', '/privacy export', '/quit', ''].join('\n') });
    expect(result.code).toBe(0);
    const logFile = path.resolve(dataDir, 'rapport.log');
    expect(result.stdout.split(`Logs go to ${logFile}.`).length).toBe(2);
    expect(readFileSync(logFile, 'utf8')).toContain('Rapport is ready');
    expect(result.stdout).not.toContain('Rapport is ready');
    expect(result.stderr).not.toContain('Rapport is ready');
    const saved = /Saved the file to (\S+)\.\n/.exec(result.stdout)?.[1];
    expect(saved).toBe(path.resolve(dataDir, 'files', 'rapport-data-alice.json'));
    const exported = JSON.parse(readFileSync(saved!, 'utf8'));
    expect(exported.memberId).toBe('console:local:alice');
    expect(JSON.stringify(exported.tables)).toContain('alice');
    expect(readFileSync(path.join(dataDir, 'console-history'), 'utf8')).toBe('/as alice\nhello everyone\n/privacy export\n/quit\n');
  }, SPAWN_TIMEOUT_MS);
});

describe('console line history', () => {
  it('GIVEN a history file from an earlier run WHEN the person presses Up then Enter in a terminal THEN the last line is sent again and appended to the file', async () => {
    const historyFile = path.join(dir, 'history');
    await writeFile(historyFile, 'first line\n/leaderboard period:all\n');
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const adapter = createConsoleAdapter({ input, output, user: 'you', clock: { now: () => new Date() }, t: (k) => k, onError: (e) => { throw e; }, terminal: true, historyFile });
    const commands: string[] = [];
    const handlers: AdapterHandlers = { onEvent: async () => {}, onCommand: async (invocation) => void commands.push(`${invocation.command} ${invocation.text}`) };
    await adapter.start(handlers);
    input.write('\x1b[A');
    input.write('\r');
    const deadline = Date.now() + 30_000;
    while (commands.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(commands).toEqual(['leaderboard period:all']);
    expect(readFileSync(historyFile, 'utf8')).toBe('first line\n/leaderboard period:all\n/leaderboard period:all\n');
    input.end();
    await adapter.stop();
    expect(existsSync(historyFile)).toBe(true);
  });
});
