// Opens the infrastructure an entry point chooses from configuration: the database (the configured
// one, or a fresh one of its own) and the job scheduler (the configured queue, a private prefix on
// it, or in-process). openRapport (src/main.ts) calls these; each part says how to describe and
// dispose of itself.
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import { RapportError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { JobScheduler } from '../core/scheduler.ts';
import { openDatabase, type Database, type DatabaseTarget } from '../db/open-database.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { connectRedis, createBullmqScheduler } from '../jobs/bullmq-scheduler.ts';
import { createInProcessScheduler } from '../jobs/in-process-scheduler.ts';

/** 'configured': DATABASE_URL or the data directory. 'fresh': a new schema in DATABASE_URL's PostgreSQL (dropped afterwards) or in-memory PGlite. */
export type DatabaseChoice = 'configured' | 'fresh';
/** 'configured': REDIS_URL's queue, or in-process without it. 'private': REDIS_URL with a prefix of its own (removed afterwards), or in-process. */
export type SchedulerChoice = 'configured' | 'private' | 'in-process';

export interface OpenedPart<T> {
  value: T;
  /** "postgres (schema x)", "in-process", ... for reports. */
  describe: string;
  /** Removes what was made for this run only (a fresh schema, a private queue prefix). */
  dispose(): Promise<void>;
}

const nothing = async (): Promise<void> => {};
const suffix = (): string => `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

export function targetOf(config: Config): DatabaseTarget {
  return config.database.kind === 'postgres' ? { kind: 'postgres', url: config.database.url } : { kind: 'pglite', dataDir: config.database.dataDir };
}

/** PGlite is migrated at start; a shared PostgreSQL is migrated by `rapport db migrate`. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const db = await openDatabase(targetOf(config), { migrate: config.database.kind === 'pglite' });
  if (config.database.kind === 'postgres') {
    const pending = await db.withSql((sql) => pendingMigrations(sql));
    if (pending.length > 0) {
      await db.close();
      throw new RapportError('db.pending_migrations', `The database in DATABASE_URL needs ${pending.length} migration(s) (${pending.join(', ')}). Run "npx rapport db migrate" once, then start again.`);
    }
  }
  return db;
}

/** The chosen database, open; `dispose` closes it (and drops a fresh schema). */
export async function openChosenDatabase(config: Config, choice: DatabaseChoice): Promise<OpenedPart<Database>> {
  if (choice === 'configured') {
    const db = await openConfiguredDatabase(config);
    return { value: db, describe: config.database.kind === 'postgres' ? 'postgres (DATABASE_URL)' : `pglite (${config.database.dataDir})`, dispose: () => db.close() };
  }
  if (config.database.kind === 'postgres') {
    const schema = `rapport_replay_${suffix()}`;
    const db = await openDatabase({ kind: 'postgres', url: config.database.url, schema }, { migrate: true });
    return {
      value: db,
      describe: `postgres (DATABASE_URL, fresh schema ${schema})`,
      async dispose() {
        await db.withSql((sql) => sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
        await db.close();
      },
    };
  }
  const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' }, { migrate: true });
  return { value: db, describe: 'pglite (in memory)', dispose: () => db.close() };
}

export async function openScheduler(config: Config, logger: Logger): Promise<JobScheduler> {
  return config.redis ? createBullmqScheduler({ url: config.redis.url, prefix: config.redis.prefix, logger }) : createInProcessScheduler({ logger });
}

/** The chosen scheduler (not started); `dispose` removes a private prefix's keys once it is closed. */
export async function openChosenScheduler(config: Config, choice: SchedulerChoice, logger: Logger): Promise<OpenedPart<JobScheduler>> {
  const redis = config.redis;
  if (choice === 'configured') return { value: await openScheduler(config, logger), describe: redis ? 'bullmq (REDIS_URL)' : 'in-process', dispose: nothing };
  if (choice === 'in-process' || !redis) return { value: createInProcessScheduler({ logger }), describe: 'in-process', dispose: nothing };
  const prefix = `${redis.prefix}-replay-${suffix()}`;
  return { value: await createBullmqScheduler({ url: redis.url, prefix, logger }), describe: `bullmq (REDIS_URL, prefix ${prefix})`, dispose: () => removeQueueKeys(redis.url, prefix) };
}

/** Deletes a private prefix's queue keys. */
async function removeQueueKeys(url: string, prefix: string): Promise<void> {
  const redis = await connectRedis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
