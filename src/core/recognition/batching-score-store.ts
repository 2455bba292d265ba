// The store interfaces behind recognition's write-behind cache (write-behind-score-store.ts): what
// a persistent store offers (batched writes, versioned rows, day-by-day pair counters) and what the
// cache adds (flush). src/db/score-store.ts implements BatchingScoreStore on PostgreSQL.
import type { MemberScoreState } from './member-score-state.ts';
import type { ScoreStore } from './score-store.ts';

export interface PairCount {
  pairKey: string;
  day: number;
  count: number;
}

/** A stored state and the version of its row (0 for rows written before versions existed). */
export interface VersionedState {
  state: MemberScoreState;
  version: number;
  /** The id of the write that stored this version (putManyVersioned's writeId); null for rows from before write ids. */
  writeId?: string | null;
}

export interface BatchingScoreStore extends Omit<ScoreStore, 'getOrCreate'> {
  /** Saves many states at once (one transaction / multi-row upsert); falls back to put. */
  putMany?(states: readonly MemberScoreState[]): Promise<void>;
  /** Every pair counter of one day. With putPairs, lets the cache keep counters in memory. */
  pairsOfDay?(day: number): Promise<Map<string, number>>;
  /** The newest day with stored pair counters (null: none). */
  newestPairDay?(): Promise<number | null>;
  /** Saves pair counters (absolute counts) and forgets the days before `keepFromDay`. */
  putPairs?(pairs: readonly PairCount[], keepFromDay: number): Promise<void>;
  /** get with the row's version. The four *Versioned methods together make the cache safe with several writers. */
  getVersioned?(scopeId: string, memberId: string): Promise<VersionedState | undefined>;
  /** list with the rows' versions. */
  listVersioned?(scopeId: string): Promise<VersionedState[]>;
  /** The rows of these members as stored now (missing ones are left out). */
  getManyVersioned?(keys: readonly { scopeId: string; memberId: string }[]): Promise<VersionedState[]>;
  /**
   * In ONE statement (all or nothing), writes each state whose row is still at its version in
   * `versions` (0: no row known; such a row is created), storing it at that version + 1; returns,
   * per state, whether it was written. A row not written was changed by another writer, or belongs
   * to a member erased meanwhile. `states` is the JSON array of the states, serialised by the
   * cache (which keeps what it wrote without copying it again). Each written row records
   * `writeId`, so a write whose reply was lost can be recognised as done (and not merged twice).
   */
  putManyVersioned?(states: string, versions: readonly number[], writeId: string): Promise<boolean[]>;
}

export interface WriteBehindScoreStore extends ScoreStore {
  /** Writes every changed state (and pair counter) to the inner store; returns how many states were written. */
  flush(): Promise<number>;
  /** States in memory and how many are waiting to be written. */
  sizes(): { cached: number; dirty: number; pairDays: number };
}

export type MergeStates = (theirs: MemberScoreState, mine: MemberScoreState, base: MemberScoreState | null) => MemberScoreState;

/** Pair keys are "kind|giver|receiver". */
export function pairMentions(pairKey: string, memberId: string): boolean {
  const [, giver, receiver] = pairKey.split('|');
  return giver === memberId || receiver === memberId;
}
