// Where recognition keeps its state. The engine reads a member's state, changes it and puts it
// back, saying what it added; pair counters cap how much one giver can give one receiver per day.
// The in-memory store here keeps whole states, for tests, evaluation and single-process use; the
// running bot's store keeps counters in the database behind a write-behind cache
// (write-behind-score-store.ts).
import type { MemberScoreState } from './member-score-state.ts';
import type { ScoreChange } from './score-delta.ts';

export interface ScoreStore {
  get(scopeId: string, memberId: string): Promise<MemberScoreState | undefined>;
  /**
   * The member's state, or the one `create()` makes when there is none, kept at once: a caller
   * that asks for the same member before this one's put gets the same object, so the first credits
   * of a brand-new member arriving together (a join and a message) all land in one state. (A get
   * followed by a put of a new state let the second newcomer state replace the first.)
   */
  getOrCreate(scopeId: string, memberId: string, create: () => MemberScoreState): Promise<MemberScoreState>;
  /**
   * Keeps a state the engine changed. `change` is the credit the engine just applied to it (none:
   * only its name, role or pacing moved, or it is new): a store that keeps counters rather than
   * whole states (write-behind-score-store.ts) adds exactly that.
   */
  put(state: MemberScoreState, change?: ScoreChange): Promise<void>;
  /** Every member state in a scope (for leaderboards; not on the per-message path). */
  list(scopeId: string): Promise<MemberScoreState[]>;
  /**
   * Counts one more credit for `pairKey` ("thanks|giver|receiver") on `day` and returns how many
   * there were before it on that day. Counters of earlier days may be forgotten.
   */
  bumpPair(pairKey: string, day: number): Promise<number>;
  /** Removes everything about a member (privacy deletion); returns how many states were removed. */
  deleteMember(memberId: string): Promise<number>;
}

export interface InMemoryScoreStore extends ScoreStore {
  /** Number of member states and live pair counters, for memory checks. */
  sizes(): { states: number; pairs: number };
}

/**
 * Keeps states by reference (no copying: the engine mutates and puts back the same object).
 * Pair counters of days before the newest seen day are dropped once there are more than
 * `maxPairs`, so memory stays bounded by one day's distinct pairs.
 */
export function createInMemoryScoreStore(options: { maxPairs?: number } = {}): InMemoryScoreStore {
  const maxPairs = options.maxPairs ?? 100_000;
  const scopes = new Map<string, Map<string, MemberScoreState>>();
  const pairs = new Map<string, { day: number; count: number }>();
  let newestDay = Number.NEGATIVE_INFINITY;

  function scopeOf(scopeId: string): Map<string, MemberScoreState> {
    let scope = scopes.get(scopeId);
    if (!scope) {
      scope = new Map();
      scopes.set(scopeId, scope);
    }
    return scope;
  }

  function prunePairs(): void {
    for (const [key, entry] of pairs) if (entry.day < newestDay) pairs.delete(key);
  }

  return {
    async get(scopeId, memberId) {
      return scopes.get(scopeId)?.get(memberId);
    },
    async getOrCreate(scopeId, memberId, create) {
      const found = scopes.get(scopeId)?.get(memberId);
      if (found) return found;
      const state = create();
      scopeOf(scopeId).set(memberId, state);
      return state;
    },
    async put(state) {
      scopeOf(state.scopeId).set(state.memberId, state);
    },
    async list(scopeId) {
      return [...(scopes.get(scopeId)?.values() ?? [])];
    },
    async bumpPair(pairKey, day) {
      if (day > newestDay) newestDay = day;
      const entry = pairs.get(pairKey);
      if (entry && entry.day === day) return entry.count++;
      if (entry && entry.day > day) return 0; // a late event for a day already forgotten
      pairs.set(pairKey, { day, count: 1 });
      if (pairs.size > maxPairs) prunePairs();
      return 0;
    },
    async deleteMember(memberId) {
      let removed = 0;
      for (const scope of scopes.values()) if (scope.delete(memberId)) removed++;
      for (const key of pairs.keys()) if (key.includes(`|${memberId}|`) || key.endsWith(`|${memberId}`)) pairs.delete(key);
      return removed;
    },
    sizes() {
      return { states: [...scopes.values()].reduce((n, s) => n + s.size, 0), pairs: pairs.size };
    },
  };
}
