// Rapport's HTTP routes as one mountable handler: /healthz, /metrics, /favicon.ico and the
// moderators' dashboard under /dashboard. It returns false for any other path, so a server that already
// owns the port (the Slack adapter's receiver) can offer it each request first and keep its own
// routes for the rest; web-server.ts serves it alone when Slack is off.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.ts';
import { serveAsset } from './assets.ts';
import { createDashboardRoutes, type DashboardRoutesDeps } from './dashboard-routes.ts';
import { serveHealth, type HealthChecks } from './health.ts';
import { SECURITY_HEADERS } from './http.ts';
import { serveMetrics, type MetricsAccess } from './metrics-route.ts';

/** Takes the request and returns true when it is one of ours (the response is then being written). */
export type WebHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface WebHandlerDeps extends DashboardRoutesDeps {
  health: HealthChecks;
  metrics: { contentType: string; render(): Promise<string> };
  /** METRICS_TOKEN; `elsewhere` when /metrics is served on METRICS_PORT instead (then 404 here). */
  metricsAccess?: MetricsAccess & { elsewhere?: boolean };
  logger: Logger;
}

export function isWebPath(pathname: string): boolean {
  return pathname === '/healthz' || pathname === '/metrics' || pathname === '/favicon.ico' || pathname === '/dashboard' || pathname.startsWith('/dashboard/');
}

export function createWebHandler(deps: WebHandlerDeps): WebHandler {
  const dashboard = createDashboardRoutes(deps);

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/healthz') return serveHealth(res, deps.health);
    if (url.pathname === '/favicon.ico') return serveAsset(res, 'favicon.svg', req.method ?? 'GET');
    if (url.pathname === '/metrics') {
      if (deps.metricsAccess?.elsewhere) {
        res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return;
      }
      return serveMetrics(req, res, deps.metrics, deps.metricsAccess ?? {});
    }
    return dashboard(req, res, url);
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://rapport.invalid');
    if (!isWebPath(url.pathname)) return false;
    route(req, res, url).catch((error: unknown) => {
      deps.logger.error({ err: error, path: url.pathname }, 'web request failed');
      if (!res.headersSent) res.writeHead(500, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    });
    return true;
  };
}
