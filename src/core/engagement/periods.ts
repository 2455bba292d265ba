// Leaderboard periods shared by commands and reports.
export const PERIODS = ['week', 'month', 'all'] as const;
export type Period = (typeof PERIODS)[number];

const DAYS: Record<Period, number | null> = { week: 7, month: 30, all: null };

export function periodStart(period: Period, now: Date): Date | undefined {
  const days = DAYS[period];
  return days === null ? undefined : new Date(now.getTime() - days * 86_400_000);
}
