// A write-behind cache in front of a slow score store (a database): members' views are read once,
// kept in memory (bounded) and changed by the engine, and what each put added is kept as a delta
// (score-delta.ts) that `flush()` writes in batches, so per-message work stays in memory and the
// database sees one batched statement per flush.
//
// Reads: the first read in a scope loads the whole scope in one query when it fits the bound, so
// a member the database has never seen costs no round trip. Pair counters (the per-pair daily cap)
// are cached the same way when the inner store can list a day's counters: one query per day, then
// memory, written back on flush; only the newest days are kept.
//
// Several writers: the store adds deltas with atomic increments, so Rapport processes sharing one
// database (Slack Socket Mode spreads a workspace's events over connections; HTTP behind a load
// balancer spreads them over processes) never overwrite each other's credits. Each batch carries a
// write id the store records in the same transaction: a batch whose reply was lost is sent again
// with the same id and is not added twice. A failed batch waits, as it was, for the next flush;
// new credits wait in their members' deltas meanwhile.
//
// Each process's view of a member is its own (another process's credits show in the stored rows,
// which boards and ranks read, and in the view once it is read again). Pair counters are added to
// the same way (increments, once per write id); a process reads a day's counters once, so another
// process's credits to the same pair that day show only in the stored count: the daily cap may be
// passed by what the other processes granted since (the counters only damp farming).
import { randomUUID } from 'node:crypto';
import type { MemberScoreState } from './member-score-state.ts';
import { defaultRecognitionConfig } from './recognition-config.ts';
import { pairMentions, type PairCount, type ScoreCounterStore } from './score-counter-store.ts';
import { addCreditToDelta, emptyDelta, refreshFromView, type HalfLives, type ScoreDelta } from './score-delta.ts';
import type { ScoreStore } from './score-store.ts';

export interface WriteBehindScoreStore extends ScoreStore {
  /** Writes every recorded change (and pair counter) to the inner store; returns how many members' changes were written. */
  flush(): Promise<number>;
  /** Views in memory, how many members have changes waiting, and pair days cached. */
  sizes(): { cached: number; dirty: number; pairDays: number };
}

/** Days of pair counters kept in memory (events arrive in time order, give or take a day). */
const PAIR_DAYS = 2;
/** A put waits for the write only when this many times `flushEvery` members have changes waiting (the store is behind). */
const BACKPRESSURE_FACTOR = 4;
/** Members' deltas per statement: amortises the round trip, keeps the JSON parameters modest. */
const WRITE_CHUNK = 2_000;

interface Entry {
  state: MemberScoreState;
  /** What puts added since the last flush took it. */
  delta?: ScoreDelta;
}

interface Batch {
  writeId: string;
  deltas: ScoreDelta[];
}

const keyOf = (scopeId: string, memberId: string): string => `${scopeId}\u0000${memberId}`;

export function createWriteBehindScoreStore(
  inner: ScoreCounterStore,
  options: {
    maxCached?: number;
    flushEvery?: number;
    /** The standings' half-lives (recognition-config.ts), which adding two decayed sums needs. */
    halfLives?: HalfLives;
    /** Hashes kept per "people helped" sketch in a view (recognition-config.ts distinctSketchSize). */
    sketchSize?: number;
    /** True for a day another process may be counting pairs for now (today or yesterday); by default every day. */
    recentDay?: (day: number) => boolean;
  } = {},
): WriteBehindScoreStore {
  const maxCached = options.maxCached ?? 50_000;
  const flushEvery = options.flushEvery ?? 2_000;
  const halfLives = options.halfLives ?? defaultRecognitionConfig;
  const sketchSize = options.sketchSize ?? defaultRecognitionConfig.distinctSketchSize;
  const cache = new Map<string, Entry>();
  const dirty = new Map<string, Entry>();
  /** Batches taken from members but not yet confirmed written, oldest first (at most one flush's). */
  let unsent: Batch[] = [];
  /** Write ids are `writer:n`, unique to this cache (two caches in one process never share one). */
  const writer = randomUUID();
  let writes = 0;
  /** Scopes whose every stored member is in the cache (a miss there means "no row"). */
  const complete = new Set<string>();
  const loadingScopes = new Map<string, Promise<void>>();
  const loadingStates = new Map<string, Promise<MemberScoreState | undefined>>();

  const cachePairs = !!inner.pairsOfDay && !!inner.putPairs;
  const pairDays = new Map<number, Promise<Map<string, number>>>();
  /** What this process added to each pair's counter since the last flush. */
  const dirtyPairs = new Map<string, PairCount>();
  /** Pair increments taken by a flush whose write failed: sent again, under the same id, first. */
  let unsentPairs: { writeId: string; pairs: PairCount[] } | undefined;
  let storedNewestDay: Promise<number> | undefined;
  let flushing: Promise<number> | undefined;

  /** Moves members' deltas into batches (unless earlier batches still wait: they go first). */
  function takeDeltas(): number {
    if (unsent.length > 0) return 0;
    const deltas: ScoreDelta[] = [];
    for (const entry of dirty.values()) {
      if (!entry.delta) continue;
      refreshFromView(entry.delta, entry.state);
      deltas.push(entry.delta);
      entry.delta = undefined;
    }
    dirty.clear();
    for (let i = 0; i < deltas.length; i += WRITE_CHUNK) unsent.push({ writeId: `${writer}:${++writes}`, deltas: deltas.slice(i, i + WRITE_CHUNK) });
    return deltas.length;
  }

  async function writeOut(): Promise<number> {
    let written = takeDeltas();
    // A batch stays first in line until the store confirms it; sent again, its id keeps it from counting twice.
    while (unsent.length > 0) {
      await inner.applyDeltas(unsent[0]!.deltas, { writeId: unsent[0]!.writeId, halfLives });
      unsent.shift();
      // What waited behind an earlier failure goes out in the same flush.
      if (unsent.length === 0 && dirty.size > 0 && written === 0) written = takeDeltas();
    }
    if (inner.putPairs) {
      if (!unsentPairs && dirtyPairs.size > 0) {
        unsentPairs = { writeId: `${writer}:${++writes}`, pairs: [...dirtyPairs.values()] };
        dirtyPairs.clear();
      }
      if (unsentPairs) {
        const days = [...pairDays.keys()];
        await inner.putPairs(unsentPairs.pairs, { writeId: unsentPairs.writeId, keepFromDay: days.length > 0 ? Math.min(...days) : 0 });
        unsentPairs = undefined;
      }
    }
    // Forget the oldest views without waiting changes beyond the bound (Map order is insertion
    // order). An engine holding one between its get and put puts it back as a fresh entry.
    for (const [key, entry] of cache) {
      if (cache.size <= maxCached) break;
      if (!dirty.has(key)) {
        cache.delete(key);
        complete.delete(entry.state.scopeId);
      }
    }
    return written;
  }

  function flush(): Promise<number> {
    // One flush at a time; a flush asked for during another runs after it.
    const run = (flushing ?? Promise.resolve(0)).catch(() => 0).then(writeOut);
    flushing = run;
    return run.finally(() => {
      if (flushing === run) flushing = undefined;
    });
  }

  function remember(state: MemberScoreState): Entry {
    const entry: Entry = { state };
    cache.set(keyOf(state.scopeId, state.memberId), entry);
    return entry;
  }

  function loadScope(scopeId: string): Promise<void> {
    let loading = loadingScopes.get(scopeId);
    if (!loading) {
      loading = (async () => {
        const states = await inner.list(scopeId, sketchSize);
        if (cache.size + states.length > maxCached) return; // too big to hold: read one by one
        for (const state of states) if (!cache.has(keyOf(state.scopeId, state.memberId))) remember(state);
        complete.add(scopeId);
      })().finally(() => loadingScopes.delete(scopeId));
      loadingScopes.set(scopeId, loading);
    }
    return loading;
  }

  /**
   * A day's stored counters. A day after the newest stored when this cache first looked, and too
   * old for another process to be counting it now, has none: a history replay walks through years
   * of such days, and asking for each cost a round trip.
   */
  async function readPairs(day: number): Promise<Map<string, number>> {
    if (inner.newestPairDay && !(options.recentDay?.(day) ?? true)) {
      storedNewestDay ??= inner.newestPairDay().then((d) => d ?? Number.NEGATIVE_INFINITY);
      storedNewestDay.catch(() => (storedNewestDay = undefined));
      if (day > (await storedNewestDay)) return new Map();
    }
    return inner.pairsOfDay!(day);
  }

  function pairsOf(day: number): Promise<Map<string, number>> {
    let counters = pairDays.get(day);
    if (!counters) {
      counters = readPairs(day);
      pairDays.set(day, counters);
      counters.catch(() => pairDays.delete(day));
      // Keep only the newest days; dirty counters of a dropped day are still in dirtyPairs.
      const days = [...pairDays.keys()].sort((a, b) => b - a);
      for (const old of days.slice(PAIR_DAYS)) pairDays.delete(old);
    }
    return counters;
  }

  /** The cached entry of a member, loading its scope or its row first; undefined when nothing is stored. */
  async function lookup(scopeId: string, memberId: string): Promise<Entry | undefined> {
    const key = keyOf(scopeId, memberId);
    const cached = cache.get(key);
    if (cached) return cached;
    if (!complete.has(scopeId) && !loadingScopes.has(scopeId) && cache.size < maxCached / 2) await loadScope(scopeId);
    else await loadingScopes.get(scopeId);
    const loaded = cache.get(key);
    if (loaded || complete.has(scopeId)) return loaded;
    let pending = loadingStates.get(key);
    if (!pending) {
      pending = inner.get(scopeId, memberId, sketchSize).finally(() => loadingStates.delete(key));
      loadingStates.set(key, pending);
    }
    const state = await pending;
    // Someone may have put a newer view meanwhile: that one wins.
    return cache.get(key) ?? (state ? remember(state) : undefined);
  }

  return {
    async get(scopeId, memberId) {
      return (await lookup(scopeId, memberId))?.state;
    },
    async getOrCreate(scopeId, memberId, create) {
      const key = keyOf(scopeId, memberId);
      // Looked up again after the wait: another caller may have made the view meanwhile.
      const found = (await lookup(scopeId, memberId)) ?? cache.get(key);
      if (found) return found.state;
      // Nothing stored: the new view is cached now, in the same step as the check above, so
      // nobody else finds the member missing and makes a second one.
      return remember(create()).state;
    },
    async put(state, change) {
      const key = keyOf(state.scopeId, state.memberId);
      let entry = cache.get(key);
      if (!entry) entry = remember(state);
      else entry.state = state;
      entry.delta ??= emptyDelta(state);
      if (change) addCreditToDelta(entry.delta, change, halfLives);
      dirty.set(key, entry);
      // A full batch is written while messages go on; the message path waits only when the store
      // falls several batches behind. A failed background write keeps its batch: the next flush
      // (the feature's timer, which logs its errors) sends it again, so nothing is lost or hidden.
      if (dirty.size >= flushEvery * BACKPRESSURE_FACTOR) await flush();
      else if (dirty.size >= flushEvery && !flushing) flush().catch(() => undefined);
    },
    async list(scopeId) {
      await flush();
      return inner.list(scopeId, sketchSize);
    },
    async bumpPair(pairKey, day) {
      if (!cachePairs) return inner.bumpPair(pairKey, day);
      const newest = Math.max(day, ...pairDays.keys());
      if (day <= newest - PAIR_DAYS) return inner.bumpPair(pairKey, day); // a late event for an old day
      const counters = await pairsOf(day);
      const before = counters.get(pairKey) ?? 0;
      counters.set(pairKey, before + 1);
      const key = `${day}\u0000${pairKey}`;
      const added = dirtyPairs.get(key);
      if (added) added.count++;
      else dirtyPairs.set(key, { pairKey, day, count: 1 });
      return before;
    },
    async deleteMember(memberId) {
      for (const [key, entry] of cache) {
        if (entry.state.memberId === memberId) {
          cache.delete(key);
          dirty.delete(key);
        }
      }
      unsent = unsent.map((b) => ({ writeId: b.writeId, deltas: b.deltas.filter((d) => d.memberId !== memberId) }));
      for (const [key, pair] of dirtyPairs) if (pairMentions(pair.pairKey, memberId)) dirtyPairs.delete(key);
      if (unsentPairs) unsentPairs = { writeId: unsentPairs.writeId, pairs: unsentPairs.pairs.filter((p) => !pairMentions(p.pairKey, memberId)) };
      for (const counters of pairDays.values()) {
        const map = await counters;
        for (const key of map.keys()) if (pairMentions(key, memberId)) map.delete(key);
      }
      return inner.deleteMember(memberId);
    },
    flush,
    sizes: () => ({ cached: cache.size, dirty: dirty.size, pairDays: pairDays.size }),
  };
}
