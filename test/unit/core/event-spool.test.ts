// Proves the event spool and the intake in front of the pipeline: events survive a reopen (a crash), a torn last line is skipped, a replay left half-done is finished first, a failed store spools the event and acknowledges it, events behind a waiting spool keep their order, and an event that cannot be spooled either is not acknowledged.
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventIntake } from '../../../src/core/event-intake.ts';
import type { EventSpool } from '../../../src/core/event-spool.ts';
import type { ChatEvent } from '../../../src/core/events.ts';
import { openFileEventSpool } from '../../../src/db/file-event-spool.ts';
import { createLogger } from '../../../src/pino-logger.ts';

const logger = createLogger({ level: 'silent', pretty: false });
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function spoolFile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'spool-test-'));
  dirs.push(dir);
  return path.join(dir, 'event-spool.jsonl');
}

const event = (n: number): ChatEvent => ({
  type: 'member.joined', platform: 'console', eventId: `console:e${n}`, communityId: 'console:local', occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)), raw: { big: 'payload' },
  member: { memberId: `console:local:m${n}`, displayName: `m${n}`, isBot: false, isModerator: false },
});

describe('file event spool', () => {
  it('GIVEN appended events WHEN the spool is reopened (after a crash) THEN they are taken in order with their dates, without raw, and a torn last line is skipped', async () => {
    const file = await spoolFile();
    const spool = await openFileEventSpool(file);
    await spool.append(event(1));
    await spool.append(event(2));
    await spool.close();
    await appendFile(file, '{"v":1,"event":{"type":"mem');
    const reopened = await openFileEventSpool(file);
    expect(reopened.pending()).toBe(2);
    await reopened.append(event(3));
    const batch = (await reopened.take())!;
    expect(batch.events.map((e) => e.eventId)).toEqual(['console:e1', 'console:e2', 'console:e3']);
    expect(batch.events[0]!.occurredAt).toEqual(new Date(Date.UTC(2026, 0, 1, 0, 0, 1)));
    expect(batch.events[0]!.raw).toBeUndefined();
    await batch.commit();
    expect(await reopened.take()).toBeUndefined();
    expect(reopened.pending()).toBe(0);
  });

  it('GIVEN a replay that was taken but never committed THEN it is taken again first, before newer events', async () => {
    const file = await spoolFile();
    const spool = await openFileEventSpool(file);
    await spool.append(event(1));
    await spool.take();
    await spool.append(event(2));
    const again = await openFileEventSpool(file);
    expect(again.pending()).toBe(2);
    const first = (await again.take())!;
    expect(first.events.map((e) => e.eventId)).toEqual(['console:e1']);
    await first.commit();
    expect((await again.take())!.events.map((e) => e.eventId)).toEqual(['console:e2']);
  });
});

describe('event intake', () => {
  function fakePipeline(options: { down: () => boolean }) {
    const stored: string[] = [];
    const store = (events: ChatEvent[]) => {
      if (options.down()) throw new Error('database away');
      const fresh = events.filter((e) => !stored.includes(e.eventId));
      stored.push(...fresh.map((e) => e.eventId));
      return events.map((e) => fresh.includes(e));
    };
    return {
      stored,
      pipeline: {
        async handle(e: ChatEvent, opts?: { onStored?(): void }) {
          const [isNew = false] = store([e]);
          opts?.onStored?.();
          return { stored: isNew };
        },
        async handleBatch(events: ChatEvent[]) {
          return store(events);
        },
      },
    };
  }

  it('GIVEN the database away THEN events are spooled and acknowledged, later ones queue behind them, and all are stored in order when it returns', async () => {
    let down = true;
    const fake = fakePipeline({ down: () => down });
    const spool = await openFileEventSpool(await spoolFile());
    const intake = createEventIntake({ pipeline: fake.pipeline, spool, logger, retryMs: 20 });
    const acked: string[] = [];
    for (const n of [1, 2, 3]) await intake.accept(event(n), { durable: () => void acked.push(`console:e${n}`) });
    expect(acked).toEqual(['console:e1', 'console:e2', 'console:e3']);
    expect(fake.stored).toEqual([]);
    down = false;
    await intake.accept(event(4), { durable: () => void acked.push('console:e4') });
    await vi.waitFor(() => expect(fake.stored).toEqual(['console:e1', 'console:e2', 'console:e3', 'console:e4']), { timeout: 20_000 });
    await intake.stop();
  });

  it('GIVEN the database away AND the spool unwritable THEN the event is not acknowledged and accept rejects', async () => {
    const fake = fakePipeline({ down: () => true });
    const broken: EventSpool = { append: async () => Promise.reject(new Error('disk full')), pending: () => 0, take: async () => undefined, close: async () => {} };
    const intake = createEventIntake({ pipeline: fake.pipeline, spool: broken, logger });
    let acked = false;
    await expect(intake.accept(event(1), { durable: () => void (acked = true) })).rejects.toThrow('disk full');
    expect(acked).toBe(false);
    await intake.stop();
  });
});
