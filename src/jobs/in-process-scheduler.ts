// The scheduler used when no Redis is configured: timers in this process, croner for cron rules
// in the community's time zone (croner follows the zone's offset across DST changes, so 10:00
// stays 10:00). Same contract as the BullMQ one: validated data, jobId deduplication, retries with
// exponential backoff, per-kind concurrency and rate limits.
import { Cron } from 'croner';
import { boundedCache } from '../core/bounded-cache.ts';
import type { Logger } from '../core/logger.ts';
import type { EnqueueOptions, JobDefinition, JobScheduler, RepeatRule } from '../core/scheduler.ts';
import { BACKOFF_BASE_MS, DEFAULT_ATTEMPTS, isUnrecoverable, parseJobData } from './validate-job.ts';

interface Pending {
  id: string;
  name: string;
  data: unknown;
  attempt: number;
  dueAt?: Date;
}

interface Lane {
  definition: JobDefinition<unknown>;
  queue: Pending[];
  running: number;
  /** Start times inside the limiter window. */
  starts: number[];
}

export function createInProcessScheduler(deps: { logger: Logger; backoffBaseMs?: number }): JobScheduler {
  const lanes = new Map<string, Lane>();
  // Job ids already queued, so a job added twice (by id) runs once; bounded, so a long run's memory
  // stays flat (BullMQ likewise forgets an id once its job is removed).
  const seen = boundedCache<string, true>(100_000);
  const timers = new Set<NodeJS.Timeout>();
  const repeats = new Map<string, { stop(): void; resume(): void }>();
  const inFlight = new Set<Promise<void>>();
  let started = false;
  let closed = false;
  let counter = 0;
  let delayed = 0;
  let failed = 0;
  const backoff = deps.backoffBaseMs ?? BACKOFF_BASE_MS;

  function later(ms: number, fn: () => void) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  }

  function pump(lane: Lane) {
    if (!started || closed) return;
    const { definition } = lane;
    while (lane.queue.length > 0 && lane.running < (definition.concurrency ?? 1)) {
      if (definition.limiter) {
        const now = Date.now();
        lane.starts = lane.starts.filter((t) => now - t < definition.limiter!.durationMs);
        if (lane.starts.length >= definition.limiter.max) {
          later(definition.limiter.durationMs - (now - lane.starts[0]!) + 1, () => pump(lane));
          return;
        }
        lane.starts.push(now);
      }
      const job = lane.queue.shift()!;
      lane.running += 1;
      const run = execute(lane, job).finally(() => {
        lane.running -= 1;
        inFlight.delete(run);
        pump(lane);
      });
      inFlight.add(run);
    }
  }

  async function execute(lane: Lane, job: Pending) {
    const { definition } = lane;
    try {
      const data = parseJobData(definition, job.data);
      await definition.process(data, { jobId: job.id, attempt: job.attempt, ...(job.dueAt ? { dueAt: job.dueAt } : {}) });
    } catch (error) {
      const attempts = definition.attempts ?? DEFAULT_ATTEMPTS;
      if (isUnrecoverable(error) || job.attempt >= attempts) {
        deps.logger.error({ err: error, job: job.name, jobId: job.id, attempt: job.attempt }, 'job failed for good');
        failed += 1;
        return;
      }
      deps.logger.warn({ err: error, job: job.name, jobId: job.id, attempt: job.attempt }, 'job failed; retrying');
      later(backoff * 2 ** (job.attempt - 1), () => {
        lane.queue.push({ ...job, attempt: job.attempt + 1 });
        pump(lane);
      });
    }
  }

  function laneFor(name: string): Lane {
    const lane = lanes.get(name);
    if (!lane) throw new Error(`No job named "${name}" is defined`);
    return lane;
  }

  async function add(name: string, data: unknown, options: EnqueueOptions, dueAt?: Date): Promise<void> {
    const lane = laneFor(name);
    const id = options.jobId ?? `${name}:${++counter}`;
    if (options.jobId) {
      if (seen.has(id)) return;
      seen.set(id, true);
    }
    const push = () => {
      lane.queue.push({ id, name, data, attempt: 1, ...(dueAt ? { dueAt } : {}) });
      pump(lane);
    };
    if (options.delayMs && options.delayMs > 0) {
      delayed += 1;
      later(options.delayMs, () => {
        delayed -= 1;
        push();
      });
    } else push();
  }

  const scheduler: JobScheduler = {
    kind: 'in-process',
    define(definition) {
      lanes.set(definition.name, { definition: definition as JobDefinition<unknown>, queue: [], running: 0, starts: [] });
    },
    enqueue: (name, data, options: EnqueueOptions = {}) => add(name, data, options),
    async repeat(key, name, data, rule: RepeatRule) {
      laneFor(name);
      repeats.get(key)?.stop();
      // A tick's id and due time come from the schedule, not from when the timer fired, so every
      // process names the same tick the same way (and a processor can claim it once in the database).
      const tick = (dueAt: Date) => void add(name, data, { jobId: `${key}:${dueAt.getTime()}` }, dueAt);
      if ('cron' in rule) {
        const cron = new Cron(rule.cron, { timezone: rule.timeZone, paused: !started }, (self: Cron) => {
          // croner fires at or after the due time; the latest run at or before now is the one due.
          // (previousRuns excludes a run exactly at its reference, hence the millisecond.)
          const now = new Date();
          tick(self.previousRuns(1, new Date(now.getTime() + 1))[0] ?? now);
        });
        repeats.set(key, { stop: () => cron.stop(), resume: () => cron.resume() });
      } else {
        let interval: NodeJS.Timeout | undefined;
        const begin = () => {
          interval = setInterval(() => tick(new Date(Math.floor(Date.now() / rule.everyMs) * rule.everyMs)), rule.everyMs);
        };
        if (started) begin();
        repeats.set(key, { stop: () => clearInterval(interval), resume: begin });
      }
    },
    async unrepeat(key) {
      repeats.get(key)?.stop();
      repeats.delete(key);
    },
    async repeating() {
      return [...repeats.keys()];
    },
    async stats() {
      let waiting = 0;
      let active = 0;
      for (const lane of lanes.values()) {
        waiting += lane.queue.length;
        active += lane.running;
      }
      return { waiting, active, delayed, failed };
    },
    async start() {
      if (started) return;
      started = true;
      for (const entry of repeats.values()) entry.resume();
      for (const lane of lanes.values()) pump(lane);
    },
    async close() {
      closed = true;
      for (const entry of repeats.values()) entry.stop();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...inFlight]);
    },
  };
  return scheduler;
}
