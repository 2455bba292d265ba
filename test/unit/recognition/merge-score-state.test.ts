// Proves the three-way merge of member score states keeps every credit of both writers exactly once: decayed standings, tallies, distinct people helped, period roll-overs, pacing, first/last seen and names.
import { describe, expect, it } from 'vitest';
import { DAY_MS, readDecayed } from '../../../src/core/recognition/decayed-value.ts';
import { countDistinct } from '../../../src/core/recognition/distinct-sketch.ts';
import { applyCredit, createScoreState, figuresFor, type Credit, type MemberScoreState } from '../../../src/core/recognition/member-score-state.ts';
import { cloneScoreState, mergeDecayed, mergeScoreStates, unionSketch } from '../../../src/core/recognition/merge-score-state.ts';
import { createPeriodCalendar } from '../../../src/core/recognition/period-calendar.ts';
import { defaultRecognitionConfig as config } from '../../../src/core/recognition/recognition-config.ts';

const calendar = createPeriodCalendar('UTC');
/** Monday 2024-03-04 09:00 UTC. */
const T0 = Date.UTC(2024, 2, 4, 9);
const HALF_LIFE = config.engagementHalfLifeDays * DAY_MS;

function credit(state: MemberScoreState, c: Credit, at: number): MemberScoreState {
  applyCredit(state, c, at, calendar.index(at), config);
  return state;
}

/** A base with some history, and two copies of it for "mine" and "theirs". */
function threeCopies(): { base: MemberScoreState; mine: MemberScoreState; theirs: MemberScoreState } {
  const base = createScoreState('c', 'm', 'Ann', false, T0);
  credit(base, { engagement: 3, helper: 2, counters: { messages: 3, replies: 1 }, helped: 'p1' }, T0);
  return { base, mine: cloneScoreState(base), theirs: cloneScoreState(base) };
}

describe('merging member score states', () => {
  it('GIVEN decayed values changed on both sides at different times THEN the result is theirs plus my delta, all read at the latest time', () => {
    const base = { value: 10, at: 0 };
    const mine = { value: 10 * 2 ** -0.1 + 5, at: DAY_MS * 1.4 }; // base decayed to day 1.4, plus 5
    const theirs = { value: 10 * 2 ** -0.2 + 3, at: DAY_MS * 2.8 }; // base decayed to day 2.8, plus 3
    const merged = mergeDecayed(theirs, mine, base, HALF_LIFE);
    expect(merged.at).toBe(DAY_MS * 2.8);
    // Every credit once: the base, my 5 and their 3, each decayed from when it was given.
    const expected = 10 * 2 ** -0.2 + 5 * 2 ** -0.1 + 3;
    expect(merged.value).toBeCloseTo(expected, 9);
  });

  it('GIVEN both sides credited the same member in the same week THEN numbers add up and distinct people helped is the union', () => {
    const { base, mine, theirs } = threeCopies();
    credit(mine, { engagement: 1, helper: 1, counters: { replies: 1, answers: 1 }, helped: 'p2' }, T0 + 60_000);
    credit(mine, { helper: 1, counters: { thanks: 1 }, helped: 'p3' }, T0 + 120_000);
    credit(theirs, { engagement: 2, helper: 4, counters: { messages: 2, reactions: 1 }, helped: 'p3' }, T0 + 90_000);
    credit(theirs, { helper: 1, helped: 'p4' }, T0 + 100_000);
    const merged = mergeScoreStates(theirs, mine, base, config);
    for (const period of ['week', 'month', 'all'] as const) {
      const tally = merged[period];
      expect(tally.helper).toBeCloseTo(2 + 2 + 5);
      expect(tally.engagement).toBeCloseTo(3 + 1 + 2);
      expect([tally.messages, tally.replies, tally.answers, tally.thanks, tally.reactions]).toEqual([5, 2, 1, 1, 1]);
      // p1 from the base, p2 and p3 mine, p3 and p4 theirs: four people, p3 once.
      expect(countDistinct(tally.helped, config.distinctSketchSize)).toBe(4);
    }
  });

  it('GIVEN the same merge computed from my side THEN theirs + (mine - base) equals mine + (theirs - base)', () => {
    const { base, mine, theirs } = threeCopies();
    credit(mine, { engagement: 1.5, helper: 0.3, counters: { replies: 1 }, helped: 'p7' }, T0 + DAY_MS);
    credit(theirs, { engagement: 0.25, counters: { messages: 1 } }, T0 + 2 * DAY_MS);
    const a = mergeScoreStates(theirs, mine, base, config);
    const b = mergeScoreStates(mine, theirs, base, config);
    expect(a.all).toEqual(b.all);
    expect(a.engagement.value).toBeCloseTo(b.engagement.value, 9);
    expect(a.helper.value).toBeCloseTo(b.helper.value, 9);
  });

  it('GIVEN a removed reaction on my side (a negative delta) THEN it is taken from their total too', () => {
    const { base, mine, theirs } = threeCopies();
    credit(mine, { engagement: -0.5, helper: -1, counters: { thanks: -1 } }, T0 + 1000);
    credit(theirs, { helper: 1, counters: { thanks: 1 } }, T0 + 2000);
    const merged = mergeScoreStates(theirs, mine, base, config);
    expect(merged.all.helper).toBeCloseTo(2);
    expect(merged.all.thanks).toBe(0);
  });

  it('GIVEN they rolled into a new week while I still counted the old one THEN their new week stands and my delta joins their closed entry of the old week', () => {
    const { base, mine, theirs } = threeCopies();
    credit(mine, { helper: 1, counters: { replies: 1 }, helped: 'p2' }, T0 + DAY_MS); // Tuesday, same week
    credit(theirs, { helper: 4, counters: { thanks: 1 } }, T0 + 7 * DAY_MS); // next Monday
    const merged = mergeScoreStates(theirs, mine, base, config);
    const oldWeek = calendar.index(T0).week;
    expect(merged.week.key).toBe(oldWeek + 1);
    expect(merged.week.helper).toBe(4);
    expect(merged.week.replies).toBe(0);
    const closed = figuresFor(merged, 'week', oldWeek, config);
    expect(closed.helper).toBeCloseTo(2 + 1);
    expect(closed.replies).toBe(2);
    expect(closed.helpedPeople).toBe(2);
    expect(merged.all.helper).toBeCloseTo(2 + 1 + 4);
  });

  it('GIVEN I rolled into a new week while they still counted the old one THEN my new week stands and their delta joins my closed entry', () => {
    const { base, mine, theirs } = threeCopies();
    credit(theirs, { helper: 1, counters: { replies: 1 } }, T0 + DAY_MS);
    credit(mine, { helper: 4, counters: { thanks: 1 } }, T0 + 7 * DAY_MS);
    const merged = mergeScoreStates(theirs, mine, base, config);
    const oldWeek = calendar.index(T0).week;
    expect(merged.week.key).toBe(oldWeek + 1);
    expect(merged.week.helper).toBe(4);
    expect(figuresFor(merged, 'week', oldWeek, config).helper).toBeCloseTo(3);
    expect(merged.closedWeeks).toHaveLength(1);
  });

  it('GIVEN both rolled into the same new week THEN the new week adds both and the closed old week has both deltas once', () => {
    const { base, mine, theirs } = threeCopies();
    credit(mine, { helper: 1, counters: { replies: 1 } }, T0 + DAY_MS); // old week, mine
    credit(mine, { helper: 2, counters: { thanks: 1 } }, T0 + 8 * DAY_MS); // new week, mine
    credit(theirs, { helper: 5 }, T0 + 2 * DAY_MS); // old week, theirs
    credit(theirs, { helper: 7 }, T0 + 9 * DAY_MS); // new week, theirs
    const merged = mergeScoreStates(theirs, mine, base, config);
    const oldWeek = calendar.index(T0).week;
    expect(merged.week.key).toBe(oldWeek + 1);
    expect(merged.week.helper).toBeCloseTo(9);
    expect(figuresFor(merged, 'week', oldWeek, config).helper).toBeCloseTo(2 + 1 + 5);
    expect(merged.closedWeeks).toHaveLength(1);
    expect(merged.all.helper).toBeCloseTo(2 + 1 + 2 + 5 + 7);
  });

  it('GIVEN no base (both made the member new) THEN all of mine is added to theirs', () => {
    const mine = credit(createScoreState('c', 'm', 'Ann', false, T0 + 5000), { engagement: 1, counters: { messages: 1 } }, T0 + 5000);
    const theirs = credit(createScoreState('c', 'm', 'Ann', false, T0), { engagement: 1, counters: { messages: 1 } }, T0);
    const merged = mergeScoreStates(theirs, mine, null, config);
    expect(merged.all.messages).toBe(2);
    expect(merged.week.messages).toBe(2);
    expect(readDecayed(merged.engagement, T0 + 5000, HALF_LIFE)).toBeCloseTo(1 + 2 ** (-5000 / HALF_LIFE), 9);
    expect(merged.firstSeenAt).toBe(T0);
    expect(merged.lastSeenAt).toBe(T0 + 5000);
  });

  it('GIVEN different pacing, seen times and names THEN pacing comes from the later message, first seen is the earliest, last seen the latest, and the name and role are mine', () => {
    const { base, mine, theirs } = threeCopies();
    mine.pace = { lastAt: T0 + 10_000, windowStart: T0, windowCount: 3 };
    theirs.pace = { lastAt: T0 + 20_000, windowStart: T0 + 5_000, windowCount: 1 };
    mine.firstSeenAt = T0 - 50;
    theirs.lastSeenAt = T0 + 20_000;
    mine.displayName = 'Ann B';
    mine.isStaff = true;
    theirs.displayName = 'Ann';
    const merged = mergeScoreStates(theirs, mine, base, config);
    expect(merged.pace).toEqual(theirs.pace);
    expect(merged.pace).not.toBe(theirs.pace);
    expect(merged.firstSeenAt).toBe(T0 - 50);
    expect(merged.lastSeenAt).toBe(T0 + 20_000);
    expect([merged.displayName, merged.isStaff]).toEqual(['Ann B', true]);
  });

  it('GIVEN a merge THEN its inputs are left unchanged', () => {
    const { base, mine, theirs } = threeCopies();
    credit(mine, { helper: 1, helped: 'p9' }, T0 + DAY_MS);
    credit(theirs, { helper: 1 }, T0 + 8 * DAY_MS);
    const before = JSON.stringify([theirs, mine, base]);
    mergeScoreStates(theirs, mine, base, config);
    expect(JSON.stringify([theirs, mine, base])).toBe(before);
  });

  it('GIVEN two full sketches THEN the union keeps the k smallest hashes, each once', () => {
    expect(unionSketch([1, 4, 6, 9], [2, 4, 5, 10], 5)).toEqual([1, 2, 4, 5, 6]);
    expect(unionSketch([], [3], 5)).toEqual([3]);
  });

  it('GIVEN a clone THEN it equals the state and changing it leaves the original alone', () => {
    const { base } = threeCopies();
    credit(base, { helper: 1 }, T0 + 8 * DAY_MS); // a closed week too
    const copy = cloneScoreState(base);
    expect(copy).toEqual(base);
    copy.all.helped.push(1);
    copy.closedWeeks[0]!.helper = 99;
    copy.pace.windowCount = 42;
    copy.engagement.value = -1;
    expect(base.all.helped).not.toContain(1);
    expect(base.closedWeeks[0]!.helper).not.toBe(99);
    expect(base.pace.windowCount).not.toBe(42);
    expect(base.engagement.value).not.toBe(-1);
  });
});
