// The versioned write of recognition's write-behind cache (write-behind-score-store.ts): several
// Rapport processes may cache the same member, so a state is written only while its row is still
// at the version this cache read; a row another process wrote meanwhile is read back, rebased
// (theirs + (mine − base), merge-score-state.ts) and written again. Every write carries an id
// stored with the rows, so a write that committed but whose reply was lost is recognised as done
// on the next flush instead of being merged in a second time.
import { randomUUID } from 'node:crypto';
import type { BatchingScoreStore, MergeStates, VersionedState } from './batching-score-store.ts';
import type { MemberScoreState } from './member-score-state.ts';

/** Rows per versioned write statement: amortises the round trip, keeps the JSON parameter modest. */
const WRITE_CHUNK = 2_000;
/**
 * Write-merge-write rounds per flush before leaving what still conflicts for the next flush (each
 * round needs another process to have written the same member in the last milliseconds).
 */
const MAX_ROUNDS = 8;

/** The cache's view of one member state. */
export interface Entry {
  state: MemberScoreState;
  /** The row version `base` was read or written at (0: none known). */
  version: number;
  /**
   * The state as stored at `version`, for the merge: undefined while `state` itself still equals
   * it (clean and not handed out since); null when nothing was stored when `state` was made.
   */
  base: MemberScoreState | null | undefined;
  /** Handed out or put since it was last serialised for a write (so `state` may differ from what was written). */
  touched: boolean;
  /**
   * The last write of this state whose outcome is unknown (its statement failed: the database may
   * have committed it and the reply been lost). If the row turns out to carry this id, that write
   * is what is stored, and it becomes the base instead of being merged in a second time.
   */
  unconfirmed?: string;
}

export const entryKey = (scopeId: string, memberId: string): string => `${scopeId}\u0000${memberId}`;

export interface VersionedWriterDeps {
  inner: Required<Pick<BatchingScoreStore, 'getManyVersioned' | 'putManyVersioned'>>;
  merge: MergeStates;
  /** What a failed write leaves for the next flush. */
  requeue(...groups: Entry[][]): void;
}

export function createVersionedWriter(deps: VersionedWriterDeps): (batch: readonly Entry[]) => Promise<void> {
  const { merge, requeue } = deps;
  const putManyVersioned = deps.inner.putManyVersioned.bind(deps.inner);
  const getManyVersioned = deps.inner.getManyVersioned.bind(deps.inner);
  const keyOf = entryKey;
  /** Write ids are `writer:n`, unique to this cache (two caches in one process never share one). */
  const writer = randomUUID();
  let writes = 0;

  /**
   * Versioned: writes a chunk; rows another process changed are re-read, rebased onto theirs and
   * written again. Each chunk's outcome is applied as soon as its statement returns, so a later
   * failure never makes a written row look unwritten (which would merge it twice). What is left
   * (conflicts beyond MAX_ROUNDS, a failed statement and the chunks after it) stays dirty.
   */
  return async function writeVersioned(batch: readonly Entry[]): Promise<void> {
    for (let i = 0; i < batch.length; i += WRITE_CHUNK) {
      let round = batch.slice(i, i + WRITE_CHUNK);
      for (let attempt = 0; round.length > 0; attempt++) {
        if (attempt >= MAX_ROUNDS) {
          requeue(round);
          break;
        }
        // One JSON array, and where each state sits in it: the per-state strings die young, and
        // a state changed during the write gets its base cut from the array (what was written).
        const ends: number[] = [];
        let length = 1;
        const parts = round.map((e) => {
          e.touched = false;
          const json = JSON.stringify(e.state);
          length += json.length + 1;
          ends.push(length - 1);
          return json;
        });
        const states = `[${parts.join(',')}]`;
        parts.length = 0;
        const writeId = `${writer}:${++writes}`;
        let written: boolean[];
        try {
          written = await putManyVersioned(states, round.map((e) => e.version), writeId);
        } catch (error) {
          // Written or not (a lost reply after the commit looks the same): these and the chunks
          // after it go to the next flush, which finds out by the write id.
          for (const e of round) e.unconfirmed = writeId;
          requeue(round, batch.slice(i + WRITE_CHUNK));
          throw error;
        }
        const missed: Entry[] = [];
        round.forEach((e, j) => {
          if (!written[j]) return missed.push(e);
          e.version++;
          e.unconfirmed = undefined;
          // What is stored now is what was serialised; the live state may have moved on since.
          e.base = e.touched ? (JSON.parse(states.slice(j === 0 ? 1 : (ends[j - 1] as number) + 1, ends[j])) as MemberScoreState) : undefined;
        });
        if (missed.length === 0) break;
        let theirs: VersionedState[];
        try {
          theirs = await getManyVersioned(missed.map((e) => ({ scopeId: e.state.scopeId, memberId: e.state.memberId })));
        } catch (error) {
          requeue(missed, batch.slice(i + WRITE_CHUNK));
          throw error;
        }
        const stored = new Map(theirs.map((t) => [keyOf(t.state.scopeId, t.state.memberId), t]));
        round = [];
        for (const e of missed) {
          const other = stored.get(keyOf(e.state.scopeId, e.state.memberId));
          // No row and not written: the member was erased (privacy); the state is dropped like before.
          if (!other) continue;
          if (e.unconfirmed !== undefined && other.writeId === e.unconfirmed) {
            // The failed write had committed: what it wrote is stored; write what came since on top.
            e.unconfirmed = undefined;
            e.base = other.state;
            e.version = other.version;
            round.push(e);
            continue;
          }
          e.unconfirmed = undefined;
          // Rebase in place (the engine may hold this object between a get and its put):
          // mine becomes theirs + (mine − base), and theirs becomes the new base.
          Object.assign(e.state, merge(other.state, e.state, e.base ?? null));
          e.base = other.state;
          e.version = other.version;
          round.push(e);
        }
      }
    }
  };
}
