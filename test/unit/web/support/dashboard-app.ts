// Test support for the dashboard: the real Rapport (harness) with the console adapter driven
// in-process, the real web handler on a real node:http server on a free port, and helpers to
// seed a community's activity and to make requests with or without a session cookie.
import { fixedClock } from '../../../../src/core/clock.ts';
import type { Language } from '../../../../src/core/ports.ts';
import { createDashboardOperations } from '../../../../src/core/dashboard/dashboard-operations.ts';
import { withRecognitionLeaderboards } from '../../../../src/core/dashboard/recognition-leaderboards.ts';
import { createKnowledgeGaps } from '../../../../src/core/learning/knowledge-gaps.ts';
import { withLearning } from '../../../../src/core/learning/dashboard-learning.ts';
import { createDashboardQueries } from '../../../../src/db/dashboard-queries.ts';
import { createLogger } from '../../../../src/pino-logger.ts';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../../src/web/prometheus-metrics.ts';
import type { HealthChecks } from '../../../../src/web/health.ts';
import { createWebHandler } from '../../../../src/web/web-handler.ts';
import { startWebServer, type WebServer } from '../../../../src/web/web-server.ts';
import { createConsoleDriver } from '../../../support/console-driver.ts';
import { createTestApp, type TestApp } from '../../../support/harness.ts';

export const NOW = new Date('2026-11-23T10:00:00Z');

export interface DashboardApp {
  app: TestApp;
  server: WebServer;
  clock: ReturnType<typeof fixedClock>;
  metrics: PrometheusMetrics;
  /** Runs a console line as `member` (a moderator when `moderator`) and returns what was printed. */
  command(member: string, moderator: boolean, line: string): Promise<string>;
  /** Path and query of the first dashboard link in a text. */
  linkIn(text: string): string;
  get(path: string, cookie?: string): Promise<Response>;
  /** Does what the link's page does in a browser: posts the token back to the login path. */
  openLink(pathAndQuery: string): Promise<Response>;
  close(): Promise<void>;
}

/** `learning`: the knowledge page with learning's rows, Approve / Reject and the open hand-offs, as `rapport start` serves it. */
export async function startDashboardApp(options: { health?: HealthChecks; language?: Language; learning?: boolean } = {}): Promise<DashboardApp> {
  const clock = fixedClock(NOW);
  const chat = createConsoleDriver();
  const metrics = createPrometheusMetrics({ queueStats: async () => ({ waiting: 2, active: 1, delayed: 0, failed: 3 }) });
  const app = await createTestApp({ clock, metrics, adapters: ({ translator }) => [chat.adapter(translator, { clock })], ...(options.language ? { language: options.language } : {}) });
  const rapport = app.rapport;
  const handler = createWebHandler({
    access: app.rapport.ports.dashboard,
    data: options.learning
      ? withLearning(withRecognitionLeaderboards(createDashboardQueries(app.db.prisma), rapport.ports.leaderboard, app.repos.communities), {
          gaps: createKnowledgeGaps({ answerLogs: app.repos.answerLogs, now: () => clock.now() }),
          pending: (communityId, limit) => app.repos.learning.pending(communityId, limit),
          name: async (memberId) => (await app.repos.members.get(memberId))?.displayName ?? memberId,
        })
      : withRecognitionLeaderboards(createDashboardQueries(app.db.prisma), rapport.ports.leaderboard, app.repos.communities),
    ...(options.learning ? { operations: createDashboardOperations({ learning: rapport.ports.learning, routingRecords: app.repos.routing, members: app.repos.members, channels: app.repos.channels, translator: app.translator }) } : {}),
    communities: app.repos.communities,
    translator: app.translator,
    clock,
    logger: createLogger({ level: 'silent', pretty: false }),
    secureCookies: false,
    metrics,
    health: options.health ?? { database: () => app.db.withSql((sql) => sql.query('SELECT 1')), queue: async () => {} },
  });
  const server = await startWebServer({ port: 0, host: '127.0.0.1', handler });
  const send = (lines: string[]) => chat.send(...lines);
  return {
    app,
    server,
    clock,
    metrics,
    command: (member, moderator, line) => send([`/as ${member}${moderator ? ' mod' : ''}`, '/in general', line]),
    linkIn(text) {
      const match = /https?:\/\/\S+\/dashboard\/\S+\/login\?token=[A-Za-z0-9_-]+/.exec(text);
      if (!match) throw new Error(`No dashboard link in: ${text}`);
      const url = new URL(match[0]);
      return url.pathname + url.search;
    },
    get: (path, cookie) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} }),
    openLink(pathAndQuery) {
      const url = new URL(pathAndQuery, server.url);
      return fetch(`${server.url}${url.pathname}`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ token: url.searchParams.get('token') ?? '' }) });
    },
    async close() {
      await server.close();
      await app.close();
    },
  };
}

/** The cookie pair ("name=value") a response sets, for sending back. */
export function sessionCookie(response: Response): string {
  const header = response.headers.get('set-cookie');
  if (!header) throw new Error('No Set-Cookie on the response');
  return header.split(';')[0]!;
}

export interface SeedMember {
  name: string;
  moderator?: boolean;
  bot?: boolean;
}

/**
 * Seeds a community: members, one channel, and per day (offset from NOW, 0 = today) a list of
 * [author, kind, target?] events. Returns the member ids by name.
 */
export async function seedCommunity(
  app: TestApp,
  communityId: string,
  members: SeedMember[],
  days: Record<number, Array<[string, 'message' | 'reply' | 'reaction', string?]>>,
): Promise<Record<string, string>> {
  const platform = communityId.split(':')[0] as 'console' | 'slack' | 'discord';
  await app.repos.communities.ensure({ id: communityId, platform, name: communityId.split(':')[1] ?? communityId, language: 'en', timeZone: 'Europe/Sofia' });
  const channelId = `${communityId}:C1`;
  await app.repos.channels.ensure({ id: channelId, communityId, name: 'general' });
  const ids: Record<string, string> = {};
  for (const m of members) {
    const id = `${communityId}:${m.name}`;
    await app.repos.members.ensure({ id, communityId, platformId: m.name, displayName: m.name, isBot: m.bot ?? false, isModerator: m.moderator ?? false });
    ids[m.name] = id;
  }
  let n = 0;
  for (const [offset, events] of Object.entries(days)) {
    for (const [author, kind, target] of events) {
      n += 1;
      await app.repos.activity.record({
        platformEventId: `${communityId}:seed:${n}`,
        communityId,
        memberId: ids[author]!,
        channelId,
        kind,
        occurredAt: new Date(NOW.getTime() - Number(offset) * 86_400_000 - n * 1000),
        ...(target ? { targetMemberId: ids[target]! } : {}),
      });
    }
  }
  return ids;
}
