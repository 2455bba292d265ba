// Proves the web routes mount on the Slack adapter's server: a real Bolt App with its
// HTTPReceiver and slackRoutes() serves /healthz, /metrics and every /dashboard path (nested, with
// query strings) through our handler, and keeps answering its own paths itself.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { dashboardPath, type DashboardAccess } from '../../src/core/dashboard/dashboard-access.ts';
import type { DashboardData } from '../../src/core/dashboard/ports.ts';
import { createTranslator } from '../../src/i18n/create-translator.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { slackRoutes } from '../../src/web/mount.ts';
import { createPrometheusMetrics } from '../../src/web/prometheus-metrics.ts';
import { createWebHandler } from '../../src/web/web-handler.ts';

describe('web routes on the Slack receiver', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const noSession: DashboardAccess = {
      tokenTtlMs: 1,
      sessionTtlMs: 1,
      issueLink: async () => ({ url: '', expiresAt: new Date() }),
      openSession: async () => null,
      checkSession: async () => null,
      endSession: async () => {},
      revoke: async () => 0,
    };
    const handler = createWebHandler({
      access: noSession,
      data: {} as DashboardData,
      communities: { get: async () => null },
      translator: await createTranslator(),
      clock: fixedClock(new Date()),
      logger: createLogger({ level: 'silent', pretty: false }),
      secureCookies: false,
      metrics: createPrometheusMetrics(),
      health: { database: async () => {}, queue: async () => {} },
    });
    const receiver = new HTTPReceiver({ signingSecret: 'test-secret', customRoutes: slackRoutes(handler), logLevel: LogLevel.ERROR });
    new App({ token: 'xoxb-test', receiver, tokenVerificationEnabled: false, logLevel: LogLevel.ERROR });
    server = (await receiver.start(0)) as Server;
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('GIVEN /healthz and /metrics on the Bolt port THEN our handler answers them', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const metrics = await fetch(`${base}/metrics`);
    expect(await metrics.text()).toContain('# TYPE rapport_events_processed_total counter');
  });

  it('GIVEN dashboard paths THEN our handler checks them, nested paths and query strings included', async () => {
    const path = dashboardPath('slack:T1');
    expect((await fetch(`${base}${path}/`)).status).toBe(401);
    expect((await fetch(`${base}${path}/api/overview?period=7d`)).status).toBe(401);
    expect((await fetch(`${base}${path}/login?token=x`)).status).toBe(200);
    const post = await fetch(`${base}${path}/login`, { method: 'POST', body: new URLSearchParams({ token: 'x' }), redirect: 'manual' });
    expect(post.status).toBe(403);
    expect((await fetch(`${base}/dashboard`)).status).toBe(401);
    const asset = await fetch(`${base}/dashboard/assets/dashboard.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
  });

  it('GIVEN other paths THEN Bolt keeps them', async () => {
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    const events = await fetch(`${base}/slack/events`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(events.status).toBe(401);
  });
});
