// How a pending suggestion looks to moderators (/faq suggestions): the question, the answer, who
// gave it and where it came from, with Approve / Edit / Reject buttons.
import type { OutgoingMessage } from '../outgoing.ts';
import type { SuggestionRecord } from './ports.ts';
import type { ApproveOutcome } from './suggestion-queue.ts';

type T = (key: string, vars?: Record<string, string | number>) => string;

const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function suggestionMessage(t: T, s: SuggestionRecord, names: { asker: string; credited: string }): OutgoingMessage {
  const kind = s.entryKey ? t('learning.card.phrasing', { key: s.entryKey }) : t('learning.card.newEntry');
  const fields = [
    { label: t('learning.card.answer'), value: short(s.answerText, 900) },
    { label: t('learning.card.credited'), value: names.credited },
    { label: t('learning.card.source'), value: t(`learning.signal.${s.signal}`, { asker: names.asker }) + (s.imported ? ` ${t('learning.card.imported')}` : '') },
  ];
  return {
    title: t('learning.card.title', { id: s.id, kind }),
    text: short(s.questionText, 500),
    fields,
    buttons: [
      { actionId: 'learning.approve', value: String(s.id), label: t('learning.card.approve'), style: 'primary' },
      { actionId: 'learning.edit', value: String(s.id), label: t('learning.card.edit') },
      { actionId: 'learning.reject', value: String(s.id), label: t('learning.card.reject'), style: 'danger' },
    ],
  };
}

export function approvedText(t: T, outcome: ApproveOutcome, creditedName: string): string {
  return t(`learning.approved.${outcome.kind}`, { id: outcome.suggestion.id, key: outcome.entry.id, name: creditedName });
}
