// Operational counters the pipeline, features, jobs and adapters report to. The core only sees
// this interface; src/web/prometheus-metrics.ts exposes it at /metrics in Prometheus format.
// Counters only go up; gauges such as the job queue depth are read when /metrics is scraped.
import { PlatformError } from './errors.ts';
import type { OutgoingMessage, PostTarget, Replier, ReplierDirectory } from './outgoing.ts';
import type { JobContext, JobDefinition, JobScheduler } from './scheduler.ts';

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
  /** A call to the embeddings server failed (semantic search, issue 17); word matching answered. */
  embeddingsFailed?(reason: string): void;
}

/** Metrics that go nowhere: the default where nothing scrapes them (tests, evaluation commands). */
export const noopMetrics: Metrics = {
  eventProcessed() {},
  answerGiven() {},
  answerWithheld() {},
  jobFailed() {},
  platformError() {},
};

/** Counts failed job attempts: wraps each definition's processor, rethrowing what it throws. */
export function instrumentScheduler(scheduler: JobScheduler, metrics: Metrics): JobScheduler {
  return Object.assign(Object.create(scheduler) as JobScheduler, {
    define<T>(definition: JobDefinition<T>) {
      scheduler.define({
        ...definition,
        async process(data: T, context: JobContext) {
          try {
            await definition.process(data, context);
          } catch (error) {
            metrics.jobFailed(definition.name);
            throw error;
          }
        },
      });
    },
  });
}

/** Counts platform API failures (PlatformError) of every replier call, rethrowing them. */
export function instrumentRepliers(directory: ReplierDirectory, metrics: Metrics): ReplierDirectory {
  const count = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof PlatformError) metrics.platformError(error.platform, error.code);
      throw error;
    }
  };
  return {
    forId(id) {
      const replier = directory.forId(id);
      // Object.create keeps any other method the replier has; only post and dm are counted.
      return Object.assign(Object.create(replier) as Replier, {
        post: (target: PostTarget, message: OutgoingMessage) => count(() => replier.post(target, message)),
        dm: (memberId: string, message: OutgoingMessage) => count(() => replier.dm(memberId, message)),
      });
    },
  };
}
