// Proves the metrics wiring: failed job attempts and platform API errors are counted and still
// thrown, other errors are not counted as platform errors, the Prometheus rendering is valid text,
// and dashboard pages escape what members typed.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PlatformError } from '../../../src/core/errors.ts';
import { instrumentRepliers, instrumentScheduler, noopMetrics, type Metrics } from '../../../src/core/metrics.ts';
import type { Replier } from '../../../src/core/outgoing.ts';
import { createInProcessScheduler } from '../../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../../src/pino-logger.ts';
import { renderDashboardPage } from '../../../src/web/pages/layout.ts';
import { createPrometheusMetrics } from '../../../src/web/prometheus-metrics.ts';
import { parsePrometheusText } from './support/prometheus-text.ts';

function counting(): Metrics & { seen: string[] } {
  const seen: string[] = [];
  return { ...noopMetrics, seen, jobFailed: (job) => void seen.push(`job:${job}`), platformError: (p, c) => void seen.push(`platform:${p}:${c}`) };
}

describe('metrics', () => {
  it('GIVEN a job that fails twice then succeeds THEN two failures are counted and the job still succeeds', async () => {
    const metrics = counting();
    const scheduler = instrumentScheduler(createInProcessScheduler({ logger: createLogger({ level: 'silent', pretty: false }), backoffBaseMs: 1 }), metrics);
    let runs = 0;
    const done = new Promise<void>((resolve) =>
      scheduler.define({
        name: 'flaky',
        schema: z.object({}),
        attempts: 3,
        async process() {
          runs += 1;
          if (runs < 3) throw new Error('not yet');
          resolve();
        },
      }),
    );
    await scheduler.start();
    await scheduler.enqueue('flaky', {});
    await done;
    await scheduler.close();
    expect(metrics.seen).toEqual(['job:flaky', 'job:flaky']);
    expect(scheduler.kind).toBe('in-process');
  });

  it('GIVEN a replier that fails THEN a PlatformError is counted and rethrown, any other error only rethrown', async () => {
    const metrics = counting();
    const rateLimited = new PlatformError('slack', 'ratelimited', 'slow down', { retryable: true });
    const replier: Replier = {
      post: async () => {
        throw rateLimited;
      },
      dm: async () => {
        throw new TypeError('bug');
      },
    };
    const repliers = instrumentRepliers({ forId: () => replier }, metrics);
    await expect(repliers.forId('slack:T1:C1').post({ channelId: 'slack:T1:C1' }, { text: 'hi' })).rejects.toBe(rateLimited);
    await expect(repliers.forId('slack:T1:C1').dm('slack:T1:U1', { text: 'hi' })).rejects.toThrow('bug');
    expect(metrics.seen).toEqual(['platform:slack:platform.slack.ratelimited']);
  });

  it('GIVEN counts and an unreachable queue THEN /metrics text parses and says the queue is down', async () => {
    const metrics = createPrometheusMetrics({
      queueStats: async () => {
        throw new Error('ECONNREFUSED');
      },
    });
    metrics.eventProcessed('message.posted', true);
    metrics.eventProcessed('message.posted', false);
    metrics.platformError('discord', 'platform.discord.closed "dm"');
    const families = parsePrometheusText(await metrics.render());
    expect(families.get('rapport_events_processed_total')!.samples.map((s) => [s.labels.stored, s.value])).toEqual([
      ['true', 1],
      ['false', 1],
    ]);
    expect(families.get('rapport_platform_api_errors_total')!.samples[0]!.labels.code).toBe('platform.discord.closed "dm"');
    expect(families.get('rapport_job_queue_up')!.samples[0]!.value).toBe(0);
    expect(metrics.contentType).toContain('text/plain');
  });

  it('GIVEN a community name with markup THEN the page shows it as text', () => {
    const html = renderDashboardPage({ language: 'en', t: (k, v) => (v?.name ? `Community: ${v.name}` : k), communityName: '<img src=x onerror=alert(1)></script>', base: '/dashboard/abc', page: 'overview', period: '7d' });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;');
    expect(html).toContain('"api":"/dashboard/abc/api/overview?period=7d"');
  });
});
