// Fails the whole run at once, with a clear message, when PostgreSQL or Redis is not answering:
// integration tests must run against the real services, never be skipped.
import net from 'node:net';
import pg from 'pg';
import { POSTGRES_URL } from './services.ts';

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

export default async function setup(): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`PostgreSQL at ${POSTGRES_URL} is not answering (${(error as Error).message}). Start it (see .ci/run) and run the tests again.`);
  } finally {
    await client.end().catch(() => undefined);
  }
  try {
    await ping(6379);
  } catch (error) {
    throw new Error(`Redis at 127.0.0.1:6379 is not answering (${(error as Error).message}). Start it (see .ci/run) and run the tests again.`);
  }
}
