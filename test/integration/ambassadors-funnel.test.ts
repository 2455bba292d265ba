// Proves the funnel on scripted conversations through the real pipeline and PostgreSQL, in English
// and Bulgarian: a helper who recommends and defends the brand reaches advocate, a spammer does not,
// and a member who goes quiet keeps their stage until the periodic review demotes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import type { MessagePosted } from '../../src/core/events.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

const COMMUNITY = 'console:local';
const CHANNEL = 'console:local:general';
const DAY = 86_400_000;
const id = (name: string) => `console:local:${name}`;

interface Script {
  brand: string[];
  question(n: number): string;
  answer: string;
  thanks: string;
  recommendation: string;
  complaint: string;
  defence: string;
  chatter: string[];
  praise: string;
  spamWords: string[];
  spamPraise: string;
}

const english: Script = {
  brand: ['Acme', 'acme.io'],
  question: (n) => `How do I export report number ${n} from the dashboard?`,
  answer: 'You can go to Settings > Export and pick CSV, that should work.',
  thanks: 'thanks, that worked!',
  recommendation: 'I recommend Acme to everyone here, you should try the Acme API too.',
  complaint: 'Acme is broken again, the sync keeps crashing on my laptop',
  defence: 'Try restarting the sync service, it was fixed in version 2.3 for me.',
  chatter: ['Good morning everyone, what are you all working on today', 'I finished the migration of our reports yesterday', 'The new release notes look interesting to me'],
  praise: 'Acme is awesome, I love the new dashboard layout',
  spamWords: ['lol', 'hi', 'ok', 'yo', 'nice'],
  spamPraise: 'Acme is great!!! I recommend Acme',
};

const bulgarian: Script = {
  brand: ['Акме', 'acme.bg'],
  question: (n) => `Как да експортирам отчет номер ${n} от таблото?`,
  answer: 'Можеш да отидеш в Настройки > Експорт и да избереш CSV, трябва да стане.',
  thanks: 'благодаря, стана!',
  recommendation: 'Препоръчвам Акме на всички тук, пробвайте и техния API.',
  complaint: 'Акме пак не работи, синхронизацията забива на лаптопа ми',
  defence: 'Пробвай да рестартираш синхронизацията, оправено е във версия 2.3 при мен.',
  chatter: ['Добро утро на всички, по какво работите днес', 'Вчера приключих миграцията на отчетите ни', 'Новите бележки към версията изглеждат интересни'],
  praise: 'Акме е страхотно, обичам новото табло',
  spamWords: ['ха', 'здр', 'ок', 'ей', 'яко'],
  spamPraise: 'Акме е супер!!! Препоръчвам Акме',
};

async function start(language: 'en' | 'bg') {
  const clock = fixedClock(new Date('2026-11-02T08:00:00Z'));
  const app: TestApp = await createTestApp({ adapters: [], clock, language });
  await app.repos.communities.ensure({ id: COMMUNITY, platform: 'console', name: 'console', language });
  let seq = 0;
  const lastMessage = new Map<string, string>();
  const say = async (who: string, text: string, options: { replyTo?: string; mentions?: string[] } = {}) => {
    clock.advance(60_000);
    seq += 1;
    const messageId = `m${seq}`;
    const event: MessagePosted = {
      type: 'message.posted',
      platform: 'console',
      eventId: `console:${messageId}`,
      communityId: COMMUNITY,
      occurredAt: clock.now(),
      channelId: CHANNEL,
      channelName: 'general',
      messageId,
      author: { memberId: id(who), displayName: who, isBot: false, isModerator: false },
      text,
      mentions: (options.mentions ?? []).map(id),
      mentionsBot: false,
      ...(options.replyTo ? { replyTo: { messageId: lastMessage.get(options.replyTo) ?? 'unknown', memberId: id(options.replyTo) } } : {}),
    };
    lastMessage.set(who, messageId);
    await app.rapport.pipeline.handle(event);
  };
  const stage = async (who: string) => (await app.repos.ambassadors.getFunnel(id(who)))?.stage ?? 'newcomer';
  return { app, clock, say, stage };
}

async function runScript(language: 'en' | 'bg', script: Script) {
  const ctx = await start(language);
  const { app: a, clock, say } = ctx;
  await a.rapport.ports.ambassadors.funnel.setBrandNames(COMMUNITY, script.brand);
  const morning = new Date('2026-11-02T08:00:00Z').getTime();
  for (let day = 0; day < 8; day += 1) {
    clock.set(new Date(morning + day * DAY));
    const asker = `asker${day}`;
    await say(asker, script.question(day));
    await say('helen', script.answer, { replyTo: asker });
    await say(asker, script.thanks, { replyTo: 'helen', mentions: ['helen'] });
    if (day === 2) await say('helen', script.recommendation);
    if (day === 4) {
      await say('carl', script.complaint);
      await say('helen', script.defence, { replyTo: 'carl' });
    }
    if (day < 6) {
      for (const line of script.chatter) await say('quinn', line);
      await say('quinn', script.praise);
    }
    // The spammer: 40 messages a day, one-word noise and brand praise, helping nobody.
    for (let i = 0; i < 40; i += 1) await say('sam', i % 4 === 0 ? script.spamPraise : script.spamWords[i % script.spamWords.length]!);
  }
  return ctx;
}

describe.each([
  ['English', 'en', english],
  ['Bulgarian', 'bg', bulgarian],
] as const)('funnel in %s', (_name, language, script) => {
  // One scripted week per language; the second test continues where the first left off.
  let ctx: Awaited<ReturnType<typeof runScript>>;
  beforeAll(async () => {
    ctx = await runScript(language, script);
  });
  afterAll(async () => {
    await ctx?.app.close();
  });

  it('GIVEN a week of conversation THEN the helper who recommends and defends the brand is an advocate and the spammer is not', async () => {
    const { stage, app: a } = ctx;
    expect(await stage('helen')).toBe('advocate');
    expect(await stage('sam')).not.toBe('advocate');
    expect(await stage('quinn')).toBe('love');

    const history = await a.repos.ambassadors.history(id('helen'));
    expect(history.at(-1)?.toStage).toBe('advocate');
    expect(history.every((c) => c.cause === 'promotion')).toBe(true);
    expect(history.at(-1)!.reasons.map((r) => r.key)).toEqual(expect.arrayContaining(['ambassadors.reason.helped', 'ambassadors.reason.thanked', 'ambassadors.reason.recommended']));
    const now = (await a.rapport.ports.ambassadors.funnel.explain(COMMUNITY, id('helen'))).reasons.map((r) => r.key);
    expect(now).toEqual(expect.arrayContaining(['ambassadors.reason.defended', 'ambassadors.reason.recommended']));
    const mentions = await a.db.prisma.brandMention.findMany({ where: { memberId: id('helen') } });
    expect(mentions.map((m) => m.kind).sort()).toEqual(expect.arrayContaining(['defence', 'recommendation']));
    const carl = await a.db.prisma.brandMention.findMany({ where: { memberId: id('carl') } });
    expect(carl.map((m) => m.kind)).toEqual(['complaint']);
  });

  it('GIVEN a member who goes quiet THEN they keep their stage until the review, which demotes one stage at a time', async () => {
    const { stage, app: a, clock, say } = ctx;
    expect(await a.scheduler.repeating()).toContain('ambassadors-review');
    // Two months of silence from quinn and helen; others still talk and even mention them.
    clock.set(new Date(new Date('2026-11-02T08:00:00Z').getTime() + 66 * DAY));
    await say('asker1', script.chatter[0]!, { mentions: ['quinn', 'helen'] });
    expect(await stage('quinn')).toBe('love');
    expect(await stage('helen')).toBe('advocate');

    await a.scheduler.enqueue('ambassadors.review', {});
    const deadline = Date.now() + 20_000;
    while ((await stage('quinn')) === 'love' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await stage('quinn')).toBe('like');
    expect(await stage('helen')).toBe('love');
    const last = (await a.repos.ambassadors.history(id('quinn'))).at(-1)!;
    expect(last).toMatchObject({ fromStage: 'love', toStage: 'like', cause: 'review' });

    // A review a week later leaves them alone (14 days' grace after a change, so nobody flickers);
    // one after the grace period moves them down again, never two stages at once.
    clock.advance(7 * DAY);
    await a.rapport.ports.ambassadors.funnel.review(COMMUNITY);
    expect(await stage('quinn')).toBe('like');
    clock.advance(8 * DAY);
    await a.rapport.ports.ambassadors.funnel.review(COMMUNITY);
    expect(await stage('quinn')).toBe('newcomer');
    expect(await stage('helen')).toBe('like');
  });
});
