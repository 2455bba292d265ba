// The reasons behind a score in words, English and Bulgarian: "helped 14 people this month,
// answered 20 questions, thanked 9 times". Commands (/rank, shout-outs) show this text.
import type { Language } from '../ports.ts';
import type { PeriodFigures } from './member-score-state.ts';

/** 'lastWeek' and 'lastMonth' are the periods that just ended (a Monday shout-out looks back on them). */
export type ReasonPeriod = 'week' | 'month' | 'all' | 'lastWeek' | 'lastMonth';

interface Words {
  period: Record<ReasonPeriod, string>;
  helped: (n: number) => string;
  answered: (n: number) => string;
  thanked: (n: number) => string;
  messages: (n: number) => string;
  reactions: (n: number) => string;
  nothing: string;
}

const WORDS: Record<Language, Words> = {
  en: {
    period: { week: 'this week', month: 'this month', all: 'in total', lastWeek: 'last week', lastMonth: 'last month' },
    helped: (n) => `helped ${n} ${n === 1 ? 'person' : 'people'}`,
    answered: (n) => `answered ${n} ${n === 1 ? 'question' : 'questions'}`,
    thanked: (n) => `thanked ${n} ${n === 1 ? 'time' : 'times'}`,
    messages: (n) => `${n} ${n === 1 ? 'message' : 'messages'}`,
    reactions: (n) => `${n} ${n === 1 ? 'reaction' : 'reactions'} received`,
    nothing: 'no activity yet',
  },
  bg: {
    period: { week: 'тази седмица', month: 'този месец', all: 'общо', lastWeek: 'миналата седмица', lastMonth: 'миналия месец' },
    helped: (n) => `помогна на ${n} ${n === 1 ? 'човек' : 'души'}`,
    answered: (n) => `отговори на ${n} ${n === 1 ? 'въпрос' : 'въпроса'}`,
    thanked: (n) => `получи ${n} ${n === 1 ? 'благодарност' : 'благодарности'}`,
    messages: (n) => `${n} ${n === 1 ? 'съобщение' : 'съобщения'}`,
    reactions: (n) => `${n} ${n === 1 ? 'реакция' : 'реакции'}`,
    nothing: 'все още няма активност',
  },
};

/** One line of reasons for a period, most meaningful first; empty figures say so. */
export function describeReasons(figures: PeriodFigures, period: ReasonPeriod, language: Language): string {
  const w = WORDS[language];
  const parts: string[] = [];
  if (figures.helpedPeople > 0) parts.push(`${w.helped(figures.helpedPeople)} ${w.period[period]}`);
  if (figures.answers > 0) parts.push(w.answered(figures.answers));
  if (figures.thanks > 0) parts.push(w.thanked(figures.thanks));
  if (parts.length === 0 && figures.messages > 0) parts.push(`${w.messages(figures.messages)} ${w.period[period]}`);
  if (figures.reactions > 0) parts.push(w.reactions(figures.reactions));
  return parts.length > 0 ? parts.join(', ') : w.nothing;
}
