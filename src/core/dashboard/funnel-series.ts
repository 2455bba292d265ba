// Rebuilds "members at each stage at the end of each day" from today's counts and the stage
// changes of the period, walking backwards: the end of the last day is today's state, and each
// earlier day is the next one with that day's changes undone, and without the members who first
// appeared that day (before it they were not in the community, so they are on no stage).
import { FUNNEL_STAGES, type FunnelStage } from './ports.ts';

export function funnelSeries(
  days: readonly string[],
  current: Partial<Record<string, number>>,
  changes: ReadonlyArray<{ day: string; from: string; to: string }>,
  /** The local day each member was first seen on, and the stage they had then. */
  arrivals: ReadonlyArray<{ day: string; stage: string }> = [],
): Record<FunnelStage, number[]> {
  const arrived = new Map<string, string[]>();
  for (const a of arrivals) arrived.set(a.day, [...(arrived.get(a.day) ?? []), a.stage]);
  const counts = new Map<string, number>(FUNNEL_STAGES.map((s) => [s, current[s] ?? 0]));
  const byDay = new Map<string, Array<{ from: string; to: string }>>();
  for (const change of changes) {
    const list = byDay.get(change.day) ?? [];
    list.push(change);
    byDay.set(change.day, list);
  }
  const series = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, new Array<number>(days.length).fill(0)])) as Record<FunnelStage, number[]>;
  for (let i = days.length - 1; i >= 0; i--) {
    for (const stage of FUNNEL_STAGES) series[stage][i] = Math.max(0, counts.get(stage) ?? 0);
    for (const change of byDay.get(days[i]!) ?? []) {
      counts.set(change.to, (counts.get(change.to) ?? 0) - 1);
      counts.set(change.from, (counts.get(change.from) ?? 0) + 1);
    }
    // The day before they arrived, members were on no stage.
    for (const stage of arrived.get(days[i]!) ?? []) counts.set(stage, (counts.get(stage) ?? 0) - 1);
  }
  return series;
}
