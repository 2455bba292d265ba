// Proves `rapport start` stops on SIGTERM at any moment (at once, once ready, while a restart opens its database) within 10 s: exit code 0 after closing what it opened (its data folder unlocked).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnRapport, type RunningRapport } from '../support/spawn-rapport.ts';
import { waitFor } from '../support/wait-for.ts';

const STOP_LIMIT_MS = 10_000;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startInTempFolder(): Promise<{ rapport: RunningRapport; dataDir: string }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rapport-sigterm-'));
  // The console on the embedded database, a free port, logs at info so "ready" can be seen.
  const rapport = spawnRapport(['start'], { RAPPORT_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' });
  cleanups.push(async () => {
    rapport.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });
  return { rapport, dataDir };
}

async function stopWithSigterm(rapport: RunningRapport): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const sentAt = Date.now();
  rapport.child.kill('SIGTERM');
  const result = await Promise.race([rapport.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 60_000))]);
  if (!result) throw new Error(`still running 60 s after SIGTERM\n${rapport.output().stderr}`);
  return { code: result.code, signal: result.signal, ms: result.at - sentAt };
}

describe('SIGTERM during rapport start', () => {
  it('GIVEN a process just spawned WHEN it gets SIGTERM at once THEN it is gone within 10 s', async () => {
    const { rapport } = await startInTempFolder();
    const stopped = await stopWithSigterm(rapport);
    console.info(`SIGTERM at once: code ${stopped.code}, signal ${stopped.signal}, ${stopped.ms} ms`);
    // Code 0 when Rapport's first line had run; before that Node ends by the signal (status 143), nothing being open.
    expect([0, 'SIGTERM']).toContain(stopped.code ?? stopped.signal);
    expect(stopped.ms).toBeLessThan(STOP_LIMIT_MS);
  }, 120_000);

  it('GIVEN a ready process, then its restart opening the database WHEN each gets SIGTERM THEN each closes what it opened, unlocks the folder and exits with code 0 within 10 s', async () => {
    const { rapport, dataDir } = await startInTempFolder();
    const lock = path.join(dataDir, 'rapport.pid');
    await waitFor(() => rapport.log().includes('Rapport is ready'), 'Rapport to be ready', 180_000);
    const once = await stopWithSigterm(rapport);
    console.info(`SIGTERM once ready: code ${once.code}, signal ${once.signal}, ${once.ms} ms`);
    expect(once).toMatchObject({ code: 0, signal: null });
    expect(once.ms).toBeLessThan(STOP_LIMIT_MS);
    expect(existsSync(lock)).toBe(false);

    const restart = spawnRapport(['start'], { RAPPORT_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' });
    cleanups.push(async () => void restart.child.kill('SIGKILL'));
    await waitFor(() => existsSync(lock), 'the restart to lock the data folder (its database opening)', 180_000);
    expect(restart.log()).not.toContain('Rapport is ready');
    const during = await stopWithSigterm(restart);
    console.info(`SIGTERM during start-up: code ${during.code}, signal ${during.signal}, ${during.ms} ms`);
    expect(during).toMatchObject({ code: 0, signal: null });
    expect(during.ms).toBeLessThan(STOP_LIMIT_MS);
    expect(existsSync(lock)).toBe(false);
  }, 360_000);
});
