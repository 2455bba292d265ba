// A write-behind cache in front of a slow ScoreStore (a database): states are read once, kept in
// memory (bounded), changed in place by the engine and written back in batches by `flush()`, so
// per-message work stays in memory and the database sees one batched write per state per flush.
//
// Reads: the first read in a scope loads the whole scope in one query when it fits the bound, so
// a member the database has never seen costs no round trip. Pair counters (the per-pair daily cap)
// are cached the same way when the inner store can list a day's counters: one query per day, then
// memory, written back on flush; only the newest days are kept.
//
// Several writers: Rapport processes sharing one database may each cache the same member (Slack
// Socket Mode spreads a workspace's events over connections; HTTP behind a load balancer spreads
// them over processes). When the inner store keeps row versions (the `*Versioned` methods), each
// cached state remembers the version it was loaded at and a snapshot of itself as loaded (its
// base, taken when a clean state is handed out, before the engine mutates it), and a flush writes
// through versioned-score-writer.ts: only rows still at that version, rebasing the others
// (theirs + (mine − base)), and recognising by its write id a write that committed but whose
// reply was lost. With one writer every write matches and the flush is one statement per batch;
// the merge runs only on conflicts. The interfaces are in batching-score-store.ts.
//
// Pair counters stay per process: each process counts its own credits per pair and day, and the
// stored count is the larger one, so with N processes the daily cap may be granted up to N times
// at worst (the counters only damp farming; points themselves are never lost).
import { pairMentions, type BatchingScoreStore, type MergeStates, type PairCount, type VersionedState, type WriteBehindScoreStore } from './batching-score-store.ts';
import type { MemberScoreState } from './member-score-state.ts';
import { cloneScoreState } from './merge-score-state.ts';
import { createVersionedWriter, entryKey, type Entry, type VersionedWriterDeps } from './versioned-score-writer.ts';

type VersionedWriterInner = VersionedWriterDeps['inner'];

export type { BatchingScoreStore, MergeStates, PairCount, VersionedState, WriteBehindScoreStore } from './batching-score-store.ts';
export { pairMentions } from './batching-score-store.ts';

/** Days of pair counters kept in memory (events arrive in time order, give or take a day). */
const PAIR_DAYS = 2;
/** A put waits for the write only when this many times `flushEvery` states are dirty (the store is behind). */
const BACKPRESSURE_FACTOR = 4;

export function createWriteBehindScoreStore(
  inner: BatchingScoreStore,
  options: {
    maxCached?: number;
    flushEvery?: number;
    /** How to combine a state another process stored meanwhile with this one (merge-score-state.ts); enables versioned writes. */
    merge?: MergeStates;
    /** True for a day another process may be counting pairs for now (today or yesterday); by default every day. */
    recentDay?: (day: number) => boolean;
  } = {},
): WriteBehindScoreStore {
  const maxCached = options.maxCached ?? 50_000;
  const flushEvery = options.flushEvery ?? 2_000;
  // Versions are kept only when the inner store has them and a merge is given; otherwise this is
  // the single-writer cache it always was (in-memory stores, tests).
  const merge = options.merge;
  const versioned = !!merge && !!inner.getVersioned && !!inner.listVersioned && !!inner.getManyVersioned && !!inner.putManyVersioned;
  const cache = new Map<string, Entry>();
  /** Entries forgotten by state object (weakly: gone once nobody holds the state). */
  const evicted = new WeakMap<MemberScoreState, Entry>();
  const dirty = new Map<string, Entry>();
  const keyOf = entryKey;
  /** Scopes whose every stored state is in the cache (a miss there means "no state"). */
  const complete = new Set<string>();
  const loadingScopes = new Map<string, Promise<void>>();
  const loadingStates = new Map<string, Promise<VersionedState | undefined>>();

  const cachePairs = !!inner.pairsOfDay && !!inner.putPairs;
  const pairDays = new Map<number, Promise<Map<string, number>>>();
  const dirtyPairs = new Map<string, PairCount>();
  let storedNewestDay: Promise<number> | undefined;
  let flushing: Promise<number> | undefined;

  const loadOne = versioned
    ? (scopeId: string, memberId: string) => inner.getVersioned!(scopeId, memberId)
    : async (scopeId: string, memberId: string) => {
        const state = await inner.get(scopeId, memberId);
        return state ? { state, version: 0 } : undefined;
      };
  const loadAll = versioned
    ? (scopeId: string) => inner.listVersioned!(scopeId)
    : async (scopeId: string) => (await inner.list(scopeId)).map((state) => ({ state, version: 0 }));

  /** Hands a state to the engine, which will mutate it: snapshot it first if it is clean. */
  function handOut(entry: Entry): MemberScoreState {
    if (versioned && entry.base === undefined) entry.base = cloneScoreState(entry.state);
    entry.touched = true;
    return entry.state;
  }

  /** Unversioned: writes states as they are (last writer wins). */
  async function writePlain(batch: readonly Entry[]): Promise<void> {
    const states = batch.map((e) => e.state);
    if (inner.putMany) await inner.putMany(states);
    else for (const state of states) await inner.put(state);
  }

  const writeVersioned = versioned
    ? createVersionedWriter({ inner: inner as VersionedWriterInner, merge: merge!, requeue })
    : undefined;

  /** What a failed write leaves for the next flush. */
  function requeue(...groups: Entry[][]): void {
    for (const group of groups) for (const e of group) markDirty(e);
  }

  function markDirty(entry: Entry): void {
    const key = keyOf(entry.state.scopeId, entry.state.memberId);
    if (!dirty.has(key) && cache.get(key) === entry) dirty.set(key, entry);
  }

  async function writeOut(): Promise<number> {
    const batch = [...dirty.values()];
    dirty.clear();
    const pairs = [...dirtyPairs.values()];
    dirtyPairs.clear();
    try {
      if (batch.length > 0) {
        if (writeVersioned) await writeVersioned(batch);
        else await writePlain(batch);
      }
      if (pairs.length > 0 && inner.putPairs) {
        const days = [...pairDays.keys()];
        await inner.putPairs(pairs, days.length > 0 ? Math.min(...days) : 0);
      }
    } catch (error) {
      // Nothing is lost: what failed is written with the next flush.
      if (!versioned) for (const entry of batch) markDirty(entry);
      for (const pair of pairs) {
        const key = `${pair.day}\u0000${pair.pairKey}`;
        if (!dirtyPairs.has(key)) dirtyPairs.set(key, pair);
      }
      throw error;
    }
    // Forget the oldest clean states beyond the bound (Map order is insertion order). A state
    // handed out just before may still be between the engine's get and put: `evicted` lets that
    // put find its entry (version and base) again instead of taking the state for a new member.
    for (const [key, entry] of cache) {
      if (cache.size <= maxCached) break;
      if (!dirty.has(key)) {
        cache.delete(key);
        complete.delete(entry.state.scopeId);
        if (versioned) evicted.set(entry.state, entry);
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

  function remember(loaded: VersionedState): Entry {
    const entry: Entry = { state: loaded.state, version: loaded.version, base: undefined, touched: false };
    cache.set(keyOf(loaded.state.scopeId, loaded.state.memberId), entry);
    return entry;
  }

  function loadScope(scopeId: string): Promise<void> {
    let loading = loadingScopes.get(scopeId);
    if (!loading) {
      loading = (async () => {
        const states = await loadAll(scopeId);
        if (cache.size + states.length > maxCached) return; // too big to hold: read one by one
        for (const loaded of states) if (!cache.has(keyOf(loaded.state.scopeId, loaded.state.memberId))) remember(loaded);
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
      pending = loadOne(scopeId, memberId).finally(() => loadingStates.delete(key));
      loadingStates.set(key, pending);
    }
    const state = await pending;
    // Someone may have put a newer state meanwhile: that one wins.
    return cache.get(key) ?? (state ? remember(state) : undefined);
  }

  return {
    async get(scopeId, memberId) {
      const entry = await lookup(scopeId, memberId);
      return entry ? handOut(entry) : undefined;
    },
    async getOrCreate(scopeId, memberId, create) {
      const key = keyOf(scopeId, memberId);
      // Looked up again after the wait: another caller may have made the state meanwhile.
      const found = (await lookup(scopeId, memberId)) ?? cache.get(key);
      if (found) return handOut(found);
      // Nothing stored: the new state is cached now (nothing stored to merge against), in the
      // same step as the check above, so nobody else finds the member missing and makes a second one.
      const entry: Entry = { state: create(), version: 0, base: null, touched: true };
      cache.set(key, entry);
      return entry.state;
    },
    async put(state) {
      const key = keyOf(state.scopeId, state.memberId);
      let entry = cache.get(key);
      if (!entry || entry.state !== state) {
        const forgotten = versioned ? evicted.get(state) : undefined;
        if (forgotten) {
          // Forgotten between the engine's get and put: its version and base still hold.
          evicted.delete(state);
          entry = forgotten;
          cache.set(key, entry);
        }
      }
      if (!entry) {
        // A state the store did not hand out: a new member, nothing stored to merge against.
        entry = { state, version: 0, base: null, touched: true };
        cache.set(key, entry);
      } else if (entry.state !== state) {
        // Replacing a cached state: the old one is what is stored at `version`.
        if (versioned && entry.base === undefined) entry.base = cloneScoreState(entry.state);
        entry.state = state;
      } else if (versioned && entry.base === undefined) {
        // Put without a get since the last write (the engine always gets first): nothing to
        // snapshot any more, so this state counts as what is stored, as an unversioned cache would.
        entry.base = cloneScoreState(state);
      }
      entry.touched = true;
      dirty.set(key, entry);
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
      for (const [key, entry] of cache) {
        if (entry.state.memberId === memberId) {
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
