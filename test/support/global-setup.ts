// Fails the whole run at once, with a clear message naming the missing piece and how to install
// it, when PostgreSQL or Redis is not answering or no Chromium is found: integration and browser
// tests must run against the real things, never be skipped.
import net from 'node:net';
import pg from 'pg';
import { CHROMIUM_INSTALL, findChromium } from './chromium.ts';
import { POSTGRES_URL } from './services.ts';

export const POSTGRES_INSTALL =
  'Install it (Debian/Ubuntu: apt-get install postgresql, then allow user postgres without a password from 127.0.0.1) or forward an existing one to 127.0.0.1:5432 (e.g. docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16); .ci/run starts an installed one.';
export const REDIS_INSTALL =
  'Install it (Debian/Ubuntu: apt-get install redis-server) or forward an existing one to 127.0.0.1:6379 (e.g. docker run -d -p 6379:6379 redis:7); .ci/run starts an installed one.';

function ping(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.write('PING\r\n');
    });
    socket.once('data', (data) => {
      socket.destroy();
      if (data.toString().startsWith('+PONG')) resolve();
      else reject(new Error(`unexpected reply ${data.toString().trim()}`));
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error('timeout'));
    });
    socket.once('error', reject);
  });
}

/** Throws the fix-it message of the first missing piece; the places to look are parameters so a test can point them at nothing. */
export async function checkPrerequisites(where: { postgresUrl: string; redisPort: number; env: Record<string, string | undefined> }): Promise<void> {
  const client = new pg.Client({ connectionString: where.postgresUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`npm test needs PostgreSQL: ${where.postgresUrl} is not answering (${(error as Error).message}). ${POSTGRES_INSTALL}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  try {
    await ping(where.redisPort);
  } catch (error) {
    throw new Error(`npm test needs Redis: 127.0.0.1:${where.redisPort} is not answering (${(error as Error).message}). ${REDIS_INSTALL}`);
  }
  const browser = findChromium(where.env);
  if ('missing' in browser) throw new Error(`npm test needs Chromium for the dashboard browser test: ${browser.missing} ${CHROMIUM_INSTALL}`);
}

export default async function setup(): Promise<void> {
  await checkPrerequisites({ postgresUrl: POSTGRES_URL, redisPort: 6379, env: process.env });
}
