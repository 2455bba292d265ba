// Three-way merge of one member's score state, for several Rapport processes writing the same
// member: `theirs` is what another process stored meanwhile, `mine` is this process's state and
// `base` is what this process loaded (or last wrote) before changing it. The result is
// theirs + (mine − base): every credit either side gave survives, none is counted twice.
// Pure and O(state size); the write-behind cache calls it only when a versioned write finds the
// row changed under it, so the single-writer path never pays for it.
import { readDecayed, DAY_MS, type DecayedValue } from './decayed-value.ts';
import { countDistinct, type DistinctSketch } from './distinct-sketch.ts';
import { closePeriod, type ClosedPeriod, type Counters, type MemberScoreState, type PeriodTally } from './member-score-state.ts';
import type { RecognitionConfig } from './recognition-config.ts';

export type MergeConfig = Pick<RecognitionConfig, 'engagementHalfLifeDays' | 'helperHalfLifeDays' | 'distinctSketchSize'>;

const COUNTERS: readonly (keyof Counters)[] = ['messages', 'replies', 'answers', 'thanks', 'reactions'];

/**
 * theirs + (mine − base). `base` null means nothing was stored when `mine` was made (a new
 * member), so all of mine is my delta. Returns a new state; the inputs are left unchanged.
 */
export function mergeScoreStates(theirs: MemberScoreState, mine: MemberScoreState, base: MemberScoreState | null, config: MergeConfig): MemberScoreState {
  return {
    version: mine.version,
    scopeId: mine.scopeId,
    memberId: mine.memberId,
    // Both processes learn names and roles from the same platform; this process saw them last.
    displayName: mine.displayName,
    isStaff: mine.isStaff,
    engagement: mergeDecayed(theirs.engagement, mine.engagement, base?.engagement, config.engagementHalfLifeDays * DAY_MS),
    helper: mergeDecayed(theirs.helper, mine.helper, base?.helper, config.helperHalfLifeDays * DAY_MS),
    ...mergePeriods('week', theirs, mine, base, config.distinctSketchSize),
    ...mergePeriods('month', theirs, mine, base, config.distinctSketchSize),
    all: mergeTally(theirs.all, mine.all, base?.all, config.distinctSketchSize),
    // Pacing is about the member's latest message, whichever process saw it.
    pace: clonePace(mine.pace.lastAt > theirs.pace.lastAt ? mine.pace : theirs.pace),
    firstSeenAt: Math.min(theirs.firstSeenAt, mine.firstSeenAt),
    lastSeenAt: Math.max(theirs.lastSeenAt, mine.lastSeenAt),
  };
}

/**
 * Decayed standings add my delta, with mine, base and theirs all read at the same moment
 * t = the latest `at` of the three (reading forward never loses anything: decay is a factor).
 */
export function mergeDecayed(theirs: DecayedValue, mine: DecayedValue, base: DecayedValue | undefined, halfLifeMs: number): DecayedValue {
  const at = Math.max(theirs.at, mine.at, base?.at ?? Number.NEGATIVE_INFINITY);
  const delta = readDecayed(mine, at, halfLifeMs) - (base ? readDecayed(base, at, halfLifeMs) : 0);
  return { value: readDecayed(theirs, at, halfLifeMs) + delta, at };
}

/**
 * The `all` tally and a week or month both sides are in: numbers add my delta, and the distinct
 * sketch is the union (a K-minimum-values sketch of a union is the k smallest hashes of both,
 * so what I added and what they added both count, and people both helped count once).
 */
export function mergeTally(theirs: PeriodTally, mine: PeriodTally, base: PeriodTally | undefined, sketchSize: number): PeriodTally {
  // A base in an older period holds nothing of this one: all of mine is my delta.
  const b = base && base.key === mine.key ? base : undefined;
  const merged: PeriodTally = {
    key: theirs.key,
    engagement: theirs.engagement + mine.engagement - (b?.engagement ?? 0),
    helper: theirs.helper + mine.helper - (b?.helper ?? 0),
    messages: 0,
    replies: 0,
    answers: 0,
    thanks: 0,
    reactions: 0,
    helped: unionSketch(theirs.helped, mine.helped, sketchSize),
  };
  for (const c of COUNTERS) merged[c] = theirs[c] + mine[c] - (b?.[c] ?? 0);
  return merged;
}

/** The k smallest of both sorted hash arrays, sorted, without duplicates. */
export function unionSketch(a: DistinctSketch, b: DistinctSketch, k: number): DistinctSketch {
  const out: DistinctSketch = [];
  let i = 0;
  let j = 0;
  while (out.length < k && (i < a.length || j < b.length)) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    if (x <= y) {
      out.push(x);
      i++;
      if (x === y) j++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/**
 * A week or month with its closed list. When both sides are in the same period, the tallies
 * merge; when one side rolled into a newer period, the newest period's tally and the closed
 * lists come from the side that rolled, and the other side's delta is added only where period
 * keys match (to the closed entry of the period it was still counting). Closed periods keep a
 * count of people helped, not a sketch, so there the larger count stands (a lower bound).
 */
function mergePeriods(
  name: 'week' | 'month',
  theirs: MemberScoreState,
  mine: MemberScoreState,
  base: MemberScoreState | null,
  sketchSize: number,
): Pick<MemberScoreState, 'week' | 'month' | 'closedWeeks' | 'closedMonths'> {
  const closedName = name === 'week' ? 'closedWeeks' : 'closedMonths';
  const t = theirs[name];
  const m = mine[name];
  const b = base?.[name];
  let tally: PeriodTally;
  let closed: ClosedPeriod[];
  if (t.key === m.key) {
    tally = mergeTally(t, m, b, sketchSize);
    // Both rolled out of the same period (or neither did): their closed entries plus what I added.
    closed = addToClosed(theirs[closedName], mine[closedName], base, name, sketchSize);
  } else {
    // One side rolled further: its tally and closed list, plus the other side's delta where the
    // period keys match (theirs + (mine − base) = mine + (theirs − base)).
    const [winner, loser] = t.key > m.key ? [theirs, mine] : [mine, theirs];
    tally = cloneTally(winner[name]);
    closed = addTallyDelta(addToClosed(winner[closedName], loser[closedName], base, name, sketchSize), loser[name], b, sketchSize);
  }
  return { [name]: tally, [closedName]: closed } as Pick<MemberScoreState, 'week' | 'month' | 'closedWeeks' | 'closedMonths'>;
}

/** Adds a side's delta in the period it is still counting (`tally`, vs `base`) to the closed entry of that period, if any (in place). */
function addTallyDelta(closed: ClosedPeriod[], tally: PeriodTally, base: PeriodTally | undefined, sketchSize: number): ClosedPeriod[] {
  const entry = closed.find((p) => p.key === tally.key);
  if (entry) addDelta(entry, closePeriod(tally, sketchSize), base && base.key === tally.key ? closePeriod(base, sketchSize) : undefined);
  return closed;
}

/**
 * For each period both sides closed, the first side's entry plus the second's delta,
 * where my delta is my closed entry minus what the base held for that period (its open tally, or
 * its closed entry, which never changes once closed).
 */
function addToClosed(theirs: readonly ClosedPeriod[], mine: readonly ClosedPeriod[], base: MemberScoreState | null, name: 'week' | 'month', sketchSize: number): ClosedPeriod[] {
  const closed = theirs.map(cloneClosed);
  for (const entry of closed) {
    const my = mine.find((p) => p.key === entry.key);
    if (my) addDelta(entry, my, baseFigures(base, name, entry.key, sketchSize));
  }
  return closed;
}

/** entry += mine − base, field by field (in place); people helped: the larger count (a lower bound). */
function addDelta(entry: ClosedPeriod, mine: ClosedPeriod, base: ClosedPeriod | undefined): void {
  entry.engagement += mine.engagement - (base?.engagement ?? 0);
  entry.helper += mine.helper - (base?.helper ?? 0);
  for (const c of COUNTERS) entry[c] += mine[c] - (base?.[c] ?? 0);
  entry.helpedPeople = Math.max(entry.helpedPeople, mine.helpedPeople);
}

function baseFigures(base: MemberScoreState | null, name: 'week' | 'month', key: number, sketchSize: number): ClosedPeriod | undefined {
  if (!base) return undefined;
  const open = base[name];
  if (open.key === key) return closePeriod(open, sketchSize);
  return (name === 'week' ? base.closedWeeks : base.closedMonths).find((p) => p.key === key);
}

/**
 * A deep copy, spelled out (not structuredClone or a JSON round trip): the cache snapshots a state
 * each time a clean one is handed to the engine, so this is on the message path, and copies made
 * field by field share the hidden classes of the originals (see closePeriod in member-score-state.ts).
 */
export function cloneScoreState(s: MemberScoreState): MemberScoreState {
  return {
    version: s.version,
    scopeId: s.scopeId,
    memberId: s.memberId,
    displayName: s.displayName,
    isStaff: s.isStaff,
    engagement: { value: s.engagement.value, at: s.engagement.at },
    helper: { value: s.helper.value, at: s.helper.at },
    week: cloneTally(s.week),
    month: cloneTally(s.month),
    all: cloneTally(s.all),
    closedWeeks: s.closedWeeks.map(cloneClosed),
    closedMonths: s.closedMonths.map(cloneClosed),
    pace: clonePace(s.pace),
    firstSeenAt: s.firstSeenAt,
    lastSeenAt: s.lastSeenAt,
  };
}

function cloneTally(t: PeriodTally): PeriodTally {
  return {
    key: t.key,
    engagement: t.engagement,
    helper: t.helper,
    messages: t.messages,
    replies: t.replies,
    answers: t.answers,
    thanks: t.thanks,
    reactions: t.reactions,
    helped: t.helped.slice(),
  };
}

function cloneClosed(p: ClosedPeriod): ClosedPeriod {
  return {
    key: p.key,
    engagement: p.engagement,
    helper: p.helper,
    messages: p.messages,
    replies: p.replies,
    answers: p.answers,
    thanks: p.thanks,
    reactions: p.reactions,
    helpedPeople: p.helpedPeople,
  };
}

function clonePace(p: MemberScoreState['pace']): MemberScoreState['pace'] {
  return { lastAt: p.lastAt, windowStart: p.windowStart, windowCount: p.windowCount };
}
