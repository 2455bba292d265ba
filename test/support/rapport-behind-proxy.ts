// A Rapport (the real commands and features) on its own PostgreSQL schema, reached through a TCP
// proxy the test can cut (an outage as the bot sees it), with an event spool in a temporary folder
// unless `spool: false`. close() restores the proxy and undoes everything.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commands } from '../../commands/index.ts';
import type { ChatAdapter } from '../../src/core/adapter.ts';
import { systemClock } from '../../src/core/clock.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { openFileEventSpool } from '../../src/db/file-event-spool.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { features } from '../../src/feature-list.ts';
import { createTranslator } from '../../src/i18n/create-translator.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { buildRapport, type Rapport } from '../../src/main.ts';
import { dropSchema, uniqueName } from './services.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

export interface RapportBehindProxy {
  rapport: Rapport;
  db: Database;
  proxy: TcpProxy;
  /** The schema, for a direct connection that does not go through the proxy. */
  schema: string;
  close(): Promise<void>;
}

export async function rapportBehindProxy(adapters: ChatAdapter[], options: { spool?: boolean } = {}): Promise<RapportBehindProxy> {
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
  const schema = uniqueName('outage');
  const db = await openDatabase({ kind: 'postgres', url: `postgresql://postgres@127.0.0.1:${proxy.port}/postgres`, schema }, { migrate: true });
  const dir = options.spool === false ? undefined : await mkdtemp(path.join(tmpdir(), 'rapport-spool-'));
  const logger = createLogger({ level: 'silent', pretty: false });
  const rapport = await buildRapport({
    repos: createRepositories(db.prisma),
    scheduler: createInProcessScheduler({ logger, backoffBaseMs: 10 }),
    logger,
    clock: systemClock,
    translator: await createTranslator(),
    commands,
    features,
    adapters,
    defaults: { language: 'en', timeZone: 'UTC' },
    ...(dir ? { spool: await openFileEventSpool(path.join(dir, 'event-spool.jsonl')) } : {}),
  });
  await rapport.start();
  return {
    rapport,
    db,
    proxy,
    schema,
    async close() {
      await proxy.restore();
      await rapport.stop();
      await db.close();
      await proxy.close();
      await dropSchema(schema);
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
