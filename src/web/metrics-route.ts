// /metrics for Prometheus. Open by default (like most exporters), it can be protected by a token
// (METRICS_TOKEN, sent as `Authorization: Bearer <token>`; wrong or missing → 401) and/or served
// on an address of its own (METRICS_HOST/METRICS_PORT, e.g. an internal interface), in which case
// the public port answers 404 for it.
// https://prometheus.io/docs/prometheus/latest/configuration/configuration/#scrape_config (authorization)
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface MetricsSource {
  contentType: string;
  render(): Promise<string>;
}

export interface MetricsAccess {
  /** Required bearer token; open when absent. */
  token?: string;
}

/** Serves the metrics (after the token check); the caller has matched the path. */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, metrics: MetricsSource, access: MetricsAccess): Promise<void> {
  if (access.token !== undefined && !bearerMatches(req.headers.authorization, access.token)) {
    res.writeHead(401, { 'www-authenticate': 'Bearer realm="rapport-metrics"', 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('Unauthorized: send Authorization: Bearer <METRICS_TOKEN>');
    return;
  }
  const body = await metrics.render();
  res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
  res.end(body);
}

/** A handler that serves /metrics alone (for the separate METRICS_PORT server); a WebHandler, spelled out so this file does not import web-handler.ts, which imports it. */
export function metricsOnlyHandler(metrics: MetricsSource, access: MetricsAccess, onError: (error: unknown) => void): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (new URL(req.url ?? '/', 'http://rapport.invalid').pathname !== '/metrics') return false;
    serveMetrics(req, res, metrics, access).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
    return true;
  };
}

// Hashes first, so the comparison takes the same time whatever the lengths.
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}
