// Proves the process-level handlers of `rapport start`: an unhandled rejection is logged and Rapport keeps serving; an uncaught exception is logged and Rapport stops cleanly (data folder unlocked) with code 1 within 10 s.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnRapport, type RunningRapport } from '../support/spawn-rapport.ts';
import { waitFor } from '../support/wait-for.ts';

const INJECT = fileURLToPath(new URL('../fixtures/inject-fault.mjs', import.meta.url));
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function start(dataDir: string, port: number, fault: 'rejection' | 'exception'): RunningRapport {
  const rapport = spawnRapport(['start'], { RAPPORT_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', RAPPORT_TEST_FAULT: fault }, ['--import', INJECT]);
  cleanups.push(async () => void rapport.child.kill('SIGKILL'));
  return rapport;
}

const exitedWithin = (rapport: RunningRapport, ms: number) =>
  Promise.race([rapport.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);

describe('process-level faults in rapport start', () => {
  it('GIVEN a ready process WHEN a promise rejection goes unhandled THEN it is logged and Rapport keeps serving; WHEN an exception goes uncaught THEN it stops cleanly with code 1 within 10 s', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rapport-faults-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();

    const first = start(dataDir, port, 'rejection');
    await waitFor(() => first.log().includes('Rapport is ready'), 'Rapport to be ready', 180_000);
    first.child.kill('SIGUSR2');
    await waitFor(() => first.log().includes('injected rejection') || first.child.exitCode !== null, 'the rejection to be handled', 60_000);
    expect(first.log()).toContain('unhandled promise rejection');
    expect(first.child.exitCode).toBeNull();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await exitedWithin(first, 60_000)).toMatchObject({ code: 0 });

    const second = start(dataDir, port, 'exception');
    await waitFor(() => second.log().includes('Rapport is ready'), 'the restart to be ready', 180_000);
    const injectedAt = Date.now();
    second.child.kill('SIGUSR2');
    const exited = await exitedWithin(second, 60_000);
    console.info(`uncaught exception: exit ${JSON.stringify(exited && { code: exited.code, signal: exited.signal })} ${exited ? exited.at - injectedAt : '-'} ms after it`);
    expect(exited).toMatchObject({ code: 1, signal: null });
    expect(exited!.at - injectedAt).toBeLessThan(10_000);
    expect(second.log()).toContain('uncaught exception');
    expect(second.log()).toContain('injected exception');
    expect(existsSync(path.join(dataDir, 'rapport.pid'))).toBe(false);
  }, 480_000);
});
