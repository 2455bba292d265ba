// Builds a complete Rapport (real pipeline, commands, features, repositories) on a real database
// for end-to-end tests: a fresh schema on this machine's PostgreSQL by default, or in-memory PGlite. Adapters are whatever the test passes (console, Slack against the fake, ...).
import { commands as allCommands } from '../../commands/index.ts';
import type { ChatAdapter } from '../../src/core/adapter.ts';
import { fixedClock, type Clock } from '../../src/core/clock.ts';
import type { CommandDefinition } from '../../src/core/commands/define.ts';
import type { Feature } from '../../src/core/feature.ts';
import type { Metrics } from '../../src/core/metrics.ts';
import type { Repositories } from '../../src/core/ports.ts';
import type { JobScheduler } from '../../src/core/scheduler.ts';
import type { Translator } from '../../src/core/translator.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { features as allFeatures } from '../../src/feature-list.ts';
import { createTranslator } from '../../src/i18n/create-translator.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { buildRapport, type Rapport, type RapportParts } from '../../src/main.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from './services.ts';

export interface TestApp {
  rapport: Rapport;
  repos: Repositories;
  db: Database;
  clock: Clock;
  translator: Translator;
  scheduler: JobScheduler;
  /** Stops this Rapport and leaves its database (a restart: another TestApp may open it with `db`). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  adapters: ChatAdapter[] | ((parts: { repos: Repositories; translator: Translator; db: Database }) => ChatAdapter[]);
  database?: 'pglite' | 'postgres';
  clock?: Clock;
  commands?: CommandDefinition[];
  features?: Feature[];
  scheduler?: JobScheduler;
  language?: 'en' | 'bg';
  /** Counters for /metrics (the default counts nothing). */
  metrics?: Metrics;
  /** Reuse this database (another TestApp's: a restart); close() then leaves it open. */
  db?: Database;
  /** Semantic search parts (issue 17), made from the test's database. */
  semantic?: (db: Database) => RapportParts['semantic'];
  /** Funnel settings and where the funnel reads its signals (tests that move members between stages). */
  ambassadors?: RapportParts['ambassadors'];
  /** Writes rows before Rapport starts (what a restart finds in the database). */
  seed?: (repos: Repositories) => Promise<void>;
}

export async function createTestApp(options: TestAppOptions): Promise<TestApp> {
  // PostgreSQL by default: a fresh schema there costs milliseconds, a fresh PGlite seconds.
  const schema = options.db || options.database === 'pglite' ? undefined : uniqueName('app');
  const db = options.db ?? (schema
    ? await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true })
    : await openDatabase({ kind: 'pglite', dataDir: 'memory://' }, { migrate: true }));
  const logger = createLogger({ level: 'silent', pretty: false });
  const translator = await createTranslator();
  const repos = createRepositories(db.prisma);
  const clock = options.clock ?? fixedClock(new Date('2026-11-23T10:00:00Z'));
  const scheduler = options.scheduler ?? createInProcessScheduler({ logger, backoffBaseMs: 10 });
  const adapters = typeof options.adapters === 'function' ? options.adapters({ repos, translator, db }) : options.adapters;
  const rapport = await buildRapport({
    repos,
    scheduler,
    logger,
    clock,
    translator,
    commands: options.commands ?? allCommands,
    features: options.features ?? allFeatures,
    adapters,
    defaults: { language: options.language ?? 'en', timeZone: 'Europe/Sofia' },
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.semantic ? { semantic: options.semantic(db) } : {}),
    ...(options.ambassadors ? { ambassadors: options.ambassadors } : {}),
  });
  await options.seed?.(repos);
  await rapport.start();
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await rapport.stop();
  };
  return {
    rapport,
    repos,
    db,
    clock,
    translator,
    scheduler,
    stop,
    async close() {
      await stop();
      if (options.db) return;
      await db.close();
      if (schema) await dropSchema(schema);
    },
  };
}
