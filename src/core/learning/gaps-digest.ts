// The weekly knowledge-gaps message moderators get in their digest channel (and /faq gaps): the
// topics the knowledge base is missing, largest first, with example questions and how to act.
import type { OutgoingMessage } from '../outgoing.ts';
import type { GapsReport } from './knowledge-gaps.ts';

type T = (key: string, vars?: Record<string, string | number>) => string;

const MAX_GROUPS = 8;
const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/\s+/g, ' ');

export function gapsMessage(t: T, report: GapsReport, pendingSuggestions: number): OutgoingMessage {
  const title = t('learning.gaps.title', { days: Math.round((report.until.getTime() - report.since.getTime()) / 86_400_000) });
  const lines: string[] = [];
  if (report.total === 0) lines.push(t('learning.gaps.empty'));
  else lines.push(t('learning.gaps.summary', { count: report.total, groups: report.groups.length }));
  for (const group of report.groups.slice(0, MAX_GROUPS)) {
    const label = group.topic ?? t('learning.gaps.other');
    lines.push('', t('learning.gaps.group', { topic: label, count: group.count, unanswered: group.unanswered, unhelpful: group.unhelpful }));
    for (const q of group.examples) lines.push(t('learning.gaps.example', { id: q.id, question: short(q.question, 140) }));
  }
  if (report.groups.length > MAX_GROUPS) lines.push('', t('learning.gaps.more', { count: report.groups.length - MAX_GROUPS }));
  if (report.total > 0) lines.push('', t('learning.gaps.howTo'));
  if (pendingSuggestions > 0) lines.push(t('learning.gaps.suggestions', { count: pendingSuggestions }));
  return { title, text: lines.join('\n') };
}
