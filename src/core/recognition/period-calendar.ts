// Week and month numbers in a community's time zone, so "this week" starts on Monday 00:00 local
// time and daylight-saving changes do not move it. The UTC offset is looked up with Intl once per
// UTC hour and cached (offsets only change on hour boundaries), so a lookup is O(1) for events in
// roughly time order.

export interface PeriodIndex {
  /** Days since 1970-01-01 in local time. */
  day: number;
  /** Weeks since Monday 1970-01-05 in local time (Monday starts a week). */
  week: number;
  /** year * 12 + month (0-based) in local time. */
  month: number;
}

export interface PeriodCalendar {
  index(epochMs: number): PeriodIndex;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05 was a Monday. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

export function createPeriodCalendar(timeZone: string): PeriodCalendar {
  const utc = timeZone === 'UTC' || timeZone === 'Etc/UTC';
  const format = utc
    ? undefined
    : new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
  let cachedHour = Number.NaN;
  let cachedOffset = 0;

  function offsetAt(epochMs: number): number {
    if (!format) return 0;
    const hour = Math.floor(epochMs / HOUR_MS);
    if (hour === cachedHour) return cachedOffset;
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(hour * HOUR_MS)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
    cachedHour = hour;
    cachedOffset = asUtc - hour * HOUR_MS;
    return cachedOffset;
  }

  let cachedDay = Number.NaN;
  let cachedMonth = 0;
  return {
    index(epochMs) {
      const local = epochMs + offsetAt(epochMs);
      const day = Math.floor(local / DAY_MS);
      if (day !== cachedDay) {
        const date = new Date(day * DAY_MS);
        cachedMonth = date.getUTCFullYear() * 12 + date.getUTCMonth();
        cachedDay = day;
      }
      return { day, week: Math.floor((local - FIRST_MONDAY_MS) / WEEK_MS), month: cachedMonth };
    },
  };
}
