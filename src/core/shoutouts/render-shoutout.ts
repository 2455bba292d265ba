// Fills a shout-out template with the top helpers and the most improved members of a period.
// Templates are plain text with {{period}}, {{helpers}} and {{improved}}; the community edits its
// own (per language), the catalogues hold the defaults.
import type { Vars } from '../errors.ts';
import type { OutgoingMessage } from '../outgoing.ts';
import type { Language } from '../ports.ts';
import { describeReasons } from '../recognition/describe-reasons.ts';
import type { ShoutoutData } from '../recognition/recognition-engine.ts';

export const PLACEHOLDERS = ['{{period}}', '{{helpers}}', '{{improved}}'] as const;

export interface RenderInput {
  data: ShoutoutData;
  /** Whether the data is of the period that just ended or of the current one. */
  which: 'previous' | 'current';
  template: string;
  language: Language;
  t(key: string, vars?: Vars): string;
}

export function renderShoutout(input: RenderInput): OutgoingMessage {
  const { data, t, language } = input;
  const periodKey = `recognition.shoutout.period${data.period === 'week' ? 'Week' : 'Month'}${input.which === 'current' ? 'Current' : ''}`;
  // The reasons name the same period as the header: "last week" on a Monday, not "this week".
  const reasonPeriod = input.which === 'current' ? data.period : data.period === 'week' ? 'lastWeek' : 'lastMonth';
  const helpers = data.topHelpers.length === 0
    ? t('recognition.shoutout.nobody')
    : data.topHelpers.map((e) => t('recognition.shoutout.helperLine', { position: e.rank, name: e.displayName, reasons: describeReasons(e.figures, reasonPeriod, language) })).join('\n');
  const improved = data.mostImproved.length === 0 ? t('recognition.shoutout.noneImproved') : data.mostImproved.map((e) => e.displayName).join(', ');
  const values: Record<string, string> = { period: t(periodKey), helpers, improved };
  const text = input.template.replace(/\{\{\s*(period|helpers|improved)\s*\}\}/g, (_m, name: string) => values[name] ?? '');
  return { text };
}

/** The placeholders a template uses that Rapport does not know ("{{helper}}", "{{ foo }}"), as written. */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  const unknown = new Set<string>();
  for (const match of template.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) if (!known.has(`{{${match[1]}}}`)) unknown.add(match[0]);
  return [...unknown];
}

/** The first required placeholder a template lacks ({{helpers}} is the point of a shout-out). */
export function missingPlaceholder(template: string): string | null {
  return /\{\{\s*helpers\s*\}\}/.test(template) ? null : '{{helpers}}';
}
