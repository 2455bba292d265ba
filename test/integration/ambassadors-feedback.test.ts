// Proves feedback capture through the real pipeline and PostgreSQL: requests, complaints and praise
// in English and Bulgarian are stored once with a link to their message, /feedback digest groups
// them by theme (the community's synonyms joining English and Bulgarian), and the weekly digest job posts to the moderators' channel set by /feedback schedule.
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterHandlers, ChatAdapter } from '../../src/core/adapter.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { MessagePosted } from '../../src/core/events.ts';
import type { OutgoingMessage } from '../../src/core/outgoing.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

const COMMUNITY = 'console:local';
let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('feedback', () => {
  it('GIVEN a week of chat THEN feedback is captured once with links, digested by theme, and the weekly digest reaches the moderators channel', async () => {
    const posts: Array<{ channelId: string; message: OutgoingMessage }> = [];
    let handlers: AdapterHandlers | undefined;
    const adapter: ChatAdapter = {
      platform: 'console',
      replier: {
        async post(target, message) {
          posts.push({ channelId: target.channelId, message });
          return { messageId: `p${posts.length}`, channelId: target.channelId };
        },
        async dm() {
          throw new Error('no DMs here');
        },
      },
      async start(h) {
        handlers = h;
      },
      async stop() {},
    };
    const clock = fixedClock(new Date('2026-11-16T09:00:00Z'));
    app = await createTestApp({ adapters: [adapter], clock });
    await app.repos.communities.ensure({ id: COMMUNITY, platform: 'console', name: 'console' });
    await app.rapport.ports.ambassadors.funnel.setBrandNames(COMMUNITY, ['Acme']);
    const lines: Array<[string, string]> = [
      ['ann', 'Please add a dark mode to Acme'],
      ['ben', 'how do I reset my password?'],
      ['cat', 'It would be great if dark mode followed the system setting'],
      ['dan', 'Acme is so slow since the last update'],
      ['eva', 'Би било хубаво да има тъмна тема'],
      ['fil', 'Моля, добавете тъмна тема и в мобилното приложение'],
      ['gus', 'Acme is awesome, the calendar is beautiful'],
      ['hal', 'good morning all'],
      ['ivo', 'Търсенето е ужасно бавно след последното обновление.'],
    ];
    let n = 0;
    const send = async (who: string, text: string, channel = 'general') => {
      n += 1;
      clock.advance(60_000);
      const event: MessagePosted = {
        type: 'message.posted', platform: 'console', eventId: `console:f${n}`, communityId: COMMUNITY, occurredAt: clock.now(), channelId: `console:local:${channel}`, channelName: channel,
        messageId: `f${n}`, author: { memberId: `console:local:${who}`, displayName: who, isBot: false, isModerator: false }, text, mentions: [], mentionsBot: false,
      };
      await app!.rapport.pipeline.handle(event);
      await app!.rapport.pipeline.handle(event); // a redelivery changes nothing
    };
    for (const [who, text] of lines) await send(who, text);
    await send('mod', 'moderators only here', 'mods');

    const items = await app.db.prisma.feedbackItem.findMany({ orderBy: { id: 'asc' } });
    expect(items.map((i) => [i.memberId.split(':')[2], i.kind, i.link])).toEqual([
      ['ann', 'feature_request', 'console:#general/f1'],
      ['cat', 'feature_request', 'console:#general/f3'],
      ['dan', 'complaint', 'console:#general/f4'],
      ['eva', 'feature_request', 'console:#general/f5'],
      ['fil', 'feature_request', 'console:#general/f6'],
      ['gus', 'praise', 'console:#general/f7'],
      ['ivo', 'complaint', 'console:#general/f9'],
    ]);

    // /feedback digest and /feedback schedule, as a moderator types them (through the dispatcher adapters use).
    let invocations = 0;
    const command = async (text: string) => {
      const replies: OutgoingMessage[] = [];
      invocations += 1;
      await handlers!.onCommand(
        {
          platform: 'console', invocationId: `console:c${invocations}`, communityId: COMMUNITY, channelId: 'console:local:mods', channelName: 'mods',
          actor: { memberId: 'console:local:mod', displayName: 'mod', isBot: false, isModerator: true }, command: 'feedback', text, occurredAt: clock.now(),
        },
        { reply: async (message) => void replies.push(message) },
      );
      return replies;
    };
    const [digest] = await command('digest period:week');
    expect(digest?.title).toBe('Feedback digest: the last 7 days');
    expect(digest?.text).toContain('7 messages of feedback in 2 themes.');
    expect(digest?.text).toContain('"dark mode": 2 (2 feature requests)');
    expect(digest?.text).toContain('"тъмна тема": 2 (2 feature requests)');
    expect(digest?.text).toContain('Other: 3 (2 complaints, 1 praise)');
    expect(digest?.text).toContain('  Quote: "Please add a dark mode to Acme" (ann) console:#general/f1');

    // The community says "dark mode" and "тъмна тема" mean the same (/faq synonyms): one theme.
    await app.repos.synonyms.add(COMMUNITY, ['dark mode', 'тъмна тема']);
    const [joined] = await command('digest period:week');
    expect(joined?.text).toContain('7 messages of feedback in 1 theme.');
    expect(joined?.text).toContain('"dark mode / тъмна тема": 4 (4 feature requests)');

    const [scheduled] = await command('schedule #mods');
    expect(scheduled?.text).toBe('The feedback digest will be posted to #mods every Monday at 09:00 (UTC).');
    expect(await app.scheduler.repeating()).toContain('feedback-digest:console:local');
    await app.scheduler.enqueue('feedback.digest', { communityId: COMMUNITY });
    const deadline = Date.now() + 10_000;
    while (posts.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.channelId).toBe('console:local:mods');
    expect(posts[0]!.message.title).toBe('Feedback digest: the last 7 days');
    expect(posts[0]!.message.text).toContain('"dark mode / тъмна тема": 4');

    expect((await command('unschedule'))[0]?.text).toBe('The weekly feedback digest is stopped.');
    expect(await app.scheduler.repeating()).not.toContain('feedback-digest:console:local');
  });
});
