// One composition for every entry point (start, import, bench, eval, demo): opens the configured
// database and scheduler, builds Rapport (main.ts buildRapport) with the adapters the entry point
// chooses, and closes all of it again, also when start-up fails or is aborted.
import { commands as declaredCommands } from '../commands/index.ts';
import { openChosenDatabase, openChosenScheduler, type DatabaseChoice, type OpenedPart, type SchedulerChoice } from './cli/open-parts.ts';
import type { Config } from './config.ts';
import type { ChatAdapter } from './core/adapter.ts';
import { systemClock } from './core/clock.ts';
import { type Feature } from './core/feature.ts';
import type { Logger } from './core/logger.ts';
import { noopMetrics, type Metrics } from './core/metrics.ts';
import type { Repositories } from './core/ports.ts';
import type { JobScheduler } from './core/scheduler.ts';
import type { Translator } from './core/translator.ts';
import { createRepositories } from './db/create-repositories.ts';
import type { Database } from './db/open-database.ts';
import { features as declaredFeatures } from './feature-list.ts';
import { createTranslator } from './i18n/create-translator.ts';
import { buildRapport, type Rapport, type RapportParts } from './main.ts';

export interface EntryChoices<M extends Metrics = Metrics> {
  database: DatabaseChoice;
  scheduler: SchedulerChoice;
  logger: Logger;
  /** The chat adapters this entry point runs (console, Slack and Discord, replay sinks). */
  adapters(parts: { repos: Repositories; translator: Translator; metrics: Metrics; db: Database }): ChatAdapter[] | Promise<ChatAdapter[]>;
  /** Counters for /metrics (start); nothing is counted when absent. */
  metrics?(scheduler: JobScheduler): M;
  /** Lets a benchmark wrap Rapport's features (to time them). */
  wrapFeatures?(features: Feature[]): Feature[];
  /** Semantic search through an embeddings server (start, when EMBEDDINGS_URL is set). */
  semantic?(parts: { db: Database }): RapportParts['semantic'];
  /** A history import: what the learning feature suggests is flagged as imported. */
  history?: boolean;
  /** Aborted when the process is asked to stop: start-up goes no further than the part it is opening. */
  signal?: AbortSignal;
  /** Where live events wait while the database is away (start). */
  spool?(): Promise<NonNullable<RapportParts['spool']>>;
  /** Scores rebuilt from stored events (start: the ones lagging after a crash; `rapport scores rebuild`). */
  scoreRebuild?(parts: { db: Database }): NonNullable<RapportParts['scoreRebuild']>;
}

export interface RunningApp<M extends Metrics = Metrics> {
  rapport: Rapport;
  db: Database;
  repos: Repositories;
  scheduler: JobScheduler;
  translator: Translator;
  adapters: ChatAdapter[];
  /** What choices.metrics made (noopMetrics without it). */
  metrics: M;
  /** What was opened, for reports: "postgres (DATABASE_URL)", "bullmq (REDIS_URL, prefix x)", ... */
  describe: { database: string; queue: string };
  /** Stops Rapport, then closes (and removes what was made for this run of) the scheduler and database. */
  close(): Promise<void>;
}

/** Builds Rapport for an entry point from configuration and its choices; on failure, closes what it opened. */
/** Thrown by openRapport when its `signal` aborts during start-up; what it had opened is closed. */
export class StartAborted extends Error {
  constructor() {
    super('start-up stopped: the process was asked to stop');
    this.name = 'StartAborted';
  }
}

export async function openRapport<M extends Metrics = Metrics>(config: Config, choices: EntryChoices<M>): Promise<RunningApp<M>> {
  const database = await openChosenDatabase(config, choices.database);
  let queue: OpenedPart<JobScheduler> | undefined;
  const checkStop = () => {
    if (choices.signal?.aborted) throw new StartAborted();
  };
  try {
    checkStop();
    queue = await openChosenScheduler(config, choices.scheduler, choices.logger);
    checkStop();
    const scheduler = queue.value;
    const db = database.value;
    const translator = await createTranslator();
    const repos = createRepositories(db.prisma);
    const metrics = (choices.metrics?.(scheduler) ?? noopMetrics) as M;
    const adapters = await choices.adapters({ repos, translator, metrics, db });
    const semantic = choices.semantic?.({ db });
    const spool = await choices.spool?.();
    const scoreRebuild = choices.scoreRebuild?.({ db });
    checkStop();
    const rapport = await buildRapport({
      repos,
      scheduler,
      logger: choices.logger,
      clock: systemClock,
      translator,
      commands: declaredCommands,
      features: choices.wrapFeatures ? choices.wrapFeatures(declaredFeatures) : declaredFeatures,
      adapters,
      defaults: { language: config.language, timeZone: config.timeZone },
      ...(config.scoring ? { recognition: { config: config.scoring } } : {}),
      metrics,
      publicUrl: config.publicUrl,
      ...(config.solvedTags.length ? { solvedTags: config.solvedTags } : {}),
      ...(semantic ? { semantic } : {}),
      ...(choices.history ? { history: true } : {}),
      ...(spool ? { spool } : {}),
      ...(scoreRebuild ? { scoreRebuild } : {}),
    });
    const opened = queue;
    return {
      rapport,
      db,
      repos,
      scheduler,
      translator,
      adapters,
      metrics,
      describe: { database: database.describe, queue: opened.describe },
      async close() {
        await rapport.stop();
        await database.dispose();
        await opened.dispose();
      },
    };
  } catch (error) {
    await queue?.value.close().catch((closeError: unknown) => choices.logger.error({ err: closeError }, 'closing the scheduler after a failed start failed'));
    await database.dispose();
    throw error;
  }
}
