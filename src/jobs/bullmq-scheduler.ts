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

/** How long stats() (and so /healthz) waits for Redis to answer. */
const STATS_TIMEOUT_MS = 2_000;

/** The longest wait between two attempts to reach Redis again. */
export const MAX_RECONNECT_DELAY_MS = 5_000;

/**
 * ioredis's delay before reconnect attempt `times`: growing, capped, and never null (null would
 * end the connection for good, and every queue and worker on it with it).
 * https://github.com/redis/ioredis#auto-reconnect
 */
export const reconnectDelay = (times: number): number => Math.min(200 * times, MAX_RECONNECT_DELAY_MS);

/** Connects and checks Redis answers; a wrong REDIS_URL fails here with a message naming it. */
export async function connectRedis(url: string): Promise<Redis> {
  // maxRetriesPerRequest: null is what BullMQ workers require (a command waits for the connection
  // to come back instead of failing after a few reconnects). https://docs.bullmq.io/guide/going-to-production
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, connectTimeout: 3_000, retryStrategy: reconnectDelay });
  redis.on('error', () => {
    // Connection errors are reported by connect() below and by BullMQ; avoid unhandled 'error' events.
  });
  try {
    // connect() rejects on the first failed attempt, so a wrong URL still stops start-up at once.
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
  // Every repeat() of this process, so they can be registered again when Redis comes back (a Redis
  // restarted without persistence has forgotten them; registering again is harmless otherwise).
  const repeats = new Map<string, { name: string; data: unknown; rule: RepeatRule }>();
  const reconnectListeners: Array<() => void> = [];
  let closing = false;
  let lost = false;

  connection.on('close', () => {
    if (closing || lost) return;
    lost = true;
    options.logger.warn({ retryUpToMs: MAX_RECONNECT_DELAY_MS }, 'Redis connection lost; reconnecting until it answers');
  });
  connection.on('ready', () => {
    if (!lost || closing) return;
    lost = false;
    options.logger.info('Redis answers again; registering repeating jobs and resuming');
    void resumeAfterOutage();
  });

  async function resumeAfterOutage(): Promise<void> {
    for (const [key, { name, data, rule }] of repeats) {
      try {
        await upsert(key, name, data, rule);
      } catch (error) {
        options.logger.error({ err: error, key }, 'could not register a repeating job again after the Redis outage');
      }
    }
    for (const listener of reconnectListeners) {
      try {
        listener();
      } catch (error) {
        options.logger.error({ err: error }, 'reconnect listener failed');
      }
    }
  }

  function queueFor(name: string): Queue {
    let queue = queues.get(name);
    if (!queue) {
      if (!definitions.has(name)) throw new Error(`No job named "${name}" is defined`);
      queue = new Queue(name, { connection, prefix: options.prefix });
      // Each reconnect attempt during an outage fails with an error; the outage itself is logged once (below).
      queue.on('error', (error) => options.logger.debug({ err: error, queue: name }, 'queue error'));
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

  async function countJobs() {
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
  }

  async function upsert(key: string, name: string, data: unknown, rule: RepeatRule): Promise<void> {
    const definition = definitions.get(name);
    if (!definition) throw new Error(`No job named "${name}" is defined`);
    const repeatOptions = 'cron' in rule ? { pattern: rule.cron, tz: rule.timeZone } : { every: rule.everyMs };
    await queueFor(name).upsertJobScheduler(key, repeatOptions, { name, data, opts: jobOptions(definition) });
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
      await upsert(key, name, data, rule);
      repeats.set(key, { name, data, rule });
    },
    async unrepeat(key) {
      repeats.delete(key);
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
      // While Redis is away commands wait for it (maxRetriesPerRequest: null): say so at once, and
      // give up on an answer that does not come (the connection may drop mid-command).
      if (connection.status !== 'ready') throw new Error(`Redis is not connected (${connection.status})`);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${STATS_TIMEOUT_MS} ms`)), STATS_TIMEOUT_MS);
      });
      try {
        return await Promise.race([countJobs(), late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async start() {
      if (options.work === false) return;
      for (const definition of definitions.values()) {
        const worker = new Worker(
          definition.name,
          async (job: Job) => {
            try {
              const data = parseJobData(definition, job.data);
              // A job scheduler's job carries the time its tick was due (the same for every process):
              // in opts.prevMillis for cron patterns, in its id (repeat:<key>:<millis>) for every rule.
              const dueMs = job.repeatJobKey ? job.opts.prevMillis ?? Number(/:(\d+)$/.exec(job.id ?? '')?.[1]) : Number.NaN;
              const due = Number.isFinite(dueMs) ? { dueAt: new Date(dueMs) } : {};
              await definition.process(data, { jobId: job.id ?? '', attempt: job.attemptsMade + 1, ...due });
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
        worker.on('error', (error) => {
          if (lost) options.logger.debug({ err: error, job: definition.name }, 'worker error while Redis is away');
          else options.logger.error({ err: error, job: definition.name }, 'worker error');
        });
        workers.push(worker);
      }
      await Promise.all(workers.map((w) => w.waitUntilReady()));
    },
    onReconnect(listener) {
      reconnectListeners.push(listener);
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      connection.disconnect();
    },
  };
}
