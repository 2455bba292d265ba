// One Rapport "process" for multi-process tests: the real commands and features on its own
// connection pool to a shared PostgreSQL schema, with its own scheduler, and a stop that closes
// Rapport and then its pool, once, however often it is called.
import { commands } from '../../commands/index.ts';
import type { ChatAdapter } from '../../src/core/adapter.ts';
import type { Clock } from '../../src/core/clock.ts';
import type { Logger } from '../../src/core/logger.ts';
import type { Repositories } from '../../src/core/ports.ts';
import type { JobScheduler } from '../../src/core/scheduler.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { features } from '../../src/feature-list.ts';
import { createTranslator } from '../../src/i18n/create-translator.ts';
import { buildRapport, type Rapport, type RapportParts } from '../../src/main.ts';
import { POSTGRES_URL } from './services.ts';

export interface RapportProcess {
  rapport: Rapport;
  db: Database;
  repos: Repositories;
  stop(): Promise<void>;
}

export async function openRapportProcess(options: {
  schema: string;
  scheduler: JobScheduler;
  adapter: ChatAdapter;
  clock: Clock;
  logger: Logger;
  ambassadors?: RapportParts['ambassadors'];
}): Promise<RapportProcess> {
  const db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema: options.schema }, { migrate: true });
  const repos = createRepositories(db.prisma);
  const rapport = await buildRapport({
    repos, scheduler: options.scheduler, logger: options.logger, clock: options.clock, translator: await createTranslator(), commands, features, adapters: [options.adapter],
    defaults: { language: 'en', timeZone: 'UTC' },
    ...(options.ambassadors ? { ambassadors: options.ambassadors } : {}),
  });
  // Bound now: tests may put this process's stop in place of rapport.stop.
  const stopRapport = rapport.stop.bind(rapport);
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await stopRapport();
      await db.close();
    })());
  return { rapport, db, repos, stop };
}
