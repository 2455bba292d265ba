// The dashboard's period picker: a period key becomes [from, to) ending now, and days and weeks
// are counted in the community's time zone (a day starts at local midnight, a week on Monday).
import { DateTime } from 'luxon';
import { DASHBOARD_PERIODS, type DashboardPeriod, type DashboardPeriodKey } from './ports.ts';

const DAYS: Record<DashboardPeriodKey, number> = { '7d': 7, '30d': 30, '90d': 90, '365d': 365 };
export const DEFAULT_PERIOD: DashboardPeriodKey = '30d';

export function isPeriodKey(value: unknown): value is DashboardPeriodKey {
  return typeof value === 'string' && (DASHBOARD_PERIODS as readonly string[]).includes(value);
}

/** The period ending at `now`; an unknown or missing key means the default (30 days). */
export function resolvePeriod(key: string | null | undefined, now: Date, timeZone: string): DashboardPeriod {
  const chosen = isPeriodKey(key) ? key : DEFAULT_PERIOD;
  const end = DateTime.fromJSDate(now, { zone: timeZone });
  // Whole local days: the first day is (N-1) days before today, starting at its midnight.
  const start = end.startOf('day').minus({ days: DAYS[chosen] - 1 });
  return { key: chosen, from: start.toJSDate(), to: now, timeZone };
}

/** "YYYY-MM-DD" of the local day an instant falls on. */
export function dayKey(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate() ?? '';
}

/** "YYYY-MM-DD" of the Monday starting the local week an instant falls on. */
export function weekKey(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).startOf('week').toISODate() ?? '';
}

/** Every local day of the period, oldest first. */
export function daysOf(period: DashboardPeriod): string[] {
  const days: string[] = [];
  let cursor = DateTime.fromJSDate(period.from, { zone: period.timeZone }).startOf('day');
  const last = DateTime.fromJSDate(period.to, { zone: period.timeZone }).startOf('day');
  while (cursor <= last) {
    days.push(cursor.toISODate() ?? '');
    cursor = cursor.plus({ days: 1 });
  }
  return days;
}

/** The Mondays of every week the period touches, oldest first. */
export function weeksOf(period: DashboardPeriod): string[] {
  const weeks: string[] = [];
  let cursor = DateTime.fromJSDate(period.from, { zone: period.timeZone }).startOf('week');
  const last = DateTime.fromJSDate(period.to, { zone: period.timeZone }).startOf('week');
  while (cursor <= last) {
    weeks.push(cursor.toISODate() ?? '');
    cursor = cursor.plus({ weeks: 1 });
  }
  return weeks;
}
