// How long a hand-off has waited, as /faq handoffs and the dashboard show it: "5 min", "2 h 3 min", "1 d 4 h".
type T = (key: string, vars?: Record<string, string | number>) => string;

export function waited(ms: number, t: T): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return t('routing.handoffs.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('routing.handoffs.hours', { hours, minutes: minutes % 60 });
  return t('routing.handoffs.days', { days: Math.floor(hours / 24), hours: hours % 24 });
}
