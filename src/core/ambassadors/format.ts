// Small text helpers shared by the ambassadors, member, offer and feedback commands.
import { UserError } from '../errors.ts';
import type { Reason } from './stages.ts';

type T = (key: string, vars?: Record<string, string | number>) => string;

export function reasonsText(reasons: readonly Reason[], t: T): string {
  return reasons.map((r) => t(r.key, r.vars)).join('; ');
}

const DAY_MS = 86_400_000;

/** "14d", "2w", "36h" or a date "2026-12-31" (end of that day, UTC) -> the moment an offer expires. */
export function parseExpiry(input: string, now: Date): Date {
  const text = input.trim().toLowerCase();
  const relative = /^(\d{1,4})\s*(h|d|w|ч|д|с)$/u.exec(text);
  if (relative) {
    const amount = Number(relative[1]);
    const unit = relative[2]!;
    const ms = unit === 'h' || unit === 'ч' ? 3_600_000 : unit === 'w' || unit === 'с' ? 7 * DAY_MS : DAY_MS;
    if (amount > 0) return new Date(now.getTime() + amount * ms);
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) {
    const end = new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), 23, 59, 59));
    if (!Number.isNaN(end.getTime()) && end > now) return end;
  }
  throw new UserError('offers.badExpiry', { value: input });
}
