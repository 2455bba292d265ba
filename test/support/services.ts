// The real PostgreSQL and Redis of this machine (see .ci/run). Each test isolates itself with
// its own schema or queue prefix, and removes it afterwards.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

export const POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = 'redis://127.0.0.1:6379';

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Removes a test's queue keys (RAPPORT_QUEUE_PREFIX) from the machine's Redis. */
export async function dropQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** The environment of a `rapport start` on the machine's PostgreSQL and Redis, in the test's own schema and key prefix. */
export function servicesEnv(schema: string): Record<string, string> {
  return { DATABASE_URL: `${POSTGRES_URL}?schema=${schema}`, REDIS_URL, RAPPORT_QUEUE_PREFIX: schema };
}
