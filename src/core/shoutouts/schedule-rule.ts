// Turns what a moderator types into a cron pattern: a cron rule as is ("0 10 * * 1"), or
// "weekly on Monday 10:00", "every Monday at 10:00", "daily at 9:30", "monthly on the 1st at 9:00",
// and in Bulgarian "всеки понеделник 10:00", "всеки ден в 9:30". Patterns run in the community's
// time zone (croner here, BullMQ's cron parser on Redis), so 10:00 stays 10:00 across DST changes.
import { Cron } from 'croner';

const DAYS: Record<string, number> = {
  sunday: 0, sun: 0, monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3,
  thursday: 4, thu: 4, thur: 4, thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6,
  неделя: 0, понеделник: 1, вторник: 2, сряда: 3, четвъртък: 4, петък: 5, събота: 6,
};

const TIME = '(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm)?';
const WEEKLY = [
  new RegExp(`^(?:weekly\\s+on|every)\\s+([a-z]+?)s?\\s+(?:at\\s+)?${TIME}$`, 'iu'),
  new RegExp(`^(?:всеки|всяка|всяко|ежеседмично\\s+в)\\s+([\\p{L}]+)\\s+(?:в\\s+)?${TIME}$`, 'iu'),
];
const DAILY = [new RegExp(`^(?:daily|every\\s+day)\\s+(?:at\\s+)?${TIME}$`, 'iu'), new RegExp(`^(?:всеки\\s+ден|ежедневно)\\s+(?:в\\s+)?${TIME}$`, 'iu')];
const MONTHLY = [
  new RegExp(`^(?:monthly\\s+on|every\\s+month\\s+on)\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:at\\s+)?${TIME}$`, 'iu'),
  new RegExp(`^(?:всеки\\s+месец|ежемесечно)\\s+(?:на\\s+)?(\\d{1,2})(?:-?(?:ви|ри|ти|ми))?\\s*(?:число\\s+)?(?:в\\s+)?${TIME}$`, 'iu'),
];
const CRON_FIELD = /^[\d*/,\-A-Za-z?LW#]+$/;

function clock(hourText: string, minuteText: string | undefined, meridiem: string | undefined): { hour: number; minute: number } | null {
  let hour = Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

/** The cron pattern for a rule, or null when the rule is not understood. */
export function parseScheduleRule(rule: string): string | null {
  const text = rule.trim().replace(/\s+/g, ' ');
  for (const re of WEEKLY) {
    const m = re.exec(text);
    const day = m?.[1] ? DAYS[m[1].toLowerCase()] : undefined;
    const at = m?.[2] ? clock(m[2], m[3], m[4]) : null;
    if (day !== undefined && at) return `${at.minute} ${at.hour} * * ${day}`;
  }
  for (const re of DAILY) {
    const m = re.exec(text);
    const at = m?.[1] ? clock(m[1], m[2], m[3]) : null;
    if (at) return `${at.minute} ${at.hour} * * *`;
  }
  for (const re of MONTHLY) {
    const m = re.exec(text);
    const day = m?.[1] ? Number(m[1]) : 0;
    const at = m?.[2] ? clock(m[2], m[3], m[4]) : null;
    if (at && day >= 1 && day <= 28) return `${at.minute} ${at.hour} ${day} * *`;
  }
  const fields = text.split(' ');
  if (fields.length === 5 && fields.every((f) => CRON_FIELD.test(f))) {
    try {
      new Cron(text, { paused: true });
      return text;
    } catch {
      return null;
    }
  }
  return null;
}

/** The next `count` run times of a cron pattern in a time zone, after `from`. */
export function nextRuns(cron: string, timeZone: string, from: Date, count: number): Date[] {
  return new Cron(cron, { timezone: timeZone, paused: true }).nextRuns(count, from);
}

/** The latest run of a cron pattern in a time zone at or before `at`, or null when it never ran. */
export function previousRun(cron: string, timeZone: string, at: Date): Date | null {
  // croner leaves out a run exactly at its reference, hence the millisecond.
  return new Cron(cron, { timezone: timeZone, paused: true }).previousRuns(1, new Date(at.getTime() + 1))[0] ?? null;
}
