// Proves what a replay's deferred afterBatch guarantees: the batch returns once its features have
// seen it, the next batch is stored while the writes run, and the next batch's features, a command
// and settle() all wait for those writes to finish.
import { describe, expect, it } from 'vitest';
import type { MessagePosted } from '../../../src/core/events.ts';
import { createFeatureRegistry } from '../../../src/core/feature.ts';
import { createPipeline } from '../../../src/core/pipeline.ts';
import type { ActivityInput, CommunityRecord } from '../../../src/core/ports.ts';
import { createLogger } from '../../../src/pino-logger.ts';

const logger = createLogger({ level: 'silent', pretty: false });

function message(n: number): MessagePosted {
  return { type: 'message.posted', platform: 'console', eventId: `console:e${n}`, communityId: 'console:local', occurredAt: new Date(Date.UTC(2026, 0, 1, 0, n)), channelId: 'console:local:general', messageId: `m${n}`, author: { memberId: 'console:local:ann', displayName: 'ann', isBot: false, isModerator: false }, text: `message ${n}`, mentions: [], mentionsBot: false };
}

/** A pipeline over in-memory tables, whose afterBatch waits until the test lets it finish. */
function setup() {
  const log: string[] = [];
  const stored = new Map<string, number>();
  const community: CommunityRecord = { id: 'console:local', platform: 'console', name: 'local', language: 'en', timeZone: 'UTC' };
  const releases: Array<() => void> = [];
  const registry = createFeatureRegistry();
  registry.on('message.posted', async (event) => void log.push(`feature ${event.messageId}`));
  const pipeline = createPipeline({
    repos: {
      communities: { ensure: async () => community, update: async () => community, get: async () => community } as never,
      members: { ensureMany: async () => undefined, languages: async () => new Map(), get: async () => null } as never,
      channels: { ensureMany: async () => undefined } as never,
      activity: {
        async recordMany(inputs: ActivityInput[]) {
          log.push(`store ${inputs.map((i) => i.messageId).join(',')}`);
          const fresh = new Map<string, number>();
          for (const input of inputs) if (!stored.has(input.platformEventId)) stored.set(input.platformEventId, stored.size + 1), fresh.set(input.platformEventId, stored.size);
          return fresh;
        },
        record: async () => true,
      } as never,
    },
    logger,
    handlers: registry,
    defaults: { language: 'en', timeZone: 'UTC' },
    afterBatch: () =>
      new Promise<void>((resolve) => {
        log.push('writes start');
        releases.push(() => {
          log.push('writes done');
          resolve();
        });
      }),
  });
  return { pipeline, log, release: () => releases.shift()?.() };
}

describe('deferred writes of a replay batch', () => {
  it('GIVEN a deferred batch THEN the next one is stored while its writes run, and its features wait for them', async () => {
    const { pipeline, log, release } = setup();
    expect(await pipeline.handleBatch([message(1), message(2)], { deferAfterBatch: true })).toEqual([true, true]);
    expect(log).toEqual(['store m1,m2', 'feature m1', 'feature m2', 'writes start']);
    const second = pipeline.handleBatch([message(3)], { deferAfterBatch: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log.slice(4)).toEqual(['store m3']);
    release();
    await second;
    expect(log.slice(4)).toEqual(['store m3', 'writes done', 'feature m3', 'writes start']);
    let settled = false;
    const settling = pipeline.settle().then(() => void (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release();
    await settling;
    expect(log.at(-1)).toBe('writes done');
  });

  it('GIVEN a batch not deferred (live events) THEN it returns only after its writes', async () => {
    const { pipeline, log, release } = setup();
    let done = false;
    const handled = pipeline.handleBatch([message(1)]).then(() => void (done = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    release();
    await handled;
    expect(log).toEqual(['store m1', 'feature m1', 'writes start', 'writes done']);
  });
});
