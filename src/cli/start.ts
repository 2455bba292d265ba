// `rapport start`: runs the bot. With no Slack or Discord configuration it opens the console chat
// on the embedded database, so `npm start` works on a fresh clone with nothing installed.
// SIGTERM or SIGINT at any moment, start-up included, stops it after flushing what it holds.
import { loadConfig } from '../config.ts';
import { createConsoleAdapter } from '../adapters/console/index.ts';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CONSOLE_SCOPE, memberIdFor } from '../adapters/console/translate.ts';
import { communityId, parseId } from '../core/ids.ts';
import { isCommunityName } from '../import/into-community.ts';
import { createTranslator } from '../i18n/create-translator.ts';
import { systemClock } from '../core/clock.ts';
import { scheduleDailyRollup } from '../core/engagement/daily-rollup.ts';
import { openFileEventSpool } from '../db/file-event-spool.ts';
import { createScoreRebuildRepository } from '../db/score-rebuild-repository.ts';
import { createDashboardQueries } from '../db/dashboard-queries.ts';
import { withRecognitionLeaderboards } from '../core/dashboard/recognition-leaderboards.ts';
import { withLearning } from '../core/learning/dashboard-learning.ts';
import { createDashboardOperations } from '../core/dashboard/dashboard-operations.ts';
import { createKnowledgeGaps } from '../core/learning/knowledge-gaps.ts';
import { createLogger } from '../pino-logger.ts';
import { openRapport, StartAborted } from '../open-rapport.ts';
import { consoleDashboardLink } from '../web/console-login.ts';
import { lateWebHandler, slackRoutes } from '../web/mount.ts';
import { createPrometheusMetrics } from '../web/prometheus-metrics.ts';
import { createEmbeddingVectorRepository } from '../db/embedding-vector-repository.ts';
import { createEmbedProgress } from '../embeddings/embed-progress.ts';
import { createOpenAiEmbeddingsClient } from '../embeddings/openai-embeddings-client.ts';
import { metricsOnlyHandler } from '../web/metrics-route.ts';
import { createWebHandler } from '../web/web-handler.ts';
import { serveWeb, startWebServer, type WebServer } from '../web/web-server.ts';
import type { CliCommand } from './io.ts';
import { createPlatformAdapters } from './platform-adapters.ts';
import { spawnShards } from '../adapters/discord/shard-manager.ts';
import { guardProcess } from './process-guard.ts';
import { RapportError } from '../core/errors.ts';

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
  // In the console, log lines would land in the middle of the chat: they go to a file instead.
  const logFile = consoleMode ? path.resolve(config.console.dataDir, 'rapport.log') : undefined;
  if (logFile) mkdirSync(path.dirname(logFile), { recursive: true });
  const logStream = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  const logger = createLogger({ level: config.logLevel, pretty: consoleMode || (io.stderr as { isTTY?: boolean }).isTTY === true, destination: logStream ?? io.stderr });
  // What is open so far, closed in reverse order when Rapport stops, whenever that is: a stop
  // (SIGTERM, SIGINT, a fatal error) during start-up closes what start-up opened and goes no further.
  const parts: Array<{ name: string; close: () => Promise<void> }> = [];
  // A spawned shard exited with a configuration error: the manager stops too, with the same exit code.
  let shardConfigError = false;
  const stopSignal = io.shutdown?.signal;
  const stopRequested = () => stopSignal?.aborted === true;
  const guard = io.shutdown ? guardProcess({ logger, requestStop: io.shutdown.request }) : undefined;
  if (stopSignal) stopSignal.addEventListener('abort', () => logger.info({ reason: stopSignal.reason }, 'stopping'), { once: true });
  try {
    await run();
  } catch (error) {
    if (!(error instanceof StartAborted)) throw error;
  } finally {
    for (const part of parts.splice(0).reverse()) {
      try {
        await part.close();
      } catch (error) {
        logger.error({ err: error, part: part.name }, 'failed while stopping');
      }
    }
    guard?.uninstall();
    if (logStream) await new Promise<void>((resolve) => logStream.end(resolve));
  }
  return shardConfigError ? 2 : guard?.fatal ? 1 : 0;

  async function run(): Promise<void> {
    // DISCORD_SHARDS: this process spawns one `rapport start` per shard and watches them.
    if (config.discord?.spawnShards !== undefined) {
      const shards = await spawnShards(
        {
          token: config.discord.token,
          entry: process.argv[1]!,
          args: ['start'],
          shards: config.discord.spawnShards,
          ...(config.discord.apiUrl ? { apiUrl: config.discord.apiUrl } : {}),
          ...(stopSignal ? { signal: stopSignal } : {}),
          onConfigError: (shard) => {
            shardConfigError = true;
            io.shutdown?.request(`Discord shard ${shard} cannot run with this configuration`);
          },
        },
        { logger },
      );
      parts.push({ name: 'discord shards', close: () => shards.stop() });
      logger.info({ shards: shards.count, ms: Math.round(performance.now() - startedAt) }, 'Rapport is ready: every Discord shard runs in its own process');
      await stopped(stopSignal);
      return;
    }
    // A shard process stops with the process that spawned it (its IPC channel closes).
    if (config.discord?.shard?.spawned && process.connected) process.once('disconnect', () => io.shutdown?.request('the shard manager exited'));
    // /healthz, /metrics and the dashboard: mount `web.handler` on the Slack receiver (slackRoutes in
    // src/web/mount.ts) when Slack owns PORT; otherwise serveWeb below listens on PORT itself.
    const web = lateWebHandler();
    let consoleAdapter: ReturnType<typeof createConsoleAdapter> | undefined;
    const app = await openRapport(config, {
      database: 'configured',
      scheduler: 'configured',
      logger,
      ...(stopSignal ? { signal: stopSignal } : {}),
      metrics: (queue) => createPrometheusMetrics(queue.stats ? { queueStats: () => queue.stats!() } : {}),
      adapters: async ({ repos, translator, metrics, db }) => {
        if (!consoleMode) return createPlatformAdapters(config, { logger, repos, webRoutes: slackRoutes(web.handler), metrics, prisma: db.prisma });
        const t = (key: string, vars?: Record<string, string | number>) => translator.t(config.language, key, vars);
        consoleAdapter = createConsoleAdapter({ input: io.stdin, output: io.stdout, user: config.console.user, ...(community ? { community } : {}), historyFile: path.join(config.console.dataDir, 'console-history'), filesDir: path.join(config.console.dataDir, 'files'), clock: systemClock, t, onError: (err) => logger.error({ err }, 'console line failed') });
        return [consoleAdapter];
      },
      semantic: ({ db }) =>
        config.embeddings
          ? {
              provider: createOpenAiEmbeddingsClient(config.embeddings),
              vectors: createEmbeddingVectorRepository(db.prisma),
              queryTimeoutMs: config.embeddings.timeoutMs,
              progress: (communityId: string, total: number) => createEmbedProgress(io.stderr, `Embedding ${communityId}`, total),
            }
          : undefined,
      spool: () => openFileEventSpool(config.spoolFile),
      scoreRebuild: ({ db }) => createScoreRebuildRepository(db.prisma),
    });
    // Rapport's close stops its adapters, flushes what its features hold, then closes the scheduler and database.
    parts.push({ name: 'rapport', close: () => app.close() });
    if (stopRequested()) return;
    const { rapport, db, repos, scheduler: queue, translator, metrics, adapters } = app;
    const t = (key: string, vars?: Record<string, string | number>) => translator.t(config.language, key, vars);
    web.set(
      createWebHandler({
        access: rapport.ports.dashboard,
        data: withLearning(withRecognitionLeaderboards(createDashboardQueries(db.prisma), rapport.ports.leaderboard, repos.communities), {
          gaps: createKnowledgeGaps({ answerLogs: repos.answerLogs, now: () => new Date() }),
          pending: (communityId, limit) => repos.learning.pending(communityId, limit),
          name: async (memberId) => (await repos.members.get(memberId))?.displayName ?? memberId,
        }),
        communities: repos.communities,
        translator,
        clock: systemClock,
        logger,
        secureCookies: config.publicUrl.startsWith('https:'),
        operations: createDashboardOperations({ learning: rapport.ports.learning, routingRecords: repos.routing, members: repos.members, channels: repos.channels, translator }),
        metrics,
        metricsAccess: { ...config.metrics, elsewhere: config.metrics.listen !== undefined },
        health: { database: () => db.withSql((sql) => sql.query('SELECT 1')), queue: async () => void (await queue.stats?.()) },
      }),
    );
    await scheduleDailyRollup(rapport.ports);

    // METRICS_PORT: /metrics on an address of its own (an internal interface), not on PORT.
    if (config.metrics.listen) {
      const metricsServer = await startWebServer({ ...config.metrics.listen, handler: metricsOnlyHandler(metrics, config.metrics, (err) => logger.error({ err }, 'metrics request failed')) });
      parts.push({ name: 'metrics server', close: () => metricsServer.close() });
    }
    // The console moderator's link, made before the console reads its first line (so making the
    // member here never races the pipeline making the same member).
    const who = config.console.user;
    if (logFile) io.stdout.write(`${t('consoleRun.logFile', { path: logFile })}\n`);
    if (consoleAdapter && community) {
      const stored = (await repos.communities.list()).filter((c) => c.platform === 'console').map((c) => parseId(c.id).scope);
      io.stdout.write(`${t(stored.includes(community) ? 'consoleRun.community' : 'consoleRun.newCommunity', { name: community, stored: stored.filter((s) => s !== CONSOLE_SCOPE).join(', ') || t('consoleRun.none') })}\n`);
    }
    const consoleLink = consoleAdapter
      ? await consoleDashboardLink({ dashboard: rapport.ports.dashboard, communities: repos.communities, members: repos.members }, { communityId: consoleCommunity, platform: 'console', memberId: memberIdFor(who, community ?? CONSOLE_SCOPE), platformId: who.toLowerCase(), displayName: who, language: config.language, timeZone: config.timeZone })
      : undefined;
    if (stopRequested()) return;
    await rapport.start();
    if (stopRequested()) return;
    // In the console a taken port only turns the dashboard off; a bot without its HTTP port stops.
    // Shards spawned by DISCORD_SHARDS listen on PORT + their shard id.
    const webPort = config.port + (config.discord?.shard?.spawned ? config.discord.shard.id : 0);
    // The Slack receiver serves the web routes where Slack runs (shard 0's process when sharded).
    const slackServesWeb = config.slack !== null && (config.discord?.shard?.id ?? 0) === 0;
    const server: WebServer | undefined = slackServesWeb
      ? undefined
      : await serveWeb({ port: webPort, host: consoleMode ? '127.0.0.1' : undefined, handler: web.handler, optional: consoleMode, onPortTaken: () => logger.warn(t('dashboard.console.portTaken', { port: config.port })) }).catch((error: unknown) => {
          throw config.discord?.shard?.spawned && error instanceof RapportError && error.code === 'web.port_in_use'
            ? new RapportError('web.port_in_use', `Port ${webPort} is already in use: Discord shard ${config.discord.shard.id} listens on PORT (${config.port}) + its shard id, so ports ${config.port} to ${config.port + config.discord.shard.count - 1} must be free. Stop what runs there or set PORT to the first of ${config.discord.shard.count} free ports.`, { cause: error })
            : error;
        });
    if (server) parts.push({ name: 'web server', close: () => server.close() });
    if (consoleLink && server) {
      io.stdout.write(`${t('dashboard.console.link', { url: consoleLink.url, minutes: Math.round(rapport.ports.dashboard.tokenTtlMs / 60_000) })}\n`);
    }
    if (stopRequested()) return;
    logger.info({ database: db.kind, scheduler: queue.kind, adapters: adapters.map((a) => a.platform), semanticSearch: config.embeddings?.model ?? false, ms: Math.round(performance.now() - startedAt) }, 'Rapport is ready');

    const finished = consoleAdapter ? consoleAdapter.finished : new Promise<void>(() => {});
    await Promise.race([stopped(stopSignal), finished]);
  }
};

/** Resolves when `signal` aborts; without one (a test calling runStart), on SIGINT or SIGTERM. */
function stopped(signal: AbortSignal | undefined): Promise<void> {
  if (signal) return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
