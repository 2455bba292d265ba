// Opens the infrastructure a command needs from configuration: database, scheduler, logger.
import type { Config } from '../config.ts';
import { RapportError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { JobScheduler } from '../core/scheduler.ts';
import { openDatabase, type Database, type DatabaseTarget } from '../db/open-database.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { createBullmqScheduler } from '../jobs/bullmq-scheduler.ts';
import { createInProcessScheduler } from '../jobs/in-process-scheduler.ts';

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

export async function openScheduler(config: Config, logger: Logger): Promise<JobScheduler> {
  return config.redis ? createBullmqScheduler({ url: config.redis.url, prefix: config.redis.prefix, logger }) : createInProcessScheduler({ logger });
}
