// Proves conversation tracking and pair counters keep bounded memory however many channels, messages and days pass.
import { describe, expect, it } from 'vitest';
import { ConversationTracker } from '../../../src/core/recognition/conversation-tracker.ts';
import { MemberDirectory } from '../../../src/core/recognition/member-directory.ts';
import { parseRecognitionConfig } from '../../../src/core/recognition/recognition-config.ts';
import { createInMemoryScoreStore } from '../../../src/core/recognition/score-store.ts';
import { BoundedMap } from '../../../src/core/recognition/bounded-map.ts';

describe('bounded memory', () => {
  it('GIVEN 20,000 messages in 500 channels THEN the tracker remembers at most the configured channels and messages', () => {
    const config = parseRecognitionConfig({ maxTrackedChannels: 16, maxTrackedPerChannel: 32 });
    const tracker = new ConversationTracker(config, new MemberDirectory(1000));
    for (let i = 0; i < 20_000; i++) {
      const msg = {
        communityId: 'console:c',
        channelId: `console:c:ch${i % 500}`,
        messageId: `m${i}`,
        authorId: `console:c:u${i % 977}`,
        at: i * 1000,
        text: 'some words here',
        mentions: [`console:c:u${(i * 7) % 977}`],
        isQuestion: i % 3 === 0,
      };
      tracker.record(msg, tracker.infer(msg));
    }
    const sizes = tracker.sizes();
    expect(sizes.channels).toBeLessThanOrEqual(16);
    expect(sizes.maxMessagesPerChannel).toBeLessThanOrEqual(64);
  });

  it('GIVEN pair counters over 100 days THEN old days are dropped once the bound is reached', async () => {
    const store = createInMemoryScoreStore({ maxPairs: 1000 });
    for (let day = 0; day < 100; day++) {
      for (let p = 0; p < 200; p++) await store.bumpPair(`reply|a${p}|b${p}`, day);
    }
    expect(store.sizes().pairs).toBeLessThanOrEqual(1000);
    expect(await store.bumpPair('reply|a1|b1', 99)).toBe(1);
  });

  it('GIVEN a bounded map THEN it never holds more than its capacity and keeps recently read keys', () => {
    const map = new BoundedMap<string, number>(10);
    map.set('keep', 0);
    for (let i = 0; i < 100; i++) {
      map.set(`k${i}`, i);
      expect(map.get('keep')).toBe(0);
      expect(map.size).toBeLessThanOrEqual(10);
    }
  });
});
