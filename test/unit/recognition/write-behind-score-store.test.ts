// Proves the write-behind store batches writes, serves reads from memory, stays bounded, writes full batches without holding up messages until it falls far behind, loses nothing on flush, and with versioned writes loses no credit when two caches write the same member.
import { describe, expect, it } from 'vitest';
import { createScoreState, type MemberScoreState } from '../../../src/core/recognition/member-score-state.ts';
import { createRecognitionEngine } from '../../../src/core/recognition/recognition-engine.ts';
import { createInMemoryScoreStore, type ScoreStore } from '../../../src/core/recognition/score-store.ts';
import { mergeScoreStates } from '../../../src/core/recognition/merge-score-state.ts';
import { defaultRecognitionConfig } from '../../../src/core/recognition/recognition-config.ts';
import { createWriteBehindScoreStore, type BatchingScoreStore, type VersionedState } from '../../../src/core/recognition/write-behind-score-store.ts';
import { chatScript, COMMUNITY, idOf } from './chat-fixture.ts';

/** An inner store that copies through JSON like a database would, and counts calls. */
function jsonStore(): BatchingScoreStore & { calls: { get: number; putMany: number; put: number } } {
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
  } as BatchingScoreStore & { calls: { get: number; putMany: number; put: number } };
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

  it('GIVEN a replay through old days after every stored one THEN their pair counters are not read; stored and recent days still are', async () => {
    const memory = createInMemoryScoreStore();
    const read: number[] = [];
    const inner: BatchingScoreStore = {
      ...memory,
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

  describe('with versioned writes (several processes)', () => {
    it('GIVEN two caches crediting the same member alternately and flushing in turn THEN the stored totals are the sum of both', async () => {
      const { inner, one, two, a, b, chat } = twoProcesses();
      for (let round = 0; round < 4; round++) {
        for (let i = 0; i < 5; i++) await (i % 2 === 0 ? a : b).onMessage(chat.say('ann', `message ${round} ${i} about the sound settings`, 60));
        await (round % 2 === 0 ? one : two).flush();
      }
      await one.flush();
      await two.flush();
      const stored = inner.rows.get(`${COMMUNITY}|${idOf('ann')}`)!;
      expect(JSON.parse(stored.json).all.messages).toBe(20);
      expect(inner.conflicts).toBeGreaterThan(0);
      // And each cache now holds the merged state (the next credit builds on both).
      expect((await one.get(COMMUNITY, idOf('ann')))?.all.messages).toBe(20);
    });

    it('GIVEN another process writes while a write is in flight and the engine keeps crediting THEN that write is merged, rewritten, and nothing is lost', async () => {
      const { inner, one, two, a, b, chat } = twoProcesses();
      await a.onMessage(chat.say('ann', 'first message about the sound', 60));
      await one.flush();
      await a.onMessage(chat.say('ann', 'second message about the sound', 60));
      await b.onMessage(chat.say('ann', 'a message the other process saw', 60));
      let release: () => void = () => {};
      inner.gate = new Promise<void>((resolve) => (release = resolve));
      const flushing = one.flush();
      await new Promise((resolve) => setImmediate(resolve));
      inner.gate = undefined;
      await two.flush(); // lands first: the in-flight write of `one` now conflicts
      await a.onMessage(chat.say('ann', 'third message while writing', 60));
      release();
      await flushing;
      await one.flush();
      expect(JSON.parse(inner.rows.get(`${COMMUNITY}|${idOf('ann')}`)!.json).all.messages).toBe(4);
      expect(one.sizes().dirty).toBe(0);
    });

    it('GIVEN states credited while their write was in flight THEN what was written becomes their base, and a later conflict counts each credit once', async () => {
      const { inner, one, two, a, b, chat } = twoProcesses();
      const names = ['ann', 'bob', 'cy'];
      for (const name of names) await a.onMessage(chat.say(name, `first message from ${name} about sound`, 60));
      let release: () => void = () => {};
      inner.gate = new Promise<void>((resolve) => (release = resolve));
      const flushing = one.flush();
      await new Promise((resolve) => setImmediate(resolve));
      inner.gate = undefined;
      for (const name of names) await a.onMessage(chat.say(name, `second message from ${name} about sound`, 60));
      release();
      await flushing; // written, and every state moved on meanwhile
      for (const name of names) await b.onMessage(chat.say(name, `a message from ${name} the other process saw`, 60));
      await two.flush();
      await one.flush(); // conflicts: rebased on the base cut from what the first write sent
      for (const name of names) expect(JSON.parse(inner.rows.get(`${COMMUNITY}|${idOf(name)}`)!.json).all.messages).toBe(3);
    });

    it('GIVEN a failed write THEN the states stay dirty and the next flush writes each credit once', async () => {
      const { inner, one, two, a, b, chat } = twoProcesses();
      await a.onMessage(chat.say('ann', 'first message about the sound', 60));
      await b.onMessage(chat.say('ann', 'second message about the sound', 60));
      await two.flush();
      inner.failNext = true;
      await expect(one.flush()).rejects.toThrow('database went away');
      expect(one.sizes().dirty).toBe(1);
      await one.flush();
      await one.flush();
      expect(JSON.parse(inner.rows.get(`${COMMUNITY}|${idOf('ann')}`)!.json).all.messages).toBe(2);
    });

    it('GIVEN a write that commits but whose reply is lost THEN the next flush recognises it by its write id and counts each credit once', async () => {
      const { inner, one, two, a, b, chat } = twoProcesses();
      await a.onMessage(chat.say('ann', 'first message about the sound', 60));
      await a.onMessage(chat.say('bob', 'a message from bob about the sound', 60));
      inner.loseReplyNext = true;
      await expect(one.flush()).rejects.toThrow('connection reset after commit');
      expect(JSON.parse(inner.rows.get(`${COMMUNITY}|${idOf('ann')}`)!.json).all.messages).toBe(1);
      await a.onMessage(chat.say('ann', 'second message about the sound', 60));
      await one.flush(); // ann and bob: rows at a newer version than the cache knows, written by its own lost write
      expect(JSON.parse(inner.rows.get(`${COMMUNITY}|${idOf('ann')}`)!.json).all.messages).toBe(2);
      expect(JSON.parse(inner.rows.get(`${COMMUNITY}|${idOf('bob')}`)!.json).all.messages).toBe(1);
      // Another process writing afterwards still merges as before.
      await b.onMessage(chat.say('ann', 'a message the other process saw', 60));
      await two.flush();
      await a.onMessage(chat.say('ann', 'third message about the sound', 60));
      await one.flush();
      expect(JSON.parse(inner.rows.get(`${COMMUNITY}|${idOf('ann')}`)!.json).all.messages).toBe(4);
    });

    it('GIVEN a state forgotten between its get and its put THEN the put keeps its version and base, so nothing is counted twice', async () => {
      const inner = versionedStore();
      const one = createWriteBehindScoreStore(inner, { flushEvery: 1000, maxCached: 1, merge });
      const two = createWriteBehindScoreStore(inner, { flushEvery: 1000, merge });
      const seed = createScoreState(COMMUNITY, idOf('ann'), 'ann', false, 0);
      await two.put(seed);
      seed.all.messages = 5;
      await two.flush();
      const held = (await one.get(COMMUNITY, idOf('ann')))!;
      await one.put(createScoreState(COMMUNITY, idOf('bob'), 'bob', false, 0));
      await one.flush(); // over the bound: ann (clean) is forgotten while "the engine" holds her
      expect(one.sizes().cached).toBe(1);
      held.all.messages += 1;
      await one.put(held);
      const other = (await two.get(COMMUNITY, idOf('ann')))!;
      other.all.messages += 2;
      await two.put(other);
      await two.flush();
      await one.flush();
      expect(JSON.parse(inner.rows.get(`${COMMUNITY}|${idOf('ann')}`)!.json).all.messages).toBe(8);
    });
  });
});

const merge = (theirs: MemberScoreState, mine: MemberScoreState, base: MemberScoreState | null): MemberScoreState => mergeScoreStates(theirs, mine, base, defaultRecognitionConfig);

/** A database-like versioned store: rows as JSON with a version, conditional writes as the SQL does them. */
/** Two processes' caches over one versioned table, each with its own engine. */
function twoProcesses() {
  const inner = versionedStore();
  const one = createWriteBehindScoreStore(inner, { flushEvery: 1000, merge });
  const two = createWriteBehindScoreStore(inner, { flushEvery: 1000, merge });
  const a = createRecognitionEngine({ store: one, config: { channelScores: false } });
  const b = createRecognitionEngine({ store: two, config: { channelScores: false } });
  return { inner, one, two, a, b, chat: chatScript() };
}

function versionedStore(): BatchingScoreStore & { rows: Map<string, { json: string; version: number; writeId?: string }>; conflicts: number; gate?: Promise<void>; failNext: boolean; loseReplyNext: boolean } {
  const rows = new Map<string, { json: string; version: number; writeId?: string }>();
  const key = (scopeId: string, memberId: string): string => `${scopeId}|${memberId}`;
  const read = (k: string): VersionedState | undefined => {
    const row = rows.get(k);
    return row ? { state: JSON.parse(row.json) as MemberScoreState, version: row.version, writeId: row.writeId ?? null } : undefined;
  };
  const store = {
    rows,
    conflicts: 0,
    gate: undefined as Promise<void> | undefined,
    failNext: false,
    loseReplyNext: false,
    get: async (scopeId: string, memberId: string) => read(key(scopeId, memberId))?.state,
    put: async () => {
      throw new Error('unversioned write');
    },
    list: async (scopeId: string) => [...rows.keys()].filter((k) => k.startsWith(`${scopeId}|`)).map((k) => read(k)!.state),
    bumpPair: async () => 0,
    deleteMember: async () => 0,
    getVersioned: async (scopeId: string, memberId: string) => read(key(scopeId, memberId)),
    listVersioned: async (scopeId: string) => [...rows.keys()].filter((k) => k.startsWith(`${scopeId}|`)).map((k) => read(k)!),
    getManyVersioned: async (keys: readonly { scopeId: string; memberId: string }[]) => keys.flatMap((k) => read(key(k.scopeId, k.memberId)) ?? []),
    putManyVersioned: async (json: string, versions: readonly number[], writeId: string) => {
      const gate = store.gate;
      if (gate) await gate;
      if (store.failNext) {
        store.failNext = false;
        throw new Error('database went away');
      }
      const writes = (JSON.parse(json) as MemberScoreState[]).map((state, i) => ({ scopeId: state.scopeId, memberId: state.memberId, json: JSON.stringify(state), version: versions[i] as number }));
      const written = writes.map((w) => {
        const k = key(w.scopeId, w.memberId);
        const row = rows.get(k);
        if (row && row.version !== w.version) {
          store.conflicts++;
          return false;
        }
        rows.set(k, { json: w.json, version: w.version + 1, writeId });
        return true;
      });
      if (store.loseReplyNext) {
        // Committed, but the reply never reaches the writer.
        store.loseReplyNext = false;
        throw new Error('connection reset after commit');
      }
      return written;
    },
  };
  return store;
}
