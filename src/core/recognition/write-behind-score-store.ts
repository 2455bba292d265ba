// A write-behind cache in front of a slow ScoreStore (a database): states are read once, kept in
// memory (bounded), changed in place by the engine and written back in batches by `flush()`, so
// per-message work stays in memory and the database sees one batched write per state per flush.
// Assumes one writer per community (the event worker); two processes caching the same member
// would overwrite each other's changes. Pair counters go straight to the inner store.
import type { MemberScoreState } from './member-score-state.ts';
import type { ScoreStore } from './score-store.ts';

export interface BatchingScoreStore extends ScoreStore {
  /** Saves many states at once (one transaction / multi-row upsert); falls back to put. */
  putMany?(states: readonly MemberScoreState[]): Promise<void>;
}

export interface WriteBehindScoreStore extends ScoreStore {
  /** Writes every changed state to the inner store; returns how many were written. */
  flush(): Promise<number>;
  /** States in memory and how many are waiting to be written. */
  sizes(): { cached: number; dirty: number };
}

export function createWriteBehindScoreStore(
  inner: BatchingScoreStore,
  options: { maxCached?: number; flushEvery?: number } = {},
): WriteBehindScoreStore {
  const maxCached = options.maxCached ?? 50_000;
  const flushEvery = options.flushEvery ?? 2_000;
  const cache = new Map<string, MemberScoreState>();
  const dirty = new Map<string, MemberScoreState>();
  const keyOf = (scopeId: string, memberId: string): string => `${scopeId}\u0000${memberId}`;

  async function flush(): Promise<number> {
    if (dirty.size === 0) return 0;
    const batch = [...dirty.values()];
    dirty.clear();
    if (inner.putMany) await inner.putMany(batch);
    else for (const state of batch) await inner.put(state);
    // Forget the oldest clean states beyond the bound (Map order is insertion order).
    for (const key of cache.keys()) {
      if (cache.size <= maxCached) break;
      if (!dirty.has(key)) cache.delete(key);
    }
    return batch.length;
  }

  return {
    async get(scopeId, memberId) {
      const key = keyOf(scopeId, memberId);
      const cached = cache.get(key);
      if (cached) return cached;
      const state = await inner.get(scopeId, memberId);
      if (state) cache.set(key, state);
      return state;
    },
    async put(state) {
      const key = keyOf(state.scopeId, state.memberId);
      cache.set(key, state);
      dirty.set(key, state);
      if (dirty.size >= flushEvery) await flush();
    },
    async list(scopeId) {
      await flush();
      return inner.list(scopeId);
    },
    bumpPair: (pairKey, day) => inner.bumpPair(pairKey, day),
    async deleteMember(memberId) {
      for (const [key, state] of cache) {
        if (state.memberId === memberId) {
          cache.delete(key);
          dirty.delete(key);
        }
      }
      return inner.deleteMember(memberId);
    },
    flush,
    sizes: () => ({ cached: cache.size, dirty: dirty.size }),
  };
}
