// Proves the write-behind store batches writes, serves reads from memory, stays bounded, writes full batches without holding up messages until it falls far behind, and writes increments: two caches crediting the same member sum, a failed write is sent again once, and a write whose reply was lost is not added twice.
import { describe, expect, it } from 'vitest';
import { createScoreState } from '../../../src/core/recognition/member-score-state.ts';
import { createRecognitionEngine } from '../../../src/core/recognition/recognition-engine.ts';
import { createMemoryCounterStore, type ScoreCounterStore } from '../../../src/core/recognition/score-counter-store.ts';
import { createInMemoryScoreStore } from '../../../src/core/recognition/score-store.ts';
import { createWriteBehindScoreStore } from '../../../src/core/recognition/write-behind-score-store.ts';
import { chatScript, COMMUNITY, idOf } from './chat-fixture.ts';

/** The in-memory counter store, counting calls, and able to hold, fail or lose the reply of its next write. */
function counterStore() {
  const memory = createMemoryCounterStore();
  const calls = { get: 0, list: 0, apply: 0 };
  const control = { gate: undefined as Promise<void> | undefined, failNext: false, loseReplyNext: false };
  const store: ScoreCounterStore = {
    ...memory,
    get: (scope, member, k) => (calls.get++, memory.get(scope, member, k)),
    list: (scope, k) => (calls.list++, memory.list(scope, k)),
    applyDeltas: async (deltas, write) => {
      calls.apply++;
      if (control.gate) await control.gate;
      if (control.failNext) {
        control.failNext = false;
        throw new Error('database went away');
      }
      const applied = await memory.applyDeltas(deltas, write);
      if (control.loseReplyNext) {
        // Committed, but the reply never reaches the writer.
        control.loseReplyNext = false;
        throw new Error('connection reset after commit');
      }
      return applied;
    },
  };
  const messagesOf = async (name: string) => (await memory.get(COMMUNITY, idOf(name), 64))?.all.messages;
  return { store, calls, control, messagesOf };
}

/** Two processes' caches over one counter store, each with its own engine. */
function twoProcesses() {
  const inner = counterStore();
  const one = createWriteBehindScoreStore(inner.store, { flushEvery: 1000 });
  const two = createWriteBehindScoreStore(inner.store, { flushEvery: 1000 });
  const a = createRecognitionEngine({ store: one, config: { channelScores: false } });
  const b = createRecognitionEngine({ store: two, config: { channelScores: false } });
  return { inner, one, two, a, b, chat: chatScript() };
}

describe('write-behind score store', () => {
  it('GIVEN 200 messages THEN the inner store sees few reads and batched writes, and the boards match an in-memory run', async () => {
    const inner = counterStore();
    const cached = createWriteBehindScoreStore(inner.store, { flushEvery: 50, maxCached: 1000 });
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
    expect(inner.calls.apply).toBeGreaterThan(0);
    expect(inner.calls.apply).toBeLessThanOrEqual(10);
    expect(inner.calls.get + inner.calls.list).toBeLessThanOrEqual(40);
    for (const period of ['all', 'week', 'current'] as const) {
      for (const kind of ['helpers', 'engagement'] as const) {
        const query = { communityId: COMMUNITY, period, kind, limit: 10 };
        const round = (entries: Array<{ memberId: string; score: number; figures: unknown }>) => entries.map((e) => [e.memberId, Math.round(e.score * 1e6) / 1e6, e.figures]);
        expect(round(await a.leaderboard(query))).toEqual(round(await b.leaderboard(query)));
      }
    }
    expect(cached.sizes().dirty).toBe(0);
  });

  it('GIVEN a store that does not answer THEN full batches are written in the background, a put waits only at four times the batch, and every member arrives', async () => {
    const inner = counterStore();
    let release: () => void = () => {};
    inner.control.gate = new Promise<void>((resolve) => (release = resolve));
    const cached = createWriteBehindScoreStore(inner.store, { flushEvery: 5, maxCached: 1000 });
    let n = 0;
    const put = () => cached.put(createScoreState(COMMUNITY, idOf(`member${n}`), `member${n++}`, false, 0));
    while (cached.sizes().dirty < 19) await put();
    expect(n).toBeGreaterThan(19); // the first batch left `dirty` while it was being written
    let waited = false;
    const last = put().then(() => (waited = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(waited).toBe(false);
    inner.control.gate = undefined;
    release();
    await last;
    await cached.flush();
    expect((await inner.store.list(COMMUNITY, 64)).length).toBe(n);
  });

  it('GIVEN a replay through old days after every stored one THEN their pair counters are not read; stored and recent days still are', async () => {
    const read: number[] = [];
    const inner: ScoreCounterStore = {
      ...createMemoryCounterStore(),
      newestPairDay: async () => 5,
      pairsOfDay: async (day) => (read.push(day), new Map(day === 5 ? [['thanks|a|b', 2]] : [])),
      putPairs: async () => {},
    };
    const cached = createWriteBehindScoreStore(inner, { recentDay: (day) => day >= 100 });
    expect(await cached.bumpPair('thanks|a|b', 5)).toBe(2);
    expect(await cached.bumpPair('thanks|a|b', 7)).toBe(0);
    expect(await cached.bumpPair('thanks|a|b', 7)).toBe(1);
    expect(await cached.bumpPair('thanks|a|b', 8)).toBe(0);
    expect(await cached.bumpPair('thanks|a|b', 100)).toBe(0);
    expect(read).toEqual([5, 100]);
  });

  it('GIVEN more members than the bound THEN views without waiting changes are forgotten after a flush and reread on demand', async () => {
    const inner = counterStore();
    const cached = createWriteBehindScoreStore(inner.store, { flushEvery: 1000, maxCached: 10 });
    const engine = createRecognitionEngine({ store: cached, config: { channelScores: false } });
    const chat = chatScript();
    for (let i = 0; i < 30; i++) await engine.onMessage(chat.say(`member${i}`, 'hello there everyone', 60));
    await cached.flush();
    expect(cached.sizes().cached).toBeLessThanOrEqual(10);
    expect((await cached.get(COMMUNITY, idOf('member0')))?.all.messages).toBe(1);
  });

  describe('several processes on one store', () => {
    it('GIVEN two caches crediting the same member alternately and flushing in turn THEN the stored totals are the sum of both', async () => {
      const { inner, one, two, a, b, chat } = twoProcesses();
      for (let round = 0; round < 4; round++) {
        for (let i = 0; i < 5; i++) await (i % 2 === 0 ? a : b).onMessage(chat.say('ann', `message ${round} ${i} about the sound settings`, 60));
        await (round % 2 === 0 ? one : two).flush();
      }
      await one.flush();
      await two.flush();
      expect(await inner.messagesOf('ann')).toBe(20);
      // One statement per flush that had something to write: no re-reads, no retries.
      expect(inner.calls.apply).toBe(5);
    });

    it('GIVEN credits given while a write is in flight THEN they go with the next flush and nothing is lost or doubled', async () => {
      const { inner, one, two, a, b, chat } = twoProcesses();
      await a.onMessage(chat.say('ann', 'first message about the sound', 60));
      let release: () => void = () => {};
      inner.control.gate = new Promise<void>((resolve) => (release = resolve));
      const flushing = one.flush();
      await new Promise((resolve) => setImmediate(resolve));
      inner.control.gate = undefined;
      await b.onMessage(chat.say('ann', 'a message the other process saw', 60));
      await two.flush(); // lands first
      await a.onMessage(chat.say('ann', 'second message while writing', 60));
      release();
      await flushing;
      await one.flush();
      expect(await inner.messagesOf('ann')).toBe(3);
      expect(one.sizes().dirty).toBe(0);
    });

    it('GIVEN a failed write THEN the same batch is sent again on the next flush, and credits given meanwhile follow it, each counted once', async () => {
      const { inner, one, a, chat } = twoProcesses();
      await a.onMessage(chat.say('ann', 'first message about the sound', 60));
      inner.control.failNext = true;
      await expect(one.flush()).rejects.toThrow('database went away');
      await a.onMessage(chat.say('ann', 'second message about the sound', 60));
      await one.flush();
      await one.flush();
      expect(await inner.messagesOf('ann')).toBe(2);
    });

    it('GIVEN a write that commits but whose reply is lost THEN it is sent again under the same write id and counted once', async () => {
      const { inner, one, two, a, b, chat } = twoProcesses();
      await a.onMessage(chat.say('ann', 'first message about the sound', 60));
      await a.onMessage(chat.say('bob', 'a message from bob about the sound', 60));
      inner.control.loseReplyNext = true;
      await expect(one.flush()).rejects.toThrow('connection reset after commit');
      expect(await inner.messagesOf('ann')).toBe(1);
      await a.onMessage(chat.say('ann', 'second message about the sound', 60));
      await one.flush();
      expect(await inner.messagesOf('ann')).toBe(2);
      expect(await inner.messagesOf('bob')).toBe(1);
      await b.onMessage(chat.say('ann', 'a message the other process saw', 60));
      await two.flush();
      expect(await inner.messagesOf('ann')).toBe(3);
    });

    it('GIVEN a view forgotten between the engine\'s get and its put THEN what the engine added is written once', async () => {
      const inner = counterStore();
      const one = createWriteBehindScoreStore(inner.store, { flushEvery: 1000, maxCached: 1 });
      const seed = createScoreState(COMMUNITY, idOf('ann'), 'ann', false, 0);
      const period = { day: 0, week: 0, month: 0 };
      await one.put(seed, { credit: { counters: { messages: 5 } }, at: 0, period });
      await one.flush();
      const held = (await one.get(COMMUNITY, idOf('ann')))!;
      await one.put(createScoreState(COMMUNITY, idOf('bob'), 'bob', false, 0));
      await one.flush(); // over the bound: ann is forgotten while "the engine" holds her
      expect(one.sizes().cached).toBe(1);
      held.all.messages += 1;
      await one.put(held, { credit: { counters: { messages: 1 } }, at: 0, period });
      await one.flush();
      expect(await inner.messagesOf('ann')).toBe(6);
    });
  });
});
