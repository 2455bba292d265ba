// `rapport start`: runs the bot. With no Slack or Discord configuration it opens the console chat
// on the embedded database, so `npm start` works on a fresh clone with nothing installed.
import { commands } from '../../commands/index.ts';
import { loadConfig } from '../config.ts';
import { createConsoleAdapter } from '../adapters/console/index.ts';
import type { ChatAdapter } from '../core/adapter.ts';
import { systemClock } from '../core/clock.ts';
import { scheduleDailyRollup } from '../core/engagement/daily-rollup.ts';
import { createRepositories } from '../db/create-repositories.ts';
import { features } from '../features.ts';
import { createTranslator } from '../i18n/create-translator.ts';
import { createLogger } from '../logger.ts';
import { buildRapport } from '../main.ts';
import type { CliCommand } from './io.ts';
import { openConfiguredDatabase, openScheduler } from './open-parts.ts';
import { createPlatformAdapters } from './platform-adapters.ts';

export const runStart: CliCommand = async (_argv, io) => {
  const startedAt = performance.now();
  const config = loadConfig(io.env);
  const consoleMode = !config.slack && !config.discord;
  const logger = createLogger({ level: config.logLevel, pretty: consoleMode || (io.stderr as { isTTY?: boolean }).isTTY === true, destination: io.stderr });
  const translator = await createTranslator();
  const db = await openConfiguredDatabase(config);
  let scheduler;
  try {
    scheduler = await openScheduler(config, logger);
  } catch (error) {
    await db.close();
    throw error;
  }
  const repos = createRepositories(db.prisma);
  const t = (key: string, vars?: Record<string, string | number>) => translator.t(config.language, key, vars);
  const consoleAdapter = consoleMode
    ? createConsoleAdapter({ input: io.stdin, output: io.stdout, user: config.console.user, clock: systemClock, t, onError: (err) => logger.error({ err }, 'console line failed') })
    : undefined;
  const adapters: ChatAdapter[] = consoleAdapter ? [consoleAdapter] : await createPlatformAdapters(config, { logger, repos });
  const rapport = await buildRapport({
    repos,
    scheduler,
    logger,
    clock: systemClock,
    translator,
    commands,
    features,
    adapters,
    defaults: { language: config.language, timeZone: config.timeZone },
  });
  await scheduleDailyRollup(rapport.services);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await rapport.stop();
      await db.close();
    })());
  await rapport.start();
  logger.info({ database: db.kind, scheduler: scheduler.kind, adapters: adapters.map((a) => a.platform), ms: Math.round(performance.now() - startedAt) }, 'Rapport is ready');

  const signals = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await Promise.race([signals, consoleAdapter ? consoleAdapter.finished : new Promise<void>(() => {})]);
  await stop();
  return 0;
};
