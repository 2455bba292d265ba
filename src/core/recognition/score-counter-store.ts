// What a persistent score store offers recognition's write-behind cache (write-behind-score-store.ts):
// counters that deltas add to atomically (score-delta.ts), once per write id, and views of members
// assembled from them (score-rows.ts). src/db/score-store.ts implements it on PostgreSQL; the
// in-memory one here keeps the same rows in Maps, for tests and single-process tools.
import type { MemberScoreState } from './member-score-state.ts';
import type { HalfLives, ScoreDelta } from './score-delta.ts';
import { addDeltaToMemberRow, stateFromRows, type HelpedRow, type MemberRow, type TallyRow } from './score-rows.ts';

export interface PairCount {
  pairKey: string;
  day: number;
  count: number;
}

export interface ScoreCounterStore {
  /**
   * Adds every delta in one transaction (all or nothing), once per `writeId`: when a write with
   * this id was applied before (a retry of a write whose reply was lost) nothing is added and the
   * answer is false. Deltas of members erased meanwhile (privacy) are dropped.
   */
  applyDeltas(deltas: readonly ScoreDelta[], write: { writeId: string; halfLives: HalfLives }): Promise<boolean>;
  /** One member's view (sketches of at most `sketchSize` hashes). */
  get(scopeId: string, memberId: string, sketchSize: number): Promise<MemberScoreState | undefined>;
  /** Every member's view in a scope (for leaderboards; not on the per-message path). */
  list(scopeId: string, sketchSize: number): Promise<MemberScoreState[]>;
  /** Counts one more credit for `pairKey` on `day`; returns how many there were before it that day. */
  bumpPair(pairKey: string, day: number): Promise<number>;
  /** Every pair counter of one day. With putPairs, lets the cache keep counters in memory. */
  pairsOfDay?(day: number): Promise<Map<string, number>>;
  /** The newest day with stored pair counters (null: none). */
  newestPairDay?(): Promise<number | null>;
  /**
   * Adds each `count` to its pair's stored counter of that day, in one transaction and once per
   * `writeId` (like applyDeltas), and forgets days before `keepFromDay`.
   */
  putPairs?(pairs: readonly PairCount[], write: { writeId: string; keepFromDay: number }): Promise<void>;
  /** Removes everything about a member; returns how many member rows were removed. */
  deleteMember(memberId: string): Promise<number>;
}

/** Pair keys are "kind|giver|receiver". */
export function pairMentions(pairKey: string, memberId: string): boolean {
  const [, giver, receiver] = pairKey.split('|');
  return giver === memberId || receiver === memberId;
}

const k2 = (scopeId: string, memberId: string): string => `${scopeId}\u0000${memberId}`;

/** The same rows as the PostgreSQL store, in Maps: for tests of the cache and for tools without a database. */
export function createMemoryCounterStore(): ScoreCounterStore {
  const members = new Map<string, MemberRow>();
  const tallies = new Map<string, TallyRow & { scopeId: string }>();
  const helped = new Map<string, { scopeId: string; memberId: string; period: TallyRow['period']; key: number; hashes: Set<number> }>();
  const applied = new Set<string>();
  const pairs = new Map<string, number>();

  function view(row: MemberRow, sketchSize: number): MemberScoreState {
    const own = (r: { scopeId: string; memberId: string }) => r.scopeId === row.scopeId && r.memberId === row.memberId;
    const helpedRows: HelpedRow[] = [...helped.values()].filter(own).map((h) => ({ memberId: h.memberId, period: h.period, key: h.key, count: h.hashes.size, hashes: [...h.hashes].sort((a, b) => a - b).slice(0, sketchSize) }));
    return stateFromRows(row, [...tallies.values()].filter(own), helpedRows, sketchSize);
  }

  return {
    async applyDeltas(deltas: readonly ScoreDelta[], write: { writeId: string; halfLives: HalfLives }) {
      if (applied.has(write.writeId)) return false;
      applied.add(write.writeId);
      for (const d of deltas) {
        const key = k2(d.scopeId, d.memberId);
        members.set(key, addDeltaToMemberRow(members.get(key), d, write.halfLives));
        for (const t of d.tallies.values()) {
          const id = `${key}\u0000${t.period}\u0000${t.key}`;
          const row = tallies.get(id) ?? { scopeId: d.scopeId, memberId: d.memberId, period: t.period, key: t.key, engagement: 0, helper: 0, messages: 0, replies: 0, answers: 0, thanks: 0, reactions: 0 };
          row.engagement += t.engagement;
          row.helper += t.helper;
          row.messages += t.messages;
          row.replies += t.replies;
          row.answers += t.answers;
          row.thanks += t.thanks;
          row.reactions += t.reactions;
          tallies.set(id, row);
        }
        for (const h of d.helped.values()) {
          const id = `${key}\u0000${h.period}\u0000${h.key}`;
          const set = helped.get(id) ?? { scopeId: d.scopeId, memberId: d.memberId, period: h.period, key: h.key, hashes: new Set<number>() };
          set.hashes.add(h.hash);
          helped.set(id, set);
        }
      }
      return true;
    },
    async get(scopeId: string, memberId: string, sketchSize: number) {
      const row = members.get(k2(scopeId, memberId));
      return row ? view(row, sketchSize) : undefined;
    },
    async list(scopeId: string, sketchSize: number) {
      return [...members.values()].filter((m) => m.scopeId === scopeId).map((m) => view(m, sketchSize));
    },
    async bumpPair(pairKey: string, day: number) {
      const id = `${day}\u0000${pairKey}`;
      const before = pairs.get(id) ?? 0;
      pairs.set(id, before + 1);
      return before;
    },
    async deleteMember(memberId: string) {
      let removed = 0;
      for (const [key, row] of members) if (row.memberId === memberId && members.delete(key)) removed++;
      for (const [key, row] of tallies) if (row.memberId === memberId) tallies.delete(key);
      for (const [key, row] of helped) if (row.memberId === memberId) helped.delete(key);
      for (const key of pairs.keys()) if (pairMentions(key.slice(key.indexOf('\u0000') + 1), memberId)) pairs.delete(key);
      return removed;
    },
  };
}
