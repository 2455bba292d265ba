// The Rapport a history import, an evaluation or a benchmark runs: the real pipeline, features and
// repositories, without chat adapters. `fresh` gives it a database of its own (a new schema in
// DATABASE_URL's PostgreSQL, dropped afterwards, or in-memory PGlite) so a replay starts from
// nothing and leaves nothing behind; otherwise it opens the configured database.
import { randomBytes } from 'node:crypto';
import { commands } from '../../commands/index.ts';
import { loadConfig, type Config } from '../config.ts';
import { systemClock } from '../core/clock.ts';
import type { Feature } from '../core/features.ts';
import type { JobScheduler } from '../core/scheduler.ts';
import { createRepositories } from '../db/create-repositories.ts';
import { openDatabase, type Database } from '../db/open-database.ts';
import { features } from '../features.ts';
import { createTranslator } from '../i18n/create-translator.ts';
import { connectRedis, createBullmqScheduler } from '../jobs/bullmq-scheduler.ts';
import { createInProcessScheduler } from '../jobs/in-process-scheduler.ts';
import { createLogger } from '../logger.ts';
import { buildRapport, type Rapport } from '../main.ts';
import { createReplayAdapter, type ReplayAdapter } from '../import/replay-adapter.ts';
import type { CliIo } from './io.ts';
import { openConfiguredDatabase } from './open-parts.ts';

export interface ImportRuntime {
  rapport: Rapport;
  db: Database;
  scheduler: JobScheduler;
  config: Config;
  /** Where the features' posts went (nowhere): counted per platform. */
  adapters: ReplayAdapter[];
  /** "postgres (schema x)", "pglite (memory)", ... for reports. */
  describe: { database: string; queue: string };
  close(): Promise<void>;
}

export interface ImportRuntimeOptions {
  /** A database of its own instead of the configured one. */
  fresh: boolean;
  /** Use REDIS_URL's queue (with a private prefix, removed afterwards) and run its workers. */
  queue: boolean;
  /** Lets a benchmark wrap Rapport's features (to time them). */
  wrapFeatures?: (features: Feature[]) => Feature[];
}

const suffix = (): string => `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

export async function openImportRuntime(io: CliIo, options: ImportRuntimeOptions): Promise<ImportRuntime> {
  const config = loadConfig(io.env);
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: false, destination: io.stderr });
  let db: Database;
  let database: string;
  let schema: string | undefined;
  if (!options.fresh) {
    db = await openConfiguredDatabase(config);
    database = config.database.kind === 'postgres' ? 'postgres (DATABASE_URL)' : `pglite (${config.database.dataDir})`;
  } else if (config.database.kind === 'postgres') {
    schema = `rapport_replay_${suffix()}`;
    db = await openDatabase({ kind: 'postgres', url: config.database.url, schema }, { migrate: true });
    database = `postgres (DATABASE_URL, fresh schema ${schema})`;
  } else {
    db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' }, { migrate: true });
    database = 'pglite (in memory)';
  }
  const prefix = config.redis ? `${config.redis.prefix}-replay-${suffix()}` : undefined;
  let scheduler: JobScheduler;
  try {
    scheduler = options.queue && config.redis && prefix ? await createBullmqScheduler({ url: config.redis.url, prefix, logger }) : createInProcessScheduler({ logger });
  } catch (error) {
    await db.close();
    throw error;
  }
  const translator = await createTranslator();
  const repos = createRepositories(db.prisma);
  const adapters = (['slack', 'discord'] as const).map((platform) => createReplayAdapter(platform));
  const rapport = await buildRapport({
    repos,
    scheduler,
    logger,
    clock: systemClock,
    translator,
    commands,
    features: options.wrapFeatures ? options.wrapFeatures(features) : features,
    adapters,
    defaults: { language: config.language, timeZone: config.timeZone },
    history: true,
    ...(config.scoring ? { recognition: { config: config.scoring } } : {}),
  });
  // Jobs run only where a queue was asked for (bench); an import just stores and scores.
  if (options.queue) await rapport.start();
  return {
    rapport,
    db,
    scheduler,
    config,
    adapters,
    describe: { database, queue: options.queue && config.redis ? `bullmq (REDIS_URL, prefix ${prefix})` : 'in-process' },
    async close() {
      await rapport.stop();
      if (schema) await db.withSql((sql) => sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      await db.close();
      if (options.queue && config.redis && prefix) await removeQueueKeys(config.redis.url, prefix);
    },
  };
}

/** Deletes the replay's private queue keys. */
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
