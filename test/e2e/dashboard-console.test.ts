// Proves `rapport start` in console mode serves the dashboard: it prints the console moderator's
// one-time link, the link opens a session whose API shows what was typed in the console, and
// /healthz answers on the same port.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.ts';
import { BIN } from '../support/run-cli.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from '../support/services.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('dashboard in `rapport start` (console)', () => {
  // On this machine's PostgreSQL (a fresh schema, migrated here) rather than PGlite: the same
  // start-up path, without the embedded database's seconds of start-up under a loaded test run.
  const schema = uniqueName('dash');
  afterAll(async () => {
    await dropSchema(schema);
  });

  it('GIVEN npm start THEN it prints a one-time link that opens the dashboard with the console’s activity', async () => {
    await (await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true })).close();
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', LOG_LEVEL: 'warn', DATABASE_URL: `${POSTGRES_URL}?schema=${schema}`, PORT: String(port) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      child.stdin.write('hello, I am new here\n/as bob\nwelcome!\n/as carol\nhi both\n/in sync\n');
      const deadline = Date.now() + 60_000;
      while (!/login\?token=\S+/.test(stdout) || !stdout.includes('You are now in #sync.')) {
        if (Date.now() > deadline) throw new Error(`no link in time.\nstdout:\n${stdout}\nstderr:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const link = /(http:\/\/localhost:\d+\/dashboard\/\S+\/login\?token=[A-Za-z0-9_-]+)/.exec(stdout)![1]!;
      expect(link.startsWith(`http://localhost:${port}/dashboard/`)).toBe(true);
      // What the link's page does in a browser: post the token back.
      const linkUrl = new URL(link.replace('localhost', '127.0.0.1'));
      const post = () => fetch(`${linkUrl.origin}${linkUrl.pathname}`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ token: linkUrl.searchParams.get('token')! }) });
      expect((await fetch(linkUrl, { redirect: 'manual' })).status).toBe(200);
      const login = await post();
      expect(login.status).toBe(303);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const base = new URL(link).pathname.replace(/\/login$/, '');
      const api = await fetch(`http://127.0.0.1:${port}${base}/api/overview?period=7d`, { headers: { cookie } });
      expect(api.status).toBe(200);
      const body = (await api.json()) as { data: { totals: { messages: number; activeMembers: number } } };
      expect(body.data.totals).toMatchObject({ messages: 3, activeMembers: 3 });
      expect((await post()).status).toBe(403);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok', checks: { database: 'ok', queue: 'ok' } });
    } finally {
      child.stdin.end('/quit\n');
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/error/i);
  }, 120_000);
});
