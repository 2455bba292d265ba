// One job-scheduling interface with two implementations (src/jobs): BullMQ on Redis and an
// in-process one. Processors must be safe to run twice; job data is validated with zod and
// invalid data fails the job for good (never retried).
import type { ZodType } from 'zod';

export interface JobContext {
  jobId: string;
  attempt: number;
  /** For a tick of a repeating job: the time the tick was due (the same in every process). */
  dueAt?: Date;
}

export interface JobDefinition<T> {
  name: string;
  schema: ZodType<T>;
  process(data: T, context: JobContext): Promise<void>;
  /** Parallel jobs of this kind per process. */
  concurrency?: number;
  /** At most `max` jobs of this kind per `durationMs`, across every process sharing the queue. */
  limiter?: { max: number; durationMs: number };
  /** Attempts before a job is given up (transient errors back off exponentially). */
  attempts?: number;
}

export interface EnqueueOptions {
  /** Same jobId → enqueued once (deduplication). */
  jobId?: string;
  delayMs?: number;
}

export type RepeatRule =
  | { cron: string; timeZone: string }
  | { everyMs: number };

/** Jobs waiting or running across every job kind, and jobs that failed for good and are kept. */
export interface QueueStats {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface JobScheduler {
  readonly kind: 'bullmq' | 'in-process';
  define<T>(definition: JobDefinition<T>): void;
  enqueue<T>(name: string, data: T, options?: EnqueueOptions): Promise<void>;
  /** Creates or replaces the repeating job `key`. Several processes calling this still run it once per tick. */
  repeat<T>(key: string, name: string, data: T, rule: RepeatRule): Promise<void>;
  unrepeat(key: string): Promise<void>;
  /** Keys of repeating jobs currently scheduled. */
  repeating(): Promise<string[]>;
  /** Queue depth and failures; rejects when the queue's store (Redis) cannot be reached. */
  stats?(): Promise<QueueStats>;
  /**
   * Calls `listener` each time the queue's store (Redis) answers again after an outage, once the
   * repeating jobs are registered again. Schedulers without an outside store never call it.
   */
  onReconnect?(listener: () => void): void;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by processors for input that will never succeed: the job fails without retries. */
export class UnrecoverableJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnrecoverableJobError';
  }
}
