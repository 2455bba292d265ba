// The Rapport a history import, an evaluation or a benchmark runs: the real pipeline, features and
// repositories (openRapport in src/main.ts), without chat adapters. `fresh` gives it a database of
// its own (a new schema in DATABASE_URL's PostgreSQL, dropped afterwards, or in-memory PGlite) so a
// replay starts from nothing and leaves nothing behind; otherwise it opens the configured database.
import { loadConfig, type Config } from '../config.ts';
import type { Feature } from '../core/feature.ts';
import type { JobScheduler } from '../core/scheduler.ts';
import type { Database } from '../db/open-database.ts';
import { createReplayAdapter, type ReplayAdapter } from '../import/replay-adapter.ts';
import { createLogger } from '../pino-logger.ts';
import type { Rapport } from '../main.ts';
import { openRapport } from '../open-rapport.ts';
import type { CliIo } from './io.ts';

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

export async function openImportRuntime(io: CliIo, options: ImportRuntimeOptions): Promise<ImportRuntime> {
  const config = loadConfig(io.env);
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: false, destination: io.stderr });
  const adapters = (['slack', 'discord'] as const).map((platform) => createReplayAdapter(platform));
  const app = await openRapport(config, {
    database: options.fresh ? 'fresh' : 'configured',
    scheduler: options.queue ? 'private' : 'in-process',
    logger,
    adapters: () => adapters,
    ...(options.wrapFeatures ? { wrapFeatures: options.wrapFeatures } : {}),
    history: true,
  });
  // Jobs run only where a queue was asked for (bench); an import just stores and scores.
  if (options.queue) await app.rapport.start();
  return { rapport: app.rapport, db: app.db, scheduler: app.scheduler, config, adapters, describe: app.describe, close: () => app.close() };
}

/**
 * Reviews the funnel stages of imported communities once the history is in. A replay takes
 * seconds, and the funnel re-evaluates a member at most once per 10 minutes between its weekly
 * reviews (a job that never runs without a queue), so the stages stored during it are those members
 * had when they first qualified; the review brings them to what the whole history says.
 */
export async function reviewImportedFunnels(rapport: Rapport, communityIds: Iterable<string>): Promise<void> {
  for (const communityId of communityIds) await rapport.ports.ambassadors.funnel.review(communityId);
}
