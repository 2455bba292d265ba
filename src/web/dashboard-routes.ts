// Everything under /dashboard. Opening the one-time link (GET /dashboard/<community>/login?token=...)
// shows a page that posts the token back (a script does it at once); only that POST uses it up.
// Link previewers (chat apps fetch links to show a preview) only GET, so they cannot burn it. The POST
// an HttpOnly, SameSite=Lax session cookie whose Path is that community's dashboard, so a browser
// keeps one session per community and never sends one community's cookie to another's pages.
// Every page and API route checks the session against the community in its path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../core/clock.ts';
import { communityFromSlug, dashboardPath, type DashboardAccess } from '../core/dashboard/dashboard-access.ts';
import { resolvePeriod } from '../core/dashboard/periods.ts';
import type { DashboardData, DashboardSessionRecord } from '../core/dashboard/ports.ts';
import type { Logger } from '../core/logger.ts';
import type { CommunityRepository, Language } from '../core/ports.ts';
import type { Translator } from '../core/translator.ts';
import type { DashboardOperations } from '../core/dashboard/dashboard-operations.ts';
import { serveAsset } from './assets.ts';
import { csrfToken, handleAction, isActionPath } from './dashboard-actions.ts';
import { panelJson } from './dashboard-api.ts';
import { readBody, readCookie, redirect, sendHtml, sendJson, serializeCookie } from './http.ts';
import { ASSETS_PATH, PAGES, pagePath, renderDashboardPage, renderLoginPage, renderMessagePage, type PageName } from './pages/layout.ts';

export const SESSION_COOKIE = 'rapport_dashboard';

export interface DashboardRoutesDeps {
  access: DashboardAccess;
  data: DashboardData;
  communities: Pick<CommunityRepository, 'get'>;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  /** Adds Secure to the cookie (set when the public URL is https). */
  secureCookies: boolean;
  /** Approve / reject suggestions and the open hand-offs (the knowledge page); absent: read-only. */
  operations?: DashboardOperations;
}

/** A form posted from another site (login CSRF) carries that site's Origin; behind a proxy the host may be forwarded. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = req.headers['x-forwarded-host'];
  return host === req.headers.host || (typeof forwarded === 'string' && forwarded.split(',').some((h) => h.trim() === host));
}

export function createDashboardRoutes(deps: DashboardRoutesDeps) {
  const { access, translator } = deps;

  function languageOf(req: IncomingMessage): Language {
    return /^bg\b/i.test(req.headers['accept-language'] ?? '') ? 'bg' : 'en';
  }

  function refuse(res: ServerResponse, status: number, language: Language, messageKey: string, api: boolean): void {
    if (api) return sendJson(res, status, { error: status === 404 ? 'not_found' : 'unauthorized' });
    const title = translator.t(language, status === 404 ? 'dashboard.error.notFound' : 'dashboard.error.title');
    sendHtml(res, status, renderMessagePage(language, title, translator.t(language, messageKey)));
  }

  async function loginPage(req: IncomingMessage, res: ServerResponse, url: URL, communityId: string, base: string): Promise<void> {
    const language = (await deps.communities.get(communityId))?.language ?? languageOf(req);
    const t = (key: string) => translator.t(language, key);
    sendHtml(res, 200, renderLoginPage(language, t('dashboard.login.title'), t('dashboard.login.button'), `${base}/login`, url.searchParams.get('token') ?? ''));
  }

  async function login(req: IncomingMessage, res: ServerResponse, communityId: string, base: string): Promise<void> {
    if (!sameOrigin(req)) return refuse(res, 403, languageOf(req), 'dashboard.error.badLink', false);
    const token = new URLSearchParams(await readBody(req, 2_048)).get('token') ?? '';
    const opened = await access.openSession(communityId, token);
    if (!opened) {
      const community = await deps.communities.get(communityId);
      return refuse(res, 403, community?.language ?? languageOf(req), 'dashboard.error.badLink', false);
    }
    const cookie = serializeCookie(SESSION_COOKIE, opened.sessionToken, { path: base, maxAgeSeconds: access.sessionTtlMs / 1000, secure: deps.secureCookies });
    // Redirect so the used token leaves the address bar and the history.
    redirect(res, pagePath(base, 'overview'), { 'set-cookie': cookie });
  }

  async function page(res: ServerResponse, url: URL, session: DashboardSessionRecord, sessionToken: string, base: string, name: PageName): Promise<void> {
    const community = await deps.communities.get(session.communityId);
    const period = resolvePeriod(url.searchParams.get('period'), deps.clock.now(), community?.timeZone ?? 'UTC');
    const t = (key: string, vars?: Record<string, string | number>) => translator.t(session.language, key, vars);
    const actions = deps.operations ? { csrf: csrfToken(sessionToken) } : undefined;
    sendHtml(res, 200, renderDashboardPage({ language: session.language, t, communityName: community?.name ?? session.communityId, base, page: name, period: period.key, ...(actions ? { actions } : {}) }));
  }

  async function api(res: ServerResponse, url: URL, session: DashboardSessionRecord, name: PageName): Promise<void> {
    const community = await deps.communities.get(session.communityId);
    const period = resolvePeriod(url.searchParams.get('period'), deps.clock.now(), community?.timeZone ?? 'UTC');
    const panel = await panelJson(name, deps.data, session.communityId, period, translator, session.language);
    // The knowledge page also lists who is waiting for a human (as /faq handoffs does).
    const data = name === 'knowledge' && deps.operations ? { ...(panel as object), handoffs: await deps.operations.handoffs(session.communityId, session.language, deps.clock.now()) } : panel;
    sendJson(res, 200, { period: { key: period.key, from: period.from.toISOString(), to: period.to.toISOString(), timeZone: period.timeZone }, data });
  }

  /** Handles a request whose path starts with /dashboard. */
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith(`${ASSETS_PATH}/`)) return serveAsset(res, url.pathname.slice(ASSETS_PATH.length + 1), method);
    const [, , slug = '', ...rest] = url.pathname.split('/');
    const communityId = communityFromSlug(slug);
    const sub = rest.join('/');
    const isApi = sub.startsWith('api/');
    if (!communityId) return refuse(res, slug === '' ? 401 : 404, languageOf(req), slug === '' ? 'dashboard.error.noSession' : 'dashboard.error.notFound', isApi);
    const base = dashboardPath(communityId);
    if (sub === 'login' && method === 'GET') return loginPage(req, res, url, communityId, base);
    if (sub === 'login' && method === 'POST') return login(req, res, communityId, base);

    const cookie = readCookie(req, SESSION_COOKIE);
    if (sub === 'logout' && method === 'POST') {
      if (cookie) await access.endSession(cookie);
      const clear = serializeCookie(SESSION_COOKIE, '', { path: base, maxAgeSeconds: 0, secure: deps.secureCookies });
      const language = (await deps.communities.get(communityId))?.language ?? languageOf(req);
      return sendHtml(res, 200, renderMessagePage(language, translator.t(language, 'dashboard.title'), translator.t(language, 'dashboard.error.noSession')), { 'set-cookie': clear });
    }
    const session = await access.checkSession(communityId, cookie);
    if (!session) return refuse(res, 401, languageOf(req), 'dashboard.error.noSession', isApi);
    if (method === 'POST' && isActionPath(sub)) return handleAction(req, res, sub, { session, sessionToken: cookie!, sameOrigin: sameOrigin(req), operations: deps.operations });
    if (method !== 'GET' && method !== 'HEAD') return refuse(res, 404, session.language, 'dashboard.error.notFound', isApi);

    const name = (isApi ? sub.slice(4) : sub === '' ? 'overview' : sub) as PageName;
    if (!PAGES.includes(name) || (!isApi && sub === 'overview')) return refuse(res, 404, session.language, 'dashboard.error.notFound', isApi);
    return isApi ? api(res, url, session, name) : page(res, url, session, cookie!, base, name);
  };
}
