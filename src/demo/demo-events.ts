// The sample community `rapport demo` opens: six weeks of English and Bulgarian activity, made
// from a seed so every run makes the same events (same ids, so a second run stores nothing new),
// dated back from `now`. Questions get answers in their thread and thanks that mention the helper,
// so scores, the funnel and the helper leaderboard derive from events as with real history.
import type { KbEntry } from '../core/answers/knowledge-base/kb-entry.ts';
import { seededRandom } from '../core/answers/knowledge-base/synthetic-kb.ts';
import type { Actor, ChatEvent, MessagePosted } from '../core/events.ts';
import { communityId, scopedId } from '../core/ids.ts';

export const DEMO_COMMUNITY = 'demo';
const DAY = 86_400_000;

const PEOPLE = ['maria', 'georgi', 'alex', 'sam', 'ivana', 'petar', 'lee', 'nina', 'dimitar', 'jo'];
/** Who answers most (the future ambassadors), in order. */
const HELPERS = ['maria', 'georgi', 'alex', 'ivana'];

const QA: ReadonlyArray<{ q: string; a: string; bg: boolean }> = [
  { q: 'How do I reset my password?', a: 'Use "Forgot password" on the sign-in page, the link lasts an hour.', bg: false },
  { q: 'Can I export my invoices as CSV?', a: 'Yes: Billing, then Invoices, then Export, and pick CSV.', bg: false },
  { q: 'Why does the mobile app log me out every day?', a: 'Turn off battery optimisation for the app, it kills the session.', bg: false },
  { q: 'How do I invite my team?', a: 'Settings, Members, Invite; paste their emails separated by commas.', bg: false },
  { q: 'Is there a dark mode?', a: 'Yes, under Profile, Appearance.', bg: false },
  { q: 'Как да сменя езика на интерфейса?', a: 'От Профил, Език, изберете български.', bg: true },
  { q: 'Къде виждам фактурите си?', a: 'В Плащания, Фактури; там може и да ги изтеглите.', bg: true },
  { q: 'Как да добавя колега към екипа?', a: 'Настройки, Членове, Покани и въведете имейла му.', bg: true },
];
const THANKS_EN = ['thanks @{name}, that worked!', 'thank you @{name}', 'ty @{name}, solved'];
const THANKS_BG = ['благодаря @{name}, стана!', 'мерси @{name}', 'благодаря много, @{name}'];
// Feedback that comes back in other words, as real feedback does, so a week's digest has themes
// (dark mode / тъмна тема are joined by the demo's synonym group, DEMO_SYNONYMS).
const FEEDBACK = [
  'It would be great to have a dark mode in the mobile app.',
  'The search is really slow since the last update, very frustrating.',
  'Feature request: please add a calendar export.',
  'Би било чудесно да има тъмна тема и в мобилното приложение.',
  'Please add a dark mode, the white screen hurts at night.',
  'Search is slow again today, it takes ten seconds.',
  'Love the new dashboard, great work team!',
  'A calendar export to Google Calendar would be great.',
  'Търсенето е много бавно след последната версия.',
];

/** Synonym groups the demo community starts with (/faq synonyms list): they join themes across languages. */
export const DEMO_SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['dark mode', 'тъмна тема'],
  ['search', 'търсене'],
  ['slow', 'бавно'],
];

/** The demo's small knowledge base: the questions its members keep asking. */
export function demoKnowledgeBase(): KbEntry[] {
  return QA.map((qa, i) => ({ id: `demo-${i + 1}`, question: qa.q, answer: qa.a, phrasings: [], tags: [], language: qa.bg ? 'bg' : 'en' }));
}

export function demoEvents(now: Date, seed = 19): ChatEvent[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const community = communityId('console', DEMO_COMMUNITY);
  const id = (local: string) => scopedId('console', DEMO_COMMUNITY, local);
  const actor = (name: string): Actor => ({ memberId: id(name), displayName: name, isBot: false, isModerator: false });
  const events: ChatEvent[] = [];
  let n = 0;
  const post = (at: number, who: string, channel: string, text: string, extra: Partial<MessagePosted> = {}): string => {
    n += 1;
    const messageId = id(`demo-m${n}`);
    const mentions = [...text.matchAll(/@([a-z]+)/g)].map((m) => id(m[1]!));
    events.push({ type: 'message.posted', platform: 'console', eventId: `console:demo:m${n}`, communityId: community, communityName: DEMO_COMMUNITY, occurredAt: new Date(at), channelId: id(channel), channelName: channel, messageId, author: actor(who), text, mentions, mentionsBot: false, ...extra });
    return messageId;
  };
  const start = now.getTime() - 42 * DAY;
  for (let day = 0; day < 42; day += 1) {
    const base = start + day * DAY + 9 * 3_600_000;
    const exchanges = 2 + Math.floor(random() * 3);
    for (let i = 0; i < exchanges; i += 1) {
      const at = base + i * 1_800_000 + Math.floor(random() * 600_000);
      const qa = pick(QA);
      const asker = pick(PEOPLE.filter((p) => !HELPERS.slice(0, 2).includes(p)));
      // Helpers answer with weights: the first ones most, so the funnel has several stages.
      const helper = HELPERS[Math.min(HELPERS.length - 1, Math.floor(random() * random() * HELPERS.length))]!;
      if (helper === asker) continue;
      const channel = qa.bg ? 'помощ' : 'help';
      const question = post(at, asker, channel, qa.q);
      post(at + 120_000, helper, channel, qa.a, { threadId: question, replyTo: { messageId: question, memberId: id(asker) } });
      post(at + 300_000, asker, channel, pick(qa.bg ? THANKS_BG : THANKS_EN).replace('{name}', helper), { threadId: question, replyTo: { messageId: question } });
    }
    if (day % 3 === 0) post(base + 5 * 3_600_000, pick(PEOPLE), 'general', pick(['morning all!', 'добро утро!', 'anyone at the meetup on Friday?', 'нова версия излезе днес']));
    if (day % 7 !== 6) post(base + 6 * 3_600_000, pick(PEOPLE), 'feedback', FEEDBACK[day % FEEDBACK.length]!);
  }
  return events;
}
