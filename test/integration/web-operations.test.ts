// Proves /healthz answers 200 only when the database and the queue answer (503 naming the failing
// one otherwise), and /metrics is valid Prometheus text with the counters the pipeline and jobs feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startDashboardApp, type DashboardApp } from '../unit/web/support/dashboard-app.ts';
import { parsePrometheusText } from '../unit/web/support/prometheus-text.ts';

describe('operations endpoints', () => {
  let d: DashboardApp;
  let queueUp = true;
  beforeAll(async () => {
    d = await startDashboardApp({
      health: {
        database: () => d.app.db.withSql((sql) => sql.query('SELECT 1')),
        queue: async () => {
          if (!queueUp) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
        },
      },
    });
  });
  afterAll(async () => {
    await d.close();
  });

  it('GIVEN database and queue answer THEN /healthz is 200 with each check ok', async () => {
    const response = await d.get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { database: 'ok', queue: 'ok' } });
  });

  it('GIVEN the queue does not answer THEN /healthz is 503 and names it', async () => {
    queueUp = false;
    try {
      const response = await d.get('/healthz');
      expect(response.status).toBe(503);
      const body = (await response.json()) as { status: string; checks: Record<string, string> };
      expect(body.status).toBe('unavailable');
      expect(body.checks.database).toBe('ok');
      expect(body.checks.queue).toContain('ECONNREFUSED');
    } finally {
      queueUp = true;
    }
  });

  it('GIVEN messages, a failing job and a platform error THEN /metrics parses as Prometheus text with those counts', async () => {
    await d.command('ann', false, 'hello everyone');
    await d.command('ben', false, 'hi ann');
    const scheduler = d.app.rapport.ports.scheduler;
    let attempts = 0;
    scheduler.define({
      name: 'metrics-test-job',
      schema: z.object({}),
      attempts: 1,
      async process() {
        attempts += 1;
        throw new Error('boom');
      },
    });
    await scheduler.enqueue('metrics-test-job', {});
    for (let i = 0; i < 500 && attempts < 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(attempts).toBe(1);
    d.app.rapport.ports.metrics.platformError('slack', 'platform.slack.ratelimited');
    d.app.rapport.ports.metrics.answerGiven('console:local');
    d.app.rapport.ports.metrics.answerWithheld('console:local', 'low_confidence');

    const response = await d.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    const families = parsePrometheusText(text);
    const value = (name: string, labels: Record<string, string> = {}) =>
      families.get(name)?.samples.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

    expect(families.get('rapport_events_processed_total')?.type).toBe('counter');
    expect(value('rapport_events_processed_total', { type: 'message.posted', stored: 'true' })).toBeGreaterThanOrEqual(2);
    expect(value('rapport_answers_given_total')).toBe(1);
    expect(value('rapport_answers_withheld_total', { reason: 'low_confidence' })).toBe(1);
    expect(value('rapport_job_failures_total', { job: 'metrics-test-job' })).toBe(1);
    expect(value('rapport_platform_api_errors_total', { platform: 'slack' })).toBe(1);
    expect(families.get('rapport_job_queue_depth')?.type).toBe('gauge');
    expect(value('rapport_job_queue_depth', { state: 'waiting' })).toBe(2);
    expect(value('rapport_job_queue_depth', { state: 'failed' })).toBe(3);
    expect(value('rapport_job_queue_up')).toBe(1);
  });
});
