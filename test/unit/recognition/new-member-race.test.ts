// Proves that concurrent first events of members the store has never seen (a join and messages handled at once, while the store is still loading) all count: no new member's state replaces another's.
import { describe, expect, it } from 'vitest';
import type { MemberJoined, MessagePosted } from '../../../src/core/events.ts';
import { createRecognitionEngine } from '../../../src/core/recognition/recognition-engine.ts';
import { createInMemoryScoreStore } from '../../../src/core/recognition/score-store.ts';
import { createMemoryCounterStore, type ScoreCounterStore } from '../../../src/core/recognition/score-counter-store.ts';
import { createWriteBehindScoreStore } from '../../../src/core/recognition/write-behind-score-store.ts';

const COMMUNITY = 'slack:T';
const START = Date.UTC(2024, 2, 4, 9);

function eventsOf(i: number): [MemberJoined, MessagePosted, MessagePosted] {
  const member = { memberId: `slack:T:U${i}`, displayName: `newcomer${i}`, isBot: false, isModerator: false };
  const base = { platform: 'slack' as const, communityId: COMMUNITY };
  const say = (n: number): MessagePosted => ({ ...base, type: 'message.posted', eventId: `m${i}.${n}`, occurredAt: new Date(START + i * 1000 + n * 100), channelId: 'slack:T:C', messageId: `${i}.${n}`, author: member, text: `hello there, message ${n} from newcomer ${i}`, mentions: [], mentionsBot: false });
  return [{ ...base, type: 'member.joined', eventId: `j${i}`, occurredAt: new Date(START + i * 1000), member }, say(1), say(2)];
}

describe('brand-new members handled concurrently', () => {
  for (const setup of ['in memory', 'write-behind while the scope loads'] as const) {
    it(`GIVEN 100 unseen members each joining and posting twice, all at once (${setup}) THEN each has both messages counted`, async () => {
      const counters = createMemoryCounterStore();
      // The inner store answers its first read late, as a database does at start-up.
      const slow: ScoreCounterStore = { ...counters, list: async (scope, k) => (await new Promise((r) => setTimeout(r, 20)), counters.list(scope, k)) };
      const store = setup === 'in memory' ? createInMemoryScoreStore() : createWriteBehindScoreStore(slow, { flushEvery: 10_000 });
      const engine = createRecognitionEngine({ store });
      const all = Array.from({ length: 100 }, (_, i) => eventsOf(i));
      await Promise.all(all.flat().map((e) => (e.type === 'member.joined' ? engine.onMemberJoined(e) : engine.onMessage(e))));
      const states = new Map((await store.list(COMMUNITY)).map((s) => [s.memberId, s.all.messages]));
      const wrong = all.map(([join]) => join.member.memberId).filter((id) => states.get(id) !== 2);
      expect(wrong.map((id) => `${id}: ${states.get(id) ?? 'no score'}`)).toEqual([]);
    });
  }
});
