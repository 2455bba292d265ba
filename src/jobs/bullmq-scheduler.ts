// The scheduler used when REDIS_URL is set: one BullMQ queue and worker per job kind (so each
// kind can have its own rate limiter, shared by every process on the same Redis), job schedulers
// for repeating work keyed by our schedule key (several processes upserting the same key still
// produce one job per tick), jobId deduplication and exponential retries.
// https://docs.bullmq.io/guide/job-schedulers
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { RapportError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { EnqueueOptions, JobDefinition, JobScheduler, RepeatRule } from '../core/scheduler.ts';
import { BACKOFF_BASE_MS, DEFAULT_ATTEMPTS, isUnrecoverable, parseJobData } from './validate-job.ts';

export interface BullmqSchedulerOptions {
  url: string;
  prefix: string;
  logger: Logger;
  backoffBaseMs?: number;
  /** Run workers in this process (false for processes that only enqueue). */
  work?: boolean;
}

/** Connects and checks Redis answers; a wrong REDIS_URL fails here with a message naming it. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, connectTimeout: 3_000, retryStrategy: (times) => (times > 3 ? null : 200 * times) });
  redis.on('error', () => {
    // Connection errors are reported by connect() below and by BullMQ; avoid unhandled 'error' events.
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new RapportError('queue.connect', `Cannot reach Redis at REDIS_URL (${url.replace(/\/\/[^@]*@/, '//***@')}): ${(error as Error).message}. Check the URL and that Redis is running, or unset REDIS_URL to use the in-process scheduler.`, { cause: error });
  }
  return redis;
}

export async function createBullmqScheduler(options: BullmqSchedulerOptions): Promise<JobScheduler> {
  const connection = await connectRedis(options.url);
  const definitions = new Map<string, JobDefinition<unknown>>();
  const queues = new Map<string, Queue>();
  const workers: Worker[] = [];
  const backoff = options.backoffBaseMs ?? BACKOFF_BASE_MS;

  function queueFor(name: string): Queue {
    let queue = queues.get(name);
    if (!queue) {
      if (!definitions.has(name)) throw new Error(`No job named "${name}" is defined`);
      queue = new Queue(name, { connection, prefix: options.prefix });
      queues.set(name, queue);
    }
    return queue;
  }

  function jobOptions(definition: JobDefinition<unknown>) {
    return {
      attempts: definition.attempts ?? DEFAULT_ATTEMPTS,
      backoff: { type: 'exponential' as const, delay: backoff },
      removeOnComplete: { count: 1_000 },
      removeOnFail: { count: 5_000 },
    };
  }

  return {
    kind: 'bullmq',
    define(definition) {
      definitions.set(definition.name, definition as JobDefinition<unknown>);
    },
    async enqueue(name, data, enqueueOptions: EnqueueOptions = {}) {
      const definition = definitions.get(name);
      if (!definition) throw new Error(`No job named "${name}" is defined`);
      await queueFor(name).add(name, data, {
        ...jobOptions(definition),
        ...(enqueueOptions.jobId ? { jobId: enqueueOptions.jobId.replace(/:/g, '_') } : {}),
        ...(enqueueOptions.delayMs ? { delay: enqueueOptions.delayMs } : {}),
      });
    },
    async repeat(key, name, data, rule: RepeatRule) {
      const definition = definitions.get(name);
      if (!definition) throw new Error(`No job named "${name}" is defined`);
      const repeatOptions = 'cron' in rule ? { pattern: rule.cron, tz: rule.timeZone } : { every: rule.everyMs };
      await queueFor(name).upsertJobScheduler(key, repeatOptions, { name, data, opts: jobOptions(definition) });
    },
    async unrepeat(key) {
      for (const name of definitions.keys()) await queueFor(name).removeJobScheduler(key);
    },
    async repeating() {
      const keys: string[] = [];
      for (const name of definitions.keys()) {
        for (const scheduler of await queueFor(name).getJobSchedulers()) keys.push(scheduler.key);
      }
      return keys;
    },
    async stats() {
      await connection.ping();
      const total = { waiting: 0, active: 0, delayed: 0, failed: 0 };
      for (const name of definitions.keys()) {
        const counts = await queueFor(name).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
        total.waiting += (counts.waiting ?? 0) + (counts.prioritized ?? 0);
        total.active += counts.active ?? 0;
        total.delayed += counts.delayed ?? 0;
        total.failed += counts.failed ?? 0;
      }
      return total;
    },
    async start() {
      if (options.work === false) return;
      for (const definition of definitions.values()) {
        const worker = new Worker(
          definition.name,
          async (job: Job) => {
            try {
              const data = parseJobData(definition, job.data);
              await definition.process(data, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
            } catch (error) {
              if (isUnrecoverable(error)) throw new UnrecoverableError((error as Error).message);
              throw error;
            }
          },
          {
            connection,
            prefix: options.prefix,
            concurrency: definition.concurrency ?? 1,
            ...(definition.limiter ? { limiter: { max: definition.limiter.max, duration: definition.limiter.durationMs } } : {}),
          },
        );
        worker.on('failed', (job, error) => {
          options.logger.warn({ err: error, job: definition.name, jobId: job?.id, attempts: job?.attemptsMade }, 'job failed');
        });
        worker.on('error', (error) => options.logger.error({ err: error, job: definition.name }, 'worker error'));
        workers.push(worker);
      }
      await Promise.all(workers.map((w) => w.waitUntilReady()));
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      connection.disconnect();
    },
  };
}
