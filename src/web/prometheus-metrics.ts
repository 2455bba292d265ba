// The Metrics interface (src/core/metrics.ts) on prom-client, in a registry of its own (no global
// state), rendered at /metrics in the Prometheus text format. The job queue gauges are read from
// the scheduler when Prometheus scrapes.
import { Counter, Gauge, Registry } from 'prom-client';
import type { Metrics } from '../core/metrics.ts';
import type { QueueStats } from '../core/scheduler.ts';

export interface PrometheusMetrics extends Metrics {
  readonly contentType: string;
  render(): Promise<string>;
}

export function createPrometheusMetrics(options: { queueStats?: () => Promise<QueueStats> } = {}): PrometheusMetrics {
  const registry = new Registry();
  const registers = [registry];
  const events = new Counter({ name: 'rapport_events_processed_total', help: 'Chat events that went through the pipeline (stored="false" for redeliveries).', labelNames: ['type', 'stored'] as const, registers });
  const given = new Counter({ name: 'rapport_answers_given_total', help: 'Answers Rapport posted from the knowledge base.', registers });
  const withheld = new Counter({ name: 'rapport_answers_withheld_total', help: 'Detected questions Rapport did not answer, by reason.', labelNames: ['reason'] as const, registers });
  const jobFailures = new Counter({ name: 'rapport_job_failures_total', help: 'Failed job attempts (a job may be retried).', labelNames: ['job'] as const, registers });
  const platformErrors = new Counter({ name: 'rapport_platform_api_errors_total', help: 'Failed platform API calls.', labelNames: ['platform', 'code'] as const, registers });
  const embeddingFailures = new Counter({ name: 'rapport_embeddings_failures_total', help: 'Failed calls to the embeddings server (word matching answered instead), by reason.', labelNames: ['reason'] as const, registers });
  const queueUp = new Gauge({ name: 'rapport_job_queue_up', help: '1 when the job queue answered this scrape, 0 when it did not.', registers });
  const queueDepth = new Gauge({ name: 'rapport_job_queue_depth', help: 'Jobs in the queue by state (waiting, active, delayed, failed).', labelNames: ['state'] as const, registers });

  /** Reads the queue once per scrape (gauges are set before the registry renders). */
  async function readQueue(): Promise<void> {
    if (!options.queueStats) return void queueUp.set(1);
    try {
      const stats = await options.queueStats();
      for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) queueDepth.set({ state }, stats[state]);
      queueUp.set(1);
    } catch {
      queueUp.set(0);
    }
  }

  return {
    contentType: registry.contentType,
    async render() {
      await readQueue();
      return registry.metrics();
    },
    eventProcessed: (type, stored) => events.inc({ type, stored: String(stored) }),
    answerGiven: () => given.inc(),
    answerWithheld: (_communityId, reason) => withheld.inc({ reason }),
    jobFailed: (job) => jobFailures.inc({ job }),
    platformError: (platform, code) => platformErrors.inc({ platform, code }),
    embeddingsFailed: (reason) => embeddingFailures.inc({ reason }),
  };
}
