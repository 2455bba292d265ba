// Proves the write-behind store batches writes, serves reads from memory, stays bounded, writes full batches without holding up messages until it falls far behind, and loses nothing on flush.
import { describe, expect, it } from 'vitest';
import { createScoreState, type MemberScoreState } from '../../../src/core/recognition/member-score-state.ts';
import { createRecognitionEngine } from '../../../src/core/recognition/recognition-engine.ts';
import { createInMemoryScoreStore, type ScoreStore } from '../../../src/core/recognition/score-store.ts';
import { createWriteBehindScoreStore, type BatchingScoreStore } from '../../../src/core/recognition/write-behind-score-store.ts';
import { chatScript, COMMUNITY, idOf } from './chat-fixture.ts';

/** An inner store that copies through JSON like a database would, and counts calls. */
function jsonStore(): ScoreStore & { calls: { get: number; putMany: number; put: number } } {
  const memory = createInMemoryScoreStore();
  const calls = { get: 0, putMany: 0, put: 0 };
  const copy = (s: MemberScoreState | undefined): MemberScoreState | undefined => (s ? (JSON.parse(JSON.stringify(s)) as MemberScoreState) : undefined);
  return {
    calls,
    get: async (scope, member) => {
      calls.get++;
      return copy(await memory.get(scope, member));
    },
    put: async (state) => {
      calls.put++;
      await memory.put(copy(state) as MemberScoreState);
    },
    putMany: async (states: readonly MemberScoreState[]) => {
      calls.putMany++;
      for (const state of states) await memory.put(copy(state) as MemberScoreState);
    },
    list: async (scope) => (await memory.list(scope)).map((s) => copy(s) as MemberScoreState),
    bumpPair: (key, day) => memory.bumpPair(key, day),
    deleteMember: (member) => memory.deleteMember(member),
  } as ScoreStore & { calls: { get: number; putMany: number; put: number } };
}

describe('write-behind score store', () => {
  it('GIVEN 200 messages THEN the inner store sees few reads and batched writes, and the board matches an in-memory run', async () => {
    const inner = jsonStore();
    const cached = createWriteBehindScoreStore(inner, { flushEvery: 50, maxCached: 1000 });
    const reference = createInMemoryScoreStore();
    const a = createRecognitionEngine({ store: cached });
    const b = createRecognitionEngine({ store: reference });
    const chat = chatScript();
    for (let i = 0; i < 100; i++) {
      const q = chat.say(`asker${i % 7}`, 'how do I fix my sound?', 60);
      const r = chat.say(`helper${i % 3}`, `@asker${i % 7} check alsamixer, the channel may be muted`, 30);
      for (const m of [q, r]) {
        await a.onMessage(m);
        await b.onMessage(m);
      }
    }
    await cached.flush();
    expect(inner.calls.put).toBe(0);
    expect(inner.calls.putMany).toBeGreaterThan(0);
    expect(inner.calls.get).toBeLessThanOrEqual(40);
    const query = { communityId: COMMUNITY, period: 'all' as const, kind: 'helpers' as const, limit: 5 };
    expect((await a.leaderboard(query)).map((e) => [e.memberId, e.score])).toEqual((await b.leaderboard(query)).map((e) => [e.memberId, e.score]));
    expect(cached.sizes().dirty).toBe(0);
  });

  it('GIVEN a store that does not answer THEN full batches are written in the background, a put waits only at four times the batch, and every state arrives', async () => {
    const inner = jsonStore();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = { ...inner, putMany: async (states: readonly MemberScoreState[]) => (await gate, (inner as BatchingScoreStore).putMany!(states)) };
    const cached = createWriteBehindScoreStore(slow, { flushEvery: 5, maxCached: 1000 });
    let n = 0;
    const put = () => cached.put(createScoreState(COMMUNITY, idOf(`member${n}`), `member${n++}`, false, 0));
    while (cached.sizes().dirty < 19) await put();
    expect(n).toBeGreaterThan(19); // the first batch left `dirty` while it was being written
    let waited = false;
    const last = put().then(() => (waited = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(waited).toBe(false);
    release();
    await last;
    await cached.flush();
    expect((await inner.list(COMMUNITY)).length).toBe(n);
  });

  it('GIVEN more states than the bound THEN clean ones are forgotten after a flush and reread on demand', async () => {
    const inner = jsonStore();
    const cached = createWriteBehindScoreStore(inner, { flushEvery: 1000, maxCached: 10 });
    const engine = createRecognitionEngine({ store: cached, config: { channelScores: false } });
    const chat = chatScript();
    for (let i = 0; i < 30; i++) await engine.onMessage(chat.say(`member${i}`, 'hello there everyone', 60));
    await cached.flush();
    expect(cached.sizes().cached).toBeLessThanOrEqual(10);
    expect((await cached.get(COMMUNITY, idOf('member0')))?.all.messages).toBe(1);
  });
});
