// Proves both schedulers keep one contract: validated data, retries, unrecoverable failures,
// jobId deduplication, delays, repeating jobs and rate limits; BullMQ against this machine's Redis.
import { Redis } from 'ioredis';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { UnrecoverableJobError, type JobScheduler } from '../../src/core/scheduler.ts';
import { createBullmqScheduler } from '../../src/jobs/bullmq-scheduler.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { REDIS_URL, uniqueName } from '../support/services.ts';

const logger = createLogger({ level: 'silent', pretty: false });

async function waitFor(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const implementations: Array<[string, () => Promise<{ scheduler: JobScheduler; cleanup(): Promise<void> }>]> = [
  ['in-process', async () => ({ scheduler: createInProcessScheduler({ logger, backoffBaseMs: 10 }), cleanup: async () => {} })],
  [
    'bullmq',
    async () => {
      const prefix = uniqueName('rq');
      const scheduler = await createBullmqScheduler({ url: REDIS_URL, prefix, logger, backoffBaseMs: 10 });
      return {
        scheduler,
        async cleanup() {
          const redis = new Redis(REDIS_URL);
          const keys = await redis.keys(`${prefix}:*`);
          if (keys.length > 0) await redis.del(...keys);
          redis.disconnect();
        },
      };
    },
  ],
];

describe.each(implementations)('%s scheduler', (_name, make) => {
  let current: { scheduler: JobScheduler; cleanup(): Promise<void> } | undefined;
  afterEach(async () => {
    await current?.scheduler.close();
    await current?.cleanup();
    current = undefined;
  });

  it('GIVEN valid data THEN the processor runs once with it', async () => {
    current = await make();
    const seen: number[] = [];
    current.scheduler.define({ name: 'add', schema: z.object({ n: z.number() }), process: async ({ n }) => void seen.push(n) });
    await current.scheduler.start();
    await current.scheduler.enqueue('add', { n: 41 });
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([41]);
  });

  it('GIVEN the same jobId twice THEN the job runs once', async () => {
    current = await make();
    const seen: string[] = [];
    current.scheduler.define({ name: 'once', schema: z.object({ v: z.string() }), process: async ({ v }) => void seen.push(v) });
    await current.scheduler.enqueue('once', { v: 'a' }, { jobId: 'same:id' });
    await current.scheduler.enqueue('once', { v: 'b' }, { jobId: 'same:id' });
    await current.scheduler.enqueue('once', { v: 'c' }, { jobId: 'other' });
    await current.scheduler.start();
    await waitFor(() => seen.length === 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.sort()).toEqual(['a', 'c']);
  });

  it('GIVEN a transient failure THEN the job is retried until it succeeds', async () => {
    current = await make();
    let calls = 0;
    current.scheduler.define({
      name: 'flaky',
      schema: z.object({}),
      attempts: 4,
      process: async () => {
        calls += 1;
        if (calls < 3) throw new Error('transient');
      },
    });
    await current.scheduler.start();
    await current.scheduler.enqueue('flaky', {});
    await waitFor(() => calls === 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toBe(3);
  });

  it('GIVEN invalid data or an unrecoverable error THEN the job fails once without retries', async () => {
    current = await make();
    let valid = 0;
    let broken = 0;
    current.scheduler.define({ name: 'typed', schema: z.object({ n: z.number() }), attempts: 5, process: async () => void (valid += 1) });
    current.scheduler.define({
      name: 'broken',
      schema: z.object({}),
      attempts: 5,
      process: async () => {
        broken += 1;
        throw new UnrecoverableJobError('never works');
      },
    });
    await current.scheduler.start();
    await current.scheduler.enqueue('typed', { n: 'not a number' });
    await current.scheduler.enqueue('broken', {});
    await current.scheduler.enqueue('typed', { n: 1 });
    await waitFor(() => valid === 1 && broken === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(valid).toBe(1);
    expect(broken).toBe(1);
  });

  it('GIVEN a delay THEN the job waits for it', async () => {
    current = await make();
    let ranAt = 0;
    current.scheduler.define({ name: 'later', schema: z.object({}), process: async () => void (ranAt = Date.now()) });
    await current.scheduler.start();
    const enqueuedAt = Date.now();
    await current.scheduler.enqueue('later', {}, { delayMs: 400 });
    await waitFor(() => ranAt > 0);
    expect(ranAt - enqueuedAt).toBeGreaterThanOrEqual(380);
  });

  it('GIVEN a repeating rule THEN it ticks, is listed by key, and stops when removed', async () => {
    current = await make();
    let ticks = 0;
    current.scheduler.define({ name: 'tick', schema: z.object({ k: z.string() }), process: async () => void (ticks += 1) });
    await current.scheduler.start();
    await current.scheduler.repeat('every-200ms', 'tick', { k: 'x' }, { everyMs: 200 });
    expect(await current.scheduler.repeating()).toContain('every-200ms');
    await waitFor(() => ticks >= 2);
    await current.scheduler.unrepeat('every-200ms');
    expect(await current.scheduler.repeating()).not.toContain('every-200ms');
    const after = ticks;
    await new Promise((r) => setTimeout(r, 600));
    expect(ticks - after).toBeLessThanOrEqual(1);
  });

  it('GIVEN a limiter of 2 per 500 ms THEN 5 jobs take at least two more windows', async () => {
    current = await make();
    const times: number[] = [];
    current.scheduler.define({ name: 'limited', schema: z.object({ i: z.number() }), concurrency: 5, limiter: { max: 2, durationMs: 500 }, process: async () => void times.push(Date.now()) });
    await current.scheduler.start();
    for (let i = 0; i < 5; i += 1) await current.scheduler.enqueue('limited', { i });
    await waitFor(() => times.length === 5);
    times.sort((a, b) => a - b);
    // Any 3 consecutive starts span at least one limiter window.
    for (let i = 0; i + 2 < times.length; i += 1) expect(times[i + 2]! - times[i]!).toBeGreaterThanOrEqual(450);
  });
});
