// A write-behind cache in front of a slow ScoreStore (a database): states are read once, kept in
// memory (bounded), changed in place by the engine and written back in batches by `flush()`, so
// per-message work stays in memory and the database sees one batched write per state per flush.
//
// Reads: the first read in a scope loads the whole scope in one query when it fits the bound, so
// a member the database has never seen costs no round trip. Pair counters (the per-pair daily cap)
// are cached the same way when the inner store can list a day's counters: one query per day, then
// memory, written back on flush; only the newest days are kept.
//
// Assumes one writer per community (the event worker); two processes caching the same member
// would overwrite each other's changes.
import type { MemberScoreState } from './member-score-state.ts';
import type { ScoreStore } from './score-store.ts';

export interface PairCount {
  pairKey: string;
  day: number;
  count: number;
}

export interface BatchingScoreStore extends ScoreStore {
  /** Saves many states at once (one transaction / multi-row upsert); falls back to put. */
  putMany?(states: readonly MemberScoreState[]): Promise<void>;
  /** Every pair counter of one day. With putPairs, lets the cache keep counters in memory. */
  pairsOfDay?(day: number): Promise<Map<string, number>>;
  /** Saves pair counters (absolute counts) and forgets the days before `keepFromDay`. */
  putPairs?(pairs: readonly PairCount[], keepFromDay: number): Promise<void>;
}

export interface WriteBehindScoreStore extends ScoreStore {
  /** Writes every changed state (and pair counter) to the inner store; returns how many states were written. */
  flush(): Promise<number>;
  /** States in memory and how many are waiting to be written. */
  sizes(): { cached: number; dirty: number; pairDays: number };
}

/** Days of pair counters kept in memory (events arrive in time order, give or take a day). */
const PAIR_DAYS = 2;
/** A put waits for the write only when this many times `flushEvery` states are dirty (the store is behind). */
const BACKPRESSURE_FACTOR = 4;

export function createWriteBehindScoreStore(
  inner: BatchingScoreStore,
  options: { maxCached?: number; flushEvery?: number } = {},
): WriteBehindScoreStore {
  const maxCached = options.maxCached ?? 50_000;
  const flushEvery = options.flushEvery ?? 2_000;
  const cache = new Map<string, MemberScoreState>();
  const dirty = new Map<string, MemberScoreState>();
  const keyOf = (scopeId: string, memberId: string): string => `${scopeId}\u0000${memberId}`;
  /** Scopes whose every stored state is in the cache (a miss there means "no state"). */
  const complete = new Set<string>();
  const loadingScopes = new Map<string, Promise<void>>();
  const loadingStates = new Map<string, Promise<MemberScoreState | undefined>>();

  const cachePairs = !!inner.pairsOfDay && !!inner.putPairs;
  const pairDays = new Map<number, Promise<Map<string, number>>>();
  const dirtyPairs = new Map<string, PairCount>();
  let flushing: Promise<number> | undefined;

  async function writeOut(): Promise<number> {
    const batch = [...dirty.values()];
    dirty.clear();
    const pairs = [...dirtyPairs.values()];
    dirtyPairs.clear();
    try {
      if (batch.length > 0) {
        if (inner.putMany) await inner.putMany(batch);
        else for (const state of batch) await inner.put(state);
      }
      if (pairs.length > 0 && inner.putPairs) {
        const days = [...pairDays.keys()];
        await inner.putPairs(pairs, days.length > 0 ? Math.min(...days) : 0);
      }
    } catch (error) {
      // Nothing is lost: what failed is written with the next flush.
      for (const state of batch) {
        const key = keyOf(state.scopeId, state.memberId);
        if (!dirty.has(key) && cache.get(key) === state) dirty.set(key, state);
      }
      for (const pair of pairs) {
        const key = `${pair.day}\u0000${pair.pairKey}`;
        if (!dirtyPairs.has(key)) dirtyPairs.set(key, pair);
      }
      throw error;
    }
    // Forget the oldest clean states beyond the bound (Map order is insertion order).
    for (const [key, state] of cache) {
      if (cache.size <= maxCached) break;
      if (!dirty.has(key)) {
        cache.delete(key);
        complete.delete(state.scopeId);
      }
    }
    return batch.length;
  }

  function flush(): Promise<number> {
    // One flush at a time; a flush asked for during another runs after it.
    const run = (flushing ?? Promise.resolve(0)).catch(() => 0).then(writeOut);
    flushing = run;
    return run.finally(() => {
      if (flushing === run) flushing = undefined;
    });
  }

  function loadScope(scopeId: string): Promise<void> {
    let loading = loadingScopes.get(scopeId);
    if (!loading) {
      loading = (async () => {
        const states = await inner.list(scopeId);
        if (cache.size + states.length > maxCached) return; // too big to hold: read one by one
        for (const state of states) {
          const key = keyOf(state.scopeId, state.memberId);
          if (!cache.has(key)) cache.set(key, state);
        }
        complete.add(scopeId);
      })().finally(() => loadingScopes.delete(scopeId));
      loadingScopes.set(scopeId, loading);
    }
    return loading;
  }

  function pairsOf(day: number): Promise<Map<string, number>> {
    let counters = pairDays.get(day);
    if (!counters) {
      counters = inner.pairsOfDay!(day);
      pairDays.set(day, counters);
      counters.catch(() => pairDays.delete(day));
      // Keep only the newest days; dirty counters of a dropped day are still in dirtyPairs.
      const days = [...pairDays.keys()].sort((a, b) => b - a);
      for (const old of days.slice(PAIR_DAYS)) pairDays.delete(old);
    }
    return counters;
  }

  return {
    async get(scopeId, memberId) {
      const key = keyOf(scopeId, memberId);
      const cached = cache.get(key);
      if (cached) return cached;
      if (!complete.has(scopeId) && !loadingScopes.has(scopeId) && cache.size < maxCached / 2) await loadScope(scopeId);
      else await loadingScopes.get(scopeId);
      const loaded = cache.get(key);
      if (loaded || complete.has(scopeId)) return loaded;
      let pending = loadingStates.get(key);
      if (!pending) {
        pending = inner.get(scopeId, memberId).finally(() => loadingStates.delete(key));
        loadingStates.set(key, pending);
      }
      const state = await pending;
      // Someone may have put a newer state meanwhile: that one wins.
      const current = cache.get(key);
      if (current) return current;
      if (state) cache.set(key, state);
      return state;
    },
    async put(state) {
      const key = keyOf(state.scopeId, state.memberId);
      cache.set(key, state);
      dirty.set(key, state);
      // A full batch is written while messages go on (a database write of 2,000 states takes a
      // tenth of a second); the message path waits only when the store falls several batches behind.
      // A failed background write keeps its states dirty: the next flush (the feature's timer, which
      // logs its errors) writes them again, so nothing is lost or hidden by not awaiting it here.
      if (dirty.size >= flushEvery * BACKPRESSURE_FACTOR) await flush();
      else if (dirty.size >= flushEvery && !flushing) flush().catch(() => undefined);
    },
    async list(scopeId) {
      await flush();
      return inner.list(scopeId);
    },
    async bumpPair(pairKey, day) {
      if (!cachePairs) return inner.bumpPair(pairKey, day);
      const newest = Math.max(day, ...pairDays.keys());
      if (day <= newest - PAIR_DAYS) return inner.bumpPair(pairKey, day); // a late event for an old day
      const counters = await pairsOf(day);
      const before = counters.get(pairKey) ?? 0;
      counters.set(pairKey, before + 1);
      dirtyPairs.set(`${day}\u0000${pairKey}`, { pairKey, day, count: before + 1 });
      return before;
    },
    async deleteMember(memberId) {
      for (const [key, state] of cache) {
        if (state.memberId === memberId) {
          cache.delete(key);
          dirty.delete(key);
        }
      }
      for (const [key, pair] of dirtyPairs) if (pairMentions(pair.pairKey, memberId)) dirtyPairs.delete(key);
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

/** Pair keys are "kind|giver|receiver". */
export function pairMentions(pairKey: string, memberId: string): boolean {
  const [, giver, receiver] = pairKey.split('|');
  return giver === memberId || receiver === memberId;
}
