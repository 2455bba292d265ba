// A complete answering service on in-memory stores, a recording replier and the real catalogues.
import type { KbEntry } from '../../../src/core/answers/index.ts';
import { createAnswering, type Answering } from '../../../src/core/answers/feature/create-answering.ts';
import { createInMemoryAnswerLog, createInMemoryKnowledgeBase } from '../../../src/core/answers/storage/in-memory-stores.ts';
import type { ButtonPressed, MessagePosted } from '../../../src/core/events.ts';
import { noopMetrics } from '../../../src/core/metrics.ts';
import type { OutgoingMessage, PostTarget, Replier } from '../../../src/core/outgoing.ts';
import { createTranslator } from '../../../src/i18n/create-translator.ts';
import { createLogger } from '../../../src/pino-logger.ts';

export const COMMUNITY = 'console:t';
export const GENERAL = 'console:t:general';

export const ENTRIES: KbEntry[] = [
  { id: 'reset-password', question: 'How do I reset my password?', answer: 'Open Settings, choose Account, then Reset password.', phrasings: ['I forgot my password'], tags: ['account'], language: 'en' },
  { id: 'delete-account', question: 'How can I delete my account?', answer: 'Write to support@example.com; we delete everything within 30 days.', phrasings: ['Remove my profile'], tags: ['account'], language: 'en' },
  { id: 'refund', question: 'Can I get a refund for my order?', answer: 'Yes, within 14 days of delivery, from Orders > Return.', phrasings: ['money back for a purchase'], tags: ['orders'], language: 'en' },
  { id: 'shipping-time', question: 'How long does delivery take?', answer: 'Orders ship within 2 working days; delivery takes 3-5 days.', phrasings: ['When will my parcel arrive?'], tags: ['orders'], language: 'en' },
];

export interface Fixture {
  answering: Answering;
  kb: ReturnType<typeof createInMemoryKnowledgeBase>;
  logs: ReturnType<typeof createInMemoryAnswerLog>;
  posts: Array<{ target: PostTarget; message: OutgoingMessage }>;
  unwatched: Set<string>;
  clock: { ms: number };
  ask(text: string, extra?: Partial<MessagePosted>): ReturnType<Answering['onMessage']>;
  press(actionId: string, value: string, memberId: string): ReturnType<Answering['feedback']['onButton']>;
}

let sequence = 0;

export function message(text: string, extra: Partial<MessagePosted> = {}): MessagePosted {
  sequence += 1;
  return {
    type: 'message.posted',
    platform: 'console',
    eventId: `console:e${sequence}`,
    communityId: COMMUNITY,
    occurredAt: new Date(Date.UTC(2026, 10, 23, 10, 0, sequence)),
    channelId: GENERAL,
    messageId: `m${sequence}`,
    author: { memberId: 'console:t:ann', displayName: 'ann', isBot: false, isModerator: false },
    text,
    mentions: [],
    mentionsBot: false,
    ...extra,
  };
}

export function button(actionId: string, value: string, memberId: string): ButtonPressed {
  sequence += 1;
  return { type: 'button.pressed', platform: 'console', eventId: `console:p${sequence}`, communityId: COMMUNITY, occurredAt: new Date(), actor: { memberId, displayName: memberId, isBot: false, isModerator: false }, actionId, value };
}

export async function createFixture(entries: KbEntry[] = ENTRIES): Promise<Fixture> {
  const kb = createInMemoryKnowledgeBase();
  const logs = createInMemoryAnswerLog();
  await kb.importAll(COMMUNITY, entries, { replace: false });
  const posts: Fixture['posts'] = [];
  const replier: Replier = {
    async post(target, message) {
      posts.push({ target, message });
      return { messageId: `b${posts.length}`, channelId: target.channelId };
    },
    async dm() {
      throw new Error('no DMs in these tests');
    },
  };
  const unwatched = new Set<string>();
  const clock = { ms: 0 };
  const answering = createAnswering({
    kb,
    answerLogs: logs,
    channels: { get: async (id) => ({ id, communityId: COMMUNITY, name: id, watched: !unwatched.has(id) }) },
    repliers: { forId: () => replier },
    translator: await createTranslator(),
    logger: createLogger({ level: 'silent', pretty: false }),
    metrics: noopMetrics,
    now: () => clock.ms,
    readFile: async () => {
      throw Object.assign(new Error('no files'), { code: 'ENOENT' });
    },
    checkEveryMs: 1_000,
    watchedTtlMs: 0,
  });
  return {
    answering,
    kb,
    logs,
    posts,
    unwatched,
    clock,
    ask: (text, extra) => answering.onMessage(message(text, extra), 'en'),
    press: (actionId, value, memberId) => answering.feedback.onButton(button(actionId, value, memberId), 'en'),
  };
}
