// One member's scores in one scope (the community, or one channel), as plain JSON so any store
// can keep it (a row with a JSON column, a Redis hash, a Map). All updates are O(1): decayed
// standings, the current week and month, the last two closed periods of each, and all time.
import { addDecayed, DAY_MS, readDecayed, type DecayedValue } from './decayed-value.ts';
import { addDistinct, countDistinct, type DistinctSketch } from './distinct-sketch.ts';
import type { PeriodIndex } from './period-calendar.ts';
import type { RecognitionConfig } from './recognition-config.ts';

export const SCORE_STATE_VERSION = 1;

export interface Counters {
  /** Messages posted (all, before cooldown). */
  messages: number;
  /** Replies to other members that earned helper points. */
  replies: number;
  /** Of those, replies to someone who had just asked a question. */
  answers: number;
  /** Thank-you messages and reactions received. */
  thanks: number;
  /** Other reactions received. */
  reactions: number;
}

export interface PeriodTally extends Counters {
  /** Week or month index (period-calendar.ts); 0 for all time. */
  key: number;
  engagement: number;
  helper: number;
  /** Distinct members helped (exact below the sketch size, see distinct-sketch.ts). */
  helped: DistinctSketch;
  /** How many people were helped, when known exactly (a view read from stored rows counts them). */
  helpedCount?: number;
}

/** A closed period, kept for "most improved" and last-period shout-outs. */
export interface ClosedPeriod extends Counters {
  key: number;
  engagement: number;
  helper: number;
  helpedPeople: number;
}

export interface MemberScoreState {
  version: typeof SCORE_STATE_VERSION;
  /** Community id, or a channel id for per-channel scores. */
  scopeId: string;
  memberId: string;
  displayName: string;
  isStaff: boolean;
  engagement: DecayedValue;
  helper: DecayedValue;
  week: PeriodTally;
  month: PeriodTally;
  all: PeriodTally;
  /** Newest first, at most two of each. */
  closedWeeks: ClosedPeriod[];
  closedMonths: ClosedPeriod[];
  /** Message pacing: last credited message and the diminishing-returns window. */
  pace: { lastAt: number; windowStart: number; windowCount: number };
  firstSeenAt: number;
  lastSeenAt: number;
}

export type PeriodName = 'week' | 'month' | 'all';
export type ScoreKind = 'engagement' | 'helpers';

function emptyTally(key: number): PeriodTally {
  return { key, engagement: 0, helper: 0, messages: 0, replies: 0, answers: 0, thanks: 0, reactions: 0, helped: [] };
}

export function createScoreState(scopeId: string, memberId: string, displayName: string, isStaff: boolean, at: number): MemberScoreState {
  return {
    version: SCORE_STATE_VERSION,
    scopeId,
    memberId,
    displayName,
    isStaff,
    engagement: { value: 0, at },
    helper: { value: 0, at },
    week: emptyTally(-1),
    month: emptyTally(-1),
    all: emptyTally(0),
    closedWeeks: [],
    closedMonths: [],
    pace: { lastAt: Number.NEGATIVE_INFINITY, windowStart: Number.NEGATIVE_INFINITY, windowCount: 0 },
    firstSeenAt: at,
    lastSeenAt: at,
  };
}

/** Moves the week and month tallies forward when `period` is newer. */
export function rollTallies(state: MemberScoreState, period: PeriodIndex, config: RecognitionConfig): void {
  if (state.week.key !== period.week) rollOver(state, 'week', period.week, config);
  if (state.month.key !== period.month) rollOver(state, 'month', period.month, config);
}

function rollOver(state: MemberScoreState, name: 'week' | 'month', key: number, config: RecognitionConfig): void {
  const tally = state[name];
  if (key < tally.key) return; // late event: leave the newer period alone
  const closed = name === 'week' ? state.closedWeeks : state.closedMonths;
  if (tally.key >= 0 && (tally.engagement > 0 || tally.helper > 0 || tally.messages > 0)) {
    closed.unshift(closePeriod(tally, config.distinctSketchSize));
    if (closed.length > 2) closed.length = 2;
  }
  state[name] = emptyTally(key);
}

// Spelled out, not `{ ...rest }` of a destructured tally: V8 gave every object copied that way a
// hidden class of its own (~450 bytes each), and with up to four closed periods per member state
// those were a quarter of the replay benchmark's heap.
/** A period's tally as kept once the period is over: the distinct sketch becomes a count. */
export function closePeriod(tally: PeriodTally, sketchSize: number): ClosedPeriod {
  return {
    key: tally.key,
    engagement: tally.engagement,
    helper: tally.helper,
    messages: tally.messages,
    replies: tally.replies,
    answers: tally.answers,
    thanks: tally.thanks,
    reactions: tally.reactions,
    helpedPeople: tally.helpedCount ?? countDistinct(tally.helped, sketchSize),
  };
}

export interface Credit {
  engagement?: number;
  helper?: number;
  counters?: Partial<Counters>;
  /** A member this credit says was helped. */
  helped?: string;
}

/** Applies a credit at `at` to every live tally and the decayed standings. O(sketch size) at worst. */
export function applyCredit(state: MemberScoreState, credit: Credit, at: number, period: PeriodIndex, config: RecognitionConfig): void {
  const engagement = credit.engagement ?? 0;
  const helper = credit.helper ?? 0;
  if (engagement !== 0) addDecayed(state.engagement, engagement, at, config.engagementHalfLifeDays * DAY_MS);
  if (helper !== 0) addDecayed(state.helper, helper, at, config.helperHalfLifeDays * DAY_MS);
  rollTallies(state, period, config);
  addToTally(state.all, credit, engagement, helper, config);
  // An event older than the current week or month only counts towards all time.
  if (state.week.key === period.week) addToTally(state.week, credit, engagement, helper, config);
  if (state.month.key === period.month) addToTally(state.month, credit, engagement, helper, config);
  if (at > state.lastSeenAt) state.lastSeenAt = at;
}

/** Adds a credit's points and counters to a tally (the view's, or a delta's: score-delta.ts). */
export function addPointsAndCounters(tally: Counters & { engagement: number; helper: number }, credit: Credit, engagement: number, helper: number): void {
  tally.engagement += engagement;
  tally.helper += helper;
  const c = credit.counters;
  if (c) {
    if (c.messages) tally.messages += c.messages;
    if (c.replies) tally.replies += c.replies;
    if (c.answers) tally.answers += c.answers;
    if (c.thanks) tally.thanks += c.thanks;
    if (c.reactions) tally.reactions += c.reactions;
  }
}

function addToTally(tally: PeriodTally, credit: Credit, engagement: number, helper: number, config: RecognitionConfig): void {
  addPointsAndCounters(tally, credit, engagement, helper);
  if (credit.helped && addDistinct(tally.helped, credit.helped, config.distinctSketchSize) && tally.helpedCount !== undefined) tally.helpedCount++;
}

/** The decayed standing of one kind as of `now`. */
export function currentScore(state: MemberScoreState, kind: ScoreKind, now: number, config: RecognitionConfig): number {
  return kind === 'helpers'
    ? readDecayed(state.helper, now, config.helperHalfLifeDays * DAY_MS)
    : readDecayed(state.engagement, now, config.engagementHalfLifeDays * DAY_MS);
}

export interface PeriodFigures extends Counters {
  engagement: number;
  helper: number;
  helpedPeople: number;
}

const ZERO: PeriodFigures = { engagement: 0, helper: 0, helpedPeople: 0, messages: 0, replies: 0, answers: 0, thanks: 0, reactions: 0 };

/** A member's figures for one week/month index (current or one of the two closed ones), or all time. */
export function figuresFor(state: MemberScoreState, period: PeriodName, key: number, config: RecognitionConfig): PeriodFigures {
  const tally = period === 'all' ? state.all : state[period];
  if (period === 'all' || tally.key === key) {
    const { helped, key: _key, helpedCount, ...rest } = tally;
    return { ...rest, helpedPeople: helpedCount ?? countDistinct(helped, config.distinctSketchSize) };
  }
  const closed = (period === 'week' ? state.closedWeeks : state.closedMonths).find((p) => p.key === key);
  if (!closed) return ZERO;
  const { key: _closedKey, ...rest } = closed;
  return rest;
}
