// Operational counters the pipeline, features, jobs and adapters report to. The core only sees
// this interface; src/web/prometheus-metrics.ts exposes it at /metrics in Prometheus format.
// Counters only go up; gauges such as the job queue depth are read when /metrics is scraped.

export type AnswerWithheldReason = 'low_confidence' | 'not_a_question' | 'no_entry' | 'other';

export interface Metrics {
  /** One chat event went through the pipeline; `stored` is false for a redelivery. */
  eventProcessed(type: string, stored: boolean): void;
  /** Rapport posted an answer from the knowledge base. */
  answerGiven(communityId: string): void;
  /** A detected question got no answer because Rapport was not sure enough (or had nothing). */
  answerWithheld(communityId: string, reason: AnswerWithheldReason): void;
  /** One attempt of a job failed (it may still be retried). */
  jobFailed(job: string): void;
  /** A platform API call failed (rate limit, closed DMs, network, ...). */
  platformError(platform: string, code: string): void;
}

/** Metrics that go nowhere: the default where nothing scrapes them (tests, evaluation commands). */
export const noopMetrics: Metrics = {
  eventProcessed() {},
  answerGiven() {},
  answerWithheld() {},
  jobFailed() {},
  platformError() {},
};
