// Proves /metrics can be protected by METRICS_TOKEN (Bearer; wrong or missing → 401) and moved to an address of its own (METRICS_HOST/METRICS_PORT; the public port then answers 404), over real HTTP, and that the settings are checked with fix-it messages.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { ConfigError } from '../../../src/core/errors.ts';
import { createLogger } from '../../../src/pino-logger.ts';
import { metricsOnlyHandler } from '../../../src/web/metrics-route.ts';
import { createWebHandler, type WebHandlerDeps } from '../../../src/web/web-handler.ts';
import { startWebServer, type WebServer } from '../../../src/web/web-server.ts';

const TOKEN = 'a-long-enough-metrics-token-1234';
const metrics = { contentType: 'text/plain; version=0.0.4', render: async () => 'rapport_up 1\n' };
const logger = createLogger({ level: 'silent', pretty: false });
const servers: WebServer[] = [];

async function serve(access: WebHandlerDeps['metricsAccess']): Promise<WebServer> {
  // Only /metrics and /healthz are requested: the dashboard's parts are never reached.
  const deps = { metrics, logger, health: { ok: async () => {} }, metricsAccess: access } as unknown as WebHandlerDeps;
  const server = await startWebServer({ port: 0, host: '127.0.0.1', handler: createWebHandler(deps) });
  servers.push(server);
  return server;
}

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('/metrics access', () => {
  it('GIVEN METRICS_TOKEN THEN a missing or wrong bearer token gets 401 and the right one the metrics', async () => {
    const server = await serve({ token: TOKEN });
    const get = (authorization?: string) => fetch(`${server.url}/metrics`, authorization ? { headers: { authorization } } : {});
    expect((await get()).status).toBe(401);
    expect((await get(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await get(`Basic ${TOKEN}`)).status).toBe(401);
    const ok = await get(`Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('rapport_up 1\n');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('GIVEN no token THEN /metrics stays open as before', async () => {
    const server = await serve(undefined);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
  });

  it('GIVEN METRICS_PORT THEN the public port answers 404 for /metrics and the metrics server serves it (with its token)', async () => {
    const open = await serve({ token: TOKEN, elsewhere: true });
    expect((await fetch(`${open.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    const internal = await startWebServer({ port: 0, host: '127.0.0.1', handler: metricsOnlyHandler(metrics, { token: TOKEN }, () => {}) });
    servers.push(internal);
    expect((await fetch(`${internal.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${internal.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${internal.url}/dashboard`)).status).toBe(404);
  });
});

describe('metrics settings', () => {
  const problems = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it('GIVEN a token, a port and a host THEN they are configured; the host defaults to 127.0.0.1', () => {
    expect(loadConfig({ METRICS_TOKEN: TOKEN, METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metrics).toEqual({ token: TOKEN, listen: { port: 9464, host: '10.0.0.5' } });
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ listen: { port: 9464, host: '127.0.0.1' } });
    expect(loadConfig({}).metrics).toEqual({});
  });

  it('GIVEN a short token, a bad port, a host without a port or the same port as PORT THEN each is named with a fix', () => {
    expect(problems({ METRICS_TOKEN: 'short' })[0]).toMatch(/^METRICS_TOKEN must be at least 16 printable characters/);
    expect(problems({ METRICS_PORT: 'ninety' })[0]).toMatch(/^METRICS_PORT must be a port between 1 and 65535/);
    expect(problems({ METRICS_HOST: '10.0.0.5' })[0]).toMatch(/^METRICS_HOST is set but METRICS_PORT is not/);
    expect(problems({ METRICS_PORT: '3000' })[0]).toMatch(/^METRICS_PORT is the same as PORT/);
  });
});
