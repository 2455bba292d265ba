// Numbers and dates as each language writes them, through Intl: Bulgarian "0,60" and
// "7 декември 2026 г."; English "0.60" and the unambiguous ISO date "2026-12-07".
// Registered as i18next formatters, so a catalogue writes {{value, decimal}} or {{date, date}}.
import type { Language } from '../core/ports.ts';

const LOCALE: Record<Language, string> = { en: 'en-GB', bg: 'bg-BG' };
const localeOf = (lng: string | undefined) => LOCALE[lng === 'bg' ? 'bg' : 'en'];

/** A score or a confidence with two decimals (`0,60` in Bulgarian). */
export function formatDecimal(value: number, lng: string | undefined): string {
  return new Intl.NumberFormat(localeOf(lng), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** A calendar date (from epoch milliseconds or a Date) in `timeZone`, UTC when none is given. */
export function formatDate(value: number | Date, lng: string | undefined, timeZone = 'UTC'): string {
  const date = typeof value === 'number' ? new Date(value) : value;
  if (lng === 'bg') return new Intl.DateTimeFormat('bg-BG', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(date);
  // en-CA writes the ISO order, YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
