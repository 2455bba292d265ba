// `rapport start`: runs the bot. With no Slack or Discord configuration it opens the console chat
// on the embedded database, so `npm start` works on a fresh clone with nothing installed.
import { commands } from '../../commands/index.ts';
import { loadConfig } from '../config.ts';
import { createConsoleAdapter } from '../adapters/console/index.ts';
import { CONSOLE_COMMUNITY, memberIdFor } from '../adapters/console/translate.ts';
import type { ChatAdapter } from '../core/adapter.ts';
import { systemClock } from '../core/clock.ts';
import { scheduleDailyRollup } from '../core/engagement/daily-rollup.ts';
import { createRepositories } from '../db/create-repositories.ts';
import { createDashboardQueries } from '../db/dashboard-queries.ts';
import { withRecognitionLeaderboards } from '../core/dashboard/recognition-leaderboards.ts';
import { withLearning } from '../core/learning/dashboard-learning.ts';
import { createKnowledgeGaps } from '../core/learning/knowledge-gaps.ts';
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
  const queue = scheduler;
  const metrics = createPrometheusMetrics(queue.stats ? { queueStats: () => queue.stats!() } : {});
  // /healthz, /metrics and the dashboard: mount `web.handler` on the Slack receiver (slackRoutes in
  // src/web/mount.ts) when Slack owns PORT; otherwise serveWeb below listens on PORT itself.
  const web = lateWebHandler();
  const t = (key: string, vars?: Record<string, string | number>) => translator.t(config.language, key, vars);
  const consoleAdapter = consoleMode
    ? createConsoleAdapter({ input: io.stdin, output: io.stdout, user: config.console.user, clock: systemClock, t, onError: (err) => logger.error({ err }, 'console line failed') })
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
      data: withLearning(withRecognitionLeaderboards(createDashboardQueries(db.prisma), rapport.services.recognition, repos.communities), {
        gaps: createKnowledgeGaps({ answerLogs: repos.answerLogs, now: () => new Date() }),
        pending: (communityId, limit) => repos.learning.pending(communityId, limit),
        name: async (memberId) => (await repos.members.get(memberId))?.displayName ?? memberId,
      }),
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
    })());
  // The console moderator's link, made before the console reads its first line (so making the
  // member here never races the pipeline making the same member).
  const who = config.console.user;
  const consoleLink = consoleAdapter
    ? await consoleDashboardLink(rapport.services, { communityId: CONSOLE_COMMUNITY, platform: 'console', memberId: memberIdFor(who), platformId: who.toLowerCase(), displayName: who, language: config.language, timeZone: config.timeZone })
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
