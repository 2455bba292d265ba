// Proves `npm test` stops at once, naming the missing piece and how to install it, when PostgreSQL, Redis or Chromium is missing, and that Chromium is found from CHROMIUM_PATH before anything else.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../support/chromium.ts';
import { checkPrerequisites } from '../support/global-setup.ts';
import { POSTGRES_URL } from '../support/services.ts';

/** A port nothing listens on: bound by the system, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('test prerequisites', () => {
  let dir: string;
  let fakeChromium: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rapport-prereq-'));
    fakeChromium = join(dir, 'my-chromium');
    await writeFile(fakeChromium, '#!/bin/sh\nexit 0\n');
    await chmod(fakeChromium, 0o755);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN no PostgreSQL at the address THEN the check stops naming PostgreSQL and its install command', async () => {
    const url = `postgresql://postgres@127.0.0.1:${await closedPort()}/postgres`;
    await expect(checkPrerequisites({ postgresUrl: url, redisPort: 6379, env: { CHROMIUM_PATH: fakeChromium } })).rejects.toThrow(
      /npm test needs PostgreSQL: .*is not answering.*apt-get install postgresql/,
    );
  });

  it('GIVEN no Redis on the port THEN the check stops naming Redis and its install command', async () => {
    const port = await closedPort();
    await expect(checkPrerequisites({ postgresUrl: POSTGRES_URL, redisPort: port, env: { CHROMIUM_PATH: fakeChromium } })).rejects.toThrow(
      new RegExp(`npm test needs Redis: 127\\.0\\.0\\.1:${port} is not answering.*apt-get install redis-server`),
    );
  });

  it('GIVEN CHROMIUM_PATH naming no executable THEN the check stops naming Chromium, the path and the install command', async () => {
    const missing = join(dir, 'no-such-chromium');
    await expect(checkPrerequisites({ postgresUrl: POSTGRES_URL, redisPort: 6379, env: { CHROMIUM_PATH: missing } })).rejects.toThrow(
      `npm test needs Chromium for the dashboard browser test: CHROMIUM_PATH=${missing} is not an executable file. Install it (Debian/Ubuntu: apt-get install chromium`,
    );
  });

  it('GIVEN PostgreSQL, Redis and an executable CHROMIUM_PATH THEN the check passes and CHROMIUM_PATH is the Chromium used', async () => {
    await expect(checkPrerequisites({ postgresUrl: POSTGRES_URL, redisPort: 6379, env: { CHROMIUM_PATH: fakeChromium } })).resolves.toBeUndefined();
    expect(findChromium({ CHROMIUM_PATH: fakeChromium })).toEqual({ path: fakeChromium, from: 'CHROMIUM_PATH' });
  });

  it('GIVEN CHROMIUM_PATH empty THEN it is treated as unset and the lookup falls back to playwright’s cache or /usr/bin/chromium', () => {
    const found = findChromium({ CHROMIUM_PATH: '' });
    if ('path' in found) expect(["playwright's browser cache", '/usr/bin/chromium']).toContain(found.from);
    else expect(found.missing).toContain('CHROMIUM_PATH is unset');
  });
});
