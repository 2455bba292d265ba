// replayEvents keeps the database busy while the features work: batch N + 1 is stored while batch
// N is routed, batches are routed in order, and a failure waits for what is in flight and settles
// the pipeline before it is reported.
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../src/core/events.ts';
import type { StoredBatch } from '../../../src/core/pipeline.ts';
import { replayEvents } from '../../../src/import/replay-events.ts';

const event = (n: number): ChatEvent => ({
  type: 'message.posted', platform: 'console', eventId: `e${n}`, communityId: 'console:local', occurredAt: new Date(n * 1000), channelId: 'console:local:general', messageId: `m${n}`,
  author: { memberId: 'console:local:ana', displayName: 'ana', isBot: false, isModerator: false }, text: `message ${n}`, mentions: [], mentionsBot: false,
});

function fakePipeline(options: { failRouting?: number } = {}) {
  const log: string[] = [];
  let release: (() => void) | undefined;
  return {
    log,
    pipeline: {
      async storeBatch(events: ChatEvent[]): Promise<StoredBatch> {
        log.push(`store ${events[0]!.eventId}`);
        return { events, communities: new Map(), fresh: new Map(events.map((e, i) => [e.eventId, i])) };
      },
      async routeBatch(batch: StoredBatch): Promise<boolean[]> {
        const first = batch.events[0]!.eventId;
        log.push(`route ${first} start`);
        // Routing takes a while (the features): the next batch's storing must not wait for it.
        await new Promise<void>((resolve) => {
          release = resolve;
          setTimeout(resolve, 20);
        });
        if (options.failRouting !== undefined && first === `e${options.failRouting}`) throw new Error('a feature store failed');
        log.push(`route ${first} end`);
        return batch.events.map(() => true);
      },
      async settle() {
        release?.();
        log.push('settle');
      },
    },
  };
}

describe('replayEvents', () => {
  it('GIVEN three batches THEN each next batch is stored while the one before is routed, and they are routed in order', async () => {
    const { log, pipeline } = fakePipeline();
    const summary = await replayEvents(pipeline, [1, 2, 3, 4, 5].map(event), { batchSize: 2 });
    expect(summary).toEqual({ events: 5, messages: 5, fresh: 5 });
    expect(log).toEqual(['store e1', 'route e1 start', 'store e3', 'route e1 end', 'route e3 start', 'store e5', 'route e3 end', 'route e5 start', 'route e5 end', 'settle']);
  });

  it('GIVEN routing that fails THEN the error is reported after the pipeline settles, and no later batch is routed', async () => {
    const { log, pipeline } = fakePipeline({ failRouting: 3 });
    await expect(replayEvents(pipeline, [1, 2, 3, 4, 5, 6].map(event), { batchSize: 2 })).rejects.toThrow('a feature store failed');
    expect(log.at(-1)).toBe('settle');
    expect(log.filter((l) => l.startsWith('route') && l.endsWith('start'))).toEqual(['route e1 start', 'route e3 start']);
  });
});
