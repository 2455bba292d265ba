// Stored scores as rows of counters (what a ScoreCounterStore keeps, score-counter-store.ts), and
// the engine's view of one member (MemberScoreState) assembled from them:
// - the member's row: name, role, the two decayed standings, pacing, first and last seen;
// - one tally per member, period and key (week or month index, 0 for all time): plain counters;
// - per tally, the distinct members helped, each once (kept as hashes, the view's sketch shape).
// The newest week and month tallies become the view's open ones (with their sketch), the two
// before each its closed ones (with a count of people helped).
import { addDecayed, DAY_MS } from './decayed-value.ts';
import { addHash } from './distinct-sketch.ts';
import { SCORE_STATE_VERSION, type ClosedPeriod, type Counters, type MemberScoreState, type PeriodTally } from './member-score-state.ts';
import type { HalfLives, ScoreDelta, TallyPeriod } from './score-delta.ts';

export interface MemberRow {
  scopeId: string;
  memberId: string;
  displayName: string;
  isStaff: boolean;
  engagement: number;
  engagementAt: number;
  helper: number;
  helperAt: number;
  paceLastAt: number;
  paceWindowStart: number;
  paceWindowCount: number;
  firstSeenAt: number;
  lastSeenAt: number;
}

export interface TallyRow extends Counters {
  memberId: string;
  period: TallyPeriod;
  key: number;
  engagement: number;
  helper: number;
}

/** People helped in one tally: how many, and the smallest hashes (at most the sketch size). */
export interface HelpedRow {
  memberId: string;
  period: TallyPeriod;
  key: number;
  count: number;
  hashes: number[];
}

function tallyOf(row: TallyRow | undefined, key: number, helped: HelpedRow | undefined, sketchSize: number): PeriodTally {
  const sketch: number[] = [];
  for (const h of helped?.hashes ?? []) addHash(sketch, h, sketchSize);
  return {
    key: row?.key ?? key,
    engagement: row?.engagement ?? 0,
    helper: row?.helper ?? 0,
    messages: row?.messages ?? 0,
    replies: row?.replies ?? 0,
    answers: row?.answers ?? 0,
    thanks: row?.thanks ?? 0,
    reactions: row?.reactions ?? 0,
    helped: sketch,
    ...(row ? { helpedCount: helped?.count ?? 0 } : {}),
  };
}

function closedOf(row: TallyRow, helped: HelpedRow | undefined): ClosedPeriod {
  return {
    key: row.key,
    engagement: row.engagement,
    helper: row.helper,
    messages: row.messages,
    replies: row.replies,
    answers: row.answers,
    thanks: row.thanks,
    reactions: row.reactions,
    helpedPeople: helped?.count ?? 0,
  };
}

/** One member's view from their row, tallies and people helped (rows of other members are ignored). */
export function stateFromRows(member: MemberRow, tallies: readonly TallyRow[], helped: readonly HelpedRow[], sketchSize: number): MemberScoreState {
  const helpedOf = (period: TallyPeriod, key: number) => helped.find((h) => h.period === period && h.key === key);
  const newestFirst = (period: 'week' | 'month') => tallies.filter((t) => t.period === period).sort((a, b) => b.key - a.key);
  const weeks = newestFirst('week');
  const months = newestFirst('month');
  const all = tallies.find((t) => t.period === 'all');
  const open = (rows: TallyRow[], period: 'week' | 'month') => (rows[0] ? tallyOf(rows[0], rows[0].key, helpedOf(period, rows[0].key), sketchSize) : tallyOf(undefined, -1, undefined, sketchSize));
  return {
    version: SCORE_STATE_VERSION,
    scopeId: member.scopeId,
    memberId: member.memberId,
    displayName: member.displayName,
    isStaff: member.isStaff,
    engagement: { value: member.engagement, at: member.engagementAt },
    helper: { value: member.helper, at: member.helperAt },
    week: open(weeks, 'week'),
    month: open(months, 'month'),
    all: tallyOf(all, 0, helpedOf('all', 0), sketchSize),
    closedWeeks: weeks.slice(1, 3).map((t) => closedOf(t, helpedOf('week', t.key))),
    closedMonths: months.slice(1, 3).map((t) => closedOf(t, helpedOf('month', t.key))),
    pace: { lastAt: member.paceLastAt, windowStart: member.paceWindowStart, windowCount: member.paceWindowCount },
    firstSeenAt: member.firstSeenAt,
    lastSeenAt: member.lastSeenAt,
  };
}

/** Groups rows by member and assembles each member's view. */
export function statesFromRows(members: readonly MemberRow[], tallies: readonly TallyRow[], helped: readonly HelpedRow[], sketchSize: number): MemberScoreState[] {
  const talliesBy = groupBy(tallies);
  const helpedBy = groupBy(helped);
  return members.map((m) => stateFromRows(m, talliesBy.get(m.memberId) ?? [], helpedBy.get(m.memberId) ?? [], sketchSize));
}

function groupBy<T extends { memberId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.memberId);
    if (list) list.push(row);
    else out.set(row.memberId, [row]);
  }
  return out;
}

/**
 * A member's row with a delta added, exactly as the SQL store adds it (db/score-store.ts): the
 * standings decay to the later of the two moments and add, the newest pacing wins, first and
 * last seen widen, name and role are the delta's.
 */
export function addDeltaToMemberRow(row: MemberRow | undefined, delta: ScoreDelta, halfLives: HalfLives): MemberRow {
  const base: MemberRow = row ?? {
    scopeId: delta.scopeId,
    memberId: delta.memberId,
    displayName: delta.displayName,
    isStaff: delta.isStaff,
    engagement: 0,
    engagementAt: 0,
    helper: 0,
    helperAt: 0,
    paceLastAt: Number.NEGATIVE_INFINITY,
    paceWindowStart: Number.NEGATIVE_INFINITY,
    paceWindowCount: 0,
    firstSeenAt: delta.firstSeenAt,
    // An imported score says nothing of when the member was last seen: a new row starts at first seen.
    lastSeenAt: Math.max(delta.lastSeenAt, delta.firstSeenAt),
  };
  const engagement = addDecayed({ value: base.engagement, at: base.engagementAt }, delta.engagement.value, delta.engagement.at, halfLives.engagementHalfLifeDays * DAY_MS);
  const helper = addDecayed({ value: base.helper, at: base.helperAt }, delta.helper.value, delta.helper.at, halfLives.helperHalfLifeDays * DAY_MS);
  const newerPace = delta.pace.lastAt > base.paceLastAt;
  return {
    scopeId: base.scopeId,
    memberId: base.memberId,
    displayName: delta.displayName,
    isStaff: delta.isStaff,
    engagement: engagement.value,
    engagementAt: engagement.at,
    helper: helper.value,
    helperAt: helper.at,
    paceLastAt: newerPace ? delta.pace.lastAt : base.paceLastAt,
    paceWindowStart: newerPace ? delta.pace.windowStart : base.paceWindowStart,
    paceWindowCount: newerPace ? delta.pace.windowCount : base.paceWindowCount,
    firstSeenAt: Math.min(base.firstSeenAt, delta.firstSeenAt),
    lastSeenAt: Math.max(base.lastSeenAt, delta.lastSeenAt),
  };
}
