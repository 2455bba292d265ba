// Proves schedule rules (cron, English and Bulgarian phrases) become cron patterns, and that their next runs in Europe/Sofia keep the local hour across both DST changes.
import { describe, expect, it } from 'vitest';
import { nextRuns, parseScheduleRule } from '../../../src/core/shoutouts/schedule-rule.ts';

const local = (d: Date, timeZone = 'Europe/Sofia') =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

describe('parseScheduleRule', () => {
  it.each([
    ['0 10 * * 1', '0 10 * * 1'],
    ['weekly on Monday 10:00', '0 10 * * 1'],
    ['Weekly on friday at 17:30', '30 17 * * 5'],
    ['every Monday at 9am', '0 9 * * 1'],
    ['every tuesday at 5:15 pm', '15 17 * * 2'],
    ['daily at 9:30', '30 9 * * *'],
    ['every day 18:05', '5 18 * * *'],
    ['monthly on the 1st at 10:00', '0 10 1 * *'],
    ['всеки понеделник 10:00', '0 10 * * 1'],
    ['всеки петък в 16:45', '45 16 * * 5'],
    ['всеки ден в 9:30', '30 9 * * *'],
    ['ежедневно 8:00', '0 8 * * *'],
  ])('GIVEN "%s" THEN the cron pattern is "%s"', (rule, cron) => {
    expect(parseScheduleRule(rule)).toBe(cron);
  });

  it.each(['weekly on Funday 10:00', 'daily at 25:00', 'every monday at 10:75', '* * *', '61 10 * * 1', 'tomorrow', 'monthly on the 31st at 10:00'])(
    'GIVEN "%s" THEN it is refused',
    (rule) => {
      expect(parseScheduleRule(rule)).toBeNull();
    },
  );
});

describe('next runs in Europe/Sofia', () => {
  it('GIVEN "weekly on Monday 10:00" across the last Sunday of March THEN every post is at 10:00 local while the UTC hour moves from 08:00 to 07:00', () => {
    // 2026-03-29 is the last Sunday of March: EET (UTC+2) becomes EEST (UTC+3).
    const runs = nextRuns('0 10 * * 1', 'Europe/Sofia', new Date('2026-03-16T00:00:00Z'), 3);
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-03-16T08:00:00.000Z', '2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    expect(runs.map((d) => local(d))).toEqual(['Mon 16/03, 10:00', 'Mon 23/03, 10:00', 'Mon 30/03, 10:00']);
  });

  it('GIVEN "daily at 9:30" across the last Sunday of October THEN the run on the day of the change is still 09:30 local', () => {
    // 2026-10-25 is the last Sunday of October: EEST (UTC+3) becomes EET (UTC+2) at 04:00 local.
    const runs = nextRuns('30 9 * * *', 'Europe/Sofia', new Date('2026-10-24T00:00:00Z'), 3);
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-10-24T06:30:00.000Z', '2026-10-25T07:30:00.000Z', '2026-10-26T07:30:00.000Z']);
    expect(runs.every((d) => local(d).endsWith('09:30'))).toBe(true);
  });

  it('GIVEN a time inside the hour DST skips (03:30 on the last Sunday of March) THEN the next runs never fire twice and stay daily', () => {
    const runs = nextRuns('30 3 * * *', 'Europe/Sofia', new Date('2026-03-27T12:00:00Z'), 4);
    const days = runs.map((d) => local(d).split(' ')[1]);
    expect(new Set(days).size).toBe(4);
  });

  it('GIVEN the same rule in UTC THEN the UTC hour never moves', () => {
    const runs = nextRuns('0 10 * * 1', 'UTC', new Date('2026-03-16T00:00:00Z'), 3);
    expect(runs.every((d) => d.getUTCHours() === 10)).toBe(true);
  });
});
