// What one process adds to a member's stored scores between two writes: increments, never whole
// states. A store applies a delta with atomic additions (PostgreSQL: `count = count + $n` in one
// statement), so any number of processes can credit the same member and every credit lands once,
// with no read-merge-write. The engine still keeps a member's MemberScoreState as its in-memory
// view (pacing, "new person helped"); the write-behind cache records beside it what each put
// added (addCreditToDelta) and writes only that.
//
// Rows a delta touches (score-rows.ts): the member's row (name, standings, pacing, first and last
// seen), one tally per period the credits fall in (week, month, all time: plain counters) and one
// row per distinct member helped in each of those periods.
import { addDecayed, DAY_MS } from './decayed-value.ts';
import { hash32 } from './distinct-sketch.ts';
import { addPointsAndCounters, type Counters, type Credit, type MemberScoreState } from './member-score-state.ts';
import type { PeriodIndex } from './period-calendar.ts';
import type { RecognitionConfig } from './recognition-config.ts';

export type TallyPeriod = 'week' | 'month' | 'all';

/** Counter increments of one period (week or month index, 0 for all time). */
export interface TallyDelta extends Counters {
  period: TallyPeriod;
  key: number;
  engagement: number;
  helper: number;
}

export interface HelpedDelta {
  period: TallyPeriod;
  key: number;
  /** hash32 of the helped member's id (distinct-sketch.ts), as the view's sketches keep it. */
  hash: number;
}

/**
 * A member's increments, with the view's fields that are not counters: name and role (the newest
 * write wins), pacing (the newest `lastAt` wins), first and last seen (widened). `engagement` and
 * `helper` are what is added to the decayed standings: decayed sums of their own, as of their `at`.
 */
export interface ScoreDelta extends Pick<MemberScoreState, 'scopeId' | 'memberId' | 'displayName' | 'isStaff' | 'engagement' | 'helper' | 'pace' | 'firstSeenAt' | 'lastSeenAt'> {
  tallies: Map<string, TallyDelta>;
  helped: Map<string, HelpedDelta>;
}

/** What a put says it changed: the credit just applied to the view, when, and in which periods. */
export interface ScoreChange {
  credit: Credit;
  at: number;
  period: PeriodIndex;
}

export type HalfLives = Pick<RecognitionConfig, 'engagementHalfLifeDays' | 'helperHalfLifeDays'>;

/** An empty delta for the member a view describes (adding it creates the member's row, nothing else). */
export function emptyDelta(state: MemberScoreState): ScoreDelta {
  return {
    scopeId: state.scopeId,
    memberId: state.memberId,
    displayName: state.displayName,
    isStaff: state.isStaff,
    engagement: { value: 0, at: 0 },
    helper: { value: 0, at: 0 },
    tallies: new Map(),
    helped: new Map(),
    pace: { ...state.pace },
    firstSeenAt: state.firstSeenAt,
    lastSeenAt: state.lastSeenAt,
  };
}

/** Copies what is not a counter (name, role, pacing, first and last seen) from the view, as of now. */
export function refreshFromView(delta: ScoreDelta, state: MemberScoreState): void {
  delta.displayName = state.displayName;
  delta.isStaff = state.isStaff;
  delta.pace = { lastAt: state.pace.lastAt, windowStart: state.pace.windowStart, windowCount: state.pace.windowCount };
  if (state.firstSeenAt < delta.firstSeenAt) delta.firstSeenAt = state.firstSeenAt;
  if (state.lastSeenAt > delta.lastSeenAt) delta.lastSeenAt = state.lastSeenAt;
}

function tallyOf(delta: ScoreDelta, period: TallyPeriod, key: number): TallyDelta {
  const id = `${period}:${key}`;
  let tally = delta.tallies.get(id);
  if (!tally) {
    tally = { period, key, engagement: 0, helper: 0, messages: 0, replies: 0, answers: 0, thanks: 0, reactions: 0 };
    delta.tallies.set(id, tally);
  }
  return tally;
}

/**
 * Records a credit: the standings, and the counters of the week, month and all-time tallies the
 * moment `at` falls in (a late event counts in its own week, which the stored rows keep).
 */
export function addCreditToDelta(delta: ScoreDelta, change: ScoreChange, halfLives: HalfLives): void {
  const { credit, at, period } = change;
  const engagement = credit.engagement ?? 0;
  const helper = credit.helper ?? 0;
  if (engagement !== 0) addDecayed(delta.engagement, engagement, at, halfLives.engagementHalfLifeDays * DAY_MS);
  if (helper !== 0) addDecayed(delta.helper, helper, at, halfLives.helperHalfLifeDays * DAY_MS);
  const helpedHash = credit.helped === undefined ? undefined : hash32(credit.helped);
  for (const [name, key] of [['week', period.week], ['month', period.month], ['all', 0]] as const) {
    addPointsAndCounters(tallyOf(delta, name, key), credit, engagement, helper);
    if (helpedHash !== undefined) delta.helped.set(`${name}:${key}:${helpedHash}`, { period: name, key, hash: helpedHash });
  }
  if (at > delta.lastSeenAt) delta.lastSeenAt = at;
}
