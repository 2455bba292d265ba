// `rapport start`: runs the bot. With no Slack or Discord configuration it opens the console chat
// on the embedded database, so `npm start` works on a fresh clone with nothing installed.
import { commands } from '../../commands/index.ts';
import { loadConfig } from '../config.ts';
import { createConsoleAdapter } from '../adapters/console/index.ts';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CONSOLE_SCOPE, memberIdFor } from '../adapters/console/translate.ts';
import { communityId, parseId } from '../core/ids.ts';
import { isCommunityName } from '../import/into-community.ts';
import type { ChatAdapter } from '../core/adapter.ts';
import { systemClock } from '../core/clock.ts';
import { scheduleDailyRollup } from '../core/engagement/daily-rollup.ts';
import { createRepositories } from '../db/create-repositories.ts';
import { createDashboardQueries } from '../db/dashboard-queries.ts';
import { withRecognitionLeaderboards } from '../core/dashboard/recognition-leaderboards.ts';
import { features } from '../features.ts';
import { createTranslator } from '../i18n/create-translator.ts';
import { createLogger } from '../logger.ts';
import { buildRapport } from '../main.ts';
import { consoleDashboardLink } from '../web/console-login.ts';
import { lateWebHandler, slackRoutes } from '../web/mount.ts';
import { createPrometheusMetrics } from '../web/prometheus-metrics.ts';
import { createWebHandler } from '../web/web-handler.ts';
import { serveWeb, type WebServer } from '../web/web-server.ts';
import type { CliCommand } from './io.ts';
import { openConfiguredDatabase, openScheduler } from './open-parts.ts';
import { createPlatformAdapters } from './platform-adapters.ts';

export const runStart: CliCommand = async (argv, io) => {
  const startedAt = performance.now();
  const config = loadConfig(io.env);
  const consoleMode = !config.slack && !config.discord;
  const { values } = parseArgs({ args: argv, options: { community: { type: 'string' } }, strict: true });
  const community = values.community;
  if (community !== undefined) {
    const translator = await createTranslator();
    const problem = !isCommunityName(community) ? 'consoleRun.badCommunity' : !consoleMode ? 'consoleRun.notConsole' : undefined;
    if (problem) {
      io.stderr.write(`${translator.t(config.language, problem, { name: community })}\n`);
      return 2;
    }
  }
  const consoleCommunity = communityId('console', community ?? CONSOLE_SCOPE);
  const translator = await createTranslator();
  // In the console, log lines would land in the middle of the chat: they go to a file instead.
  const logFile = consoleMode ? path.resolve(config.console.dataDir, 'rapport.log') : undefined;
  if (logFile) mkdirSync(path.dirname(logFile), { recursive: true });
  const logStream = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  const logger = createLogger({ level: config.logLevel, pretty: consoleMode || (io.stderr as { isTTY?: boolean }).isTTY === true, destination: logStream ?? io.stderr });
  const db = await openConfiguredDatabase(config);
  let scheduler;
  try {
    scheduler = await openScheduler(config, logger);
  } catch (error) {
    await db.close();
    throw error;
  }
  const repos = createRepositories(db.prisma);
  const queue = scheduler;
  const metrics = createPrometheusMetrics(queue.stats ? { queueStats: () => queue.stats!() } : {});
  // /healthz, /metrics and the dashboard: mount `web.handler` on the Slack receiver (slackRoutes in
  // src/web/mount.ts) when Slack owns PORT; otherwise serveWeb below listens on PORT itself.
  const web = lateWebHandler();
  const t = (key: string, vars?: Record<string, string | number>) => translator.t(config.language, key, vars);
  const consoleAdapter = consoleMode
    ? createConsoleAdapter({ input: io.stdin, output: io.stdout, user: config.console.user, ...(community ? { community } : {}), historyFile: path.join(config.console.dataDir, 'console-history'), filesDir: path.join(config.console.dataDir, 'files'), clock: systemClock, t, onError: (err) => logger.error({ err }, 'console line failed') })
    : undefined;
  const adapters: ChatAdapter[] = consoleAdapter ? [consoleAdapter] : await createPlatformAdapters(config, { logger, repos, webRoutes: slackRoutes(web.handler), metrics });
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
    ...(config.scoring ? { recognition: { config: config.scoring } } : {}),
    metrics,
    publicUrl: config.publicUrl,
  });
  web.set(
    createWebHandler({
      access: rapport.services.dashboard,
      data: withRecognitionLeaderboards(createDashboardQueries(db.prisma), rapport.services.recognition, repos.communities),
      communities: repos.communities,
      translator,
      clock: systemClock,
      logger,
      secureCookies: config.publicUrl.startsWith('https:'),
      metrics,
      health: { database: () => db.withSql((sql) => sql.query('SELECT 1')), queue: async () => void (await queue.stats?.()) },
    }),
  );
  await scheduleDailyRollup(rapport.services);

  let server: WebServer | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await server?.close();
      await rapport.stop();
      await db.close();
      if (logStream) await new Promise<void>((resolve) => logStream.end(resolve));
    })());
  // The console moderator's link, made before the console reads its first line (so making the
  // member here never races the pipeline making the same member).
  const who = config.console.user;
  if (logFile) io.stdout.write(`${t('consoleRun.logFile', { path: logFile })}\n`);
  if (consoleAdapter && community) {
    const stored = (await repos.communities.list()).filter((c) => c.platform === 'console').map((c) => parseId(c.id).scope);
    io.stdout.write(`${t(stored.includes(community) ? 'consoleRun.community' : 'consoleRun.newCommunity', { name: community, stored: stored.filter((s) => s !== CONSOLE_SCOPE).join(', ') || t('consoleRun.none') })}\n`);
  }
  const consoleLink = consoleAdapter
    ? await consoleDashboardLink(rapport.services, { communityId: consoleCommunity, platform: 'console', memberId: memberIdFor(who, community ?? CONSOLE_SCOPE), platformId: who.toLowerCase(), displayName: who, language: config.language, timeZone: config.timeZone })
    : undefined;
  await rapport.start();
  // In the console a taken port only turns the dashboard off; a bot without its HTTP port stops.
  server = config.slack
    ? undefined
    : await serveWeb({ port: config.port, host: consoleMode ? '127.0.0.1' : undefined, handler: web.handler, optional: consoleMode, onPortTaken: () => logger.warn(t('dashboard.console.portTaken', { port: config.port })) }).catch(async (error: unknown) => {
        await stop();
        throw error;
      });
  if (consoleLink && server) {
    io.stdout.write(`${t('dashboard.console.link', { url: consoleLink.url, minutes: Math.round(rapport.services.dashboard.tokenTtlMs / 60_000) })}\n`);
  }
  logger.info({ database: db.kind, scheduler: scheduler.kind, adapters: adapters.map((a) => a.platform), ms: Math.round(performance.now() - startedAt) }, 'Rapport is ready');

  const signals = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await Promise.race([signals, consoleAdapter ? consoleAdapter.finished : new Promise<void>(() => {})]);
  await stop();
  return 0;
};
