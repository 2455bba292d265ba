// Proves weeks start on Monday and months on the 1st in the community's time zone, across daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { createPeriodCalendar } from '../../../src/core/recognition/period-calendar.ts';

describe('period calendar', () => {
  it('GIVEN UTC THEN Sunday 23:59 and Monday 00:00 are in different weeks', () => {
    const cal = createPeriodCalendar('UTC');
    const sunday = cal.index(Date.parse('2024-03-10T23:59:00Z'));
    const monday = cal.index(Date.parse('2024-03-11T00:00:00Z'));
    expect(monday.week).toBe(sunday.week + 1);
  });

  it('GIVEN Sofia time THEN Monday 00:30 local (Sunday 22:30 UTC) is already the new week', () => {
    const cal = createPeriodCalendar('Europe/Sofia');
    const before = cal.index(Date.parse('2024-03-10T21:30:00Z')); // Sun 23:30 EET
    const after = cal.index(Date.parse('2024-03-10T22:30:00Z')); // Mon 00:30 EET
    expect(after.week).toBe(before.week + 1);
  });

  it('GIVEN the spring-forward night in Sofia THEN the week boundary after it is still Monday 00:00 local', () => {
    const cal = createPeriodCalendar('Europe/Sofia');
    // DST began 2024-03-31 03:00 EET -> 04:00 EEST; the next Monday starts at 2024-03-31T21:00Z.
    const sunday = cal.index(Date.parse('2024-03-31T20:59:00Z'));
    const monday = cal.index(Date.parse('2024-03-31T21:00:00Z'));
    expect(monday.week).toBe(sunday.week + 1);
    expect(monday.month).toBe(2024 * 12 + 3);
    expect(sunday.month).toBe(2024 * 12 + 2);
  });

  it('GIVEN New York THEN the month changes at local midnight', () => {
    const cal = createPeriodCalendar('America/New_York');
    expect(cal.index(Date.parse('2024-04-01T03:59:00Z')).month).toBe(2024 * 12 + 2);
    expect(cal.index(Date.parse('2024-04-01T04:00:00Z')).month).toBe(2024 * 12 + 3);
  });
});
