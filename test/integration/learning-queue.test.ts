// Proves the learning suggestion queue on real PostgreSQL through the running Rapport: one suggestion per question, a question the knowledge base nearly answers becomes a phrasing suggestion, members who opted out are never mined, an approval is written once (two moderators at once) with its thank-you owed through the outbox, a failed write leaves the suggestion pending, edits of the source update it, a history import flags its suggestions, a member's privacy export lists the suggestions they asked or are credited in, and erasing a member removes theirs.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/core/adapter.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { MessagePosted } from '../../src/core/events.ts';
import { NOTICE_RELAY_AFTER_MS } from '../../src/core/outbox/notices.ts';
import type { OutgoingMessage } from '../../src/core/outgoing.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

const COMMUNITY = 'console:local';
const CHANNEL = 'console:local:general';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(): Promise<{ app: TestApp; dms: Array<{ memberId: string; message: OutgoingMessage }>; dmsDown(down: boolean): void; clock: ReturnType<typeof fixedClock> }> {
  const dms: Array<{ memberId: string; message: OutgoingMessage }> = [];
  let sent = 0;
  let down = false;
  const adapter: ChatAdapter = {
    platform: 'console',
    replier: {
      async post(target) {
        return { messageId: `b${++sent}`, channelId: target.channelId };
      },
      async dm(memberId, message) {
        if (down) throw new Error('connect ECONNREFUSED');
        dms.push({ memberId, message });
        return { messageId: `d${++sent}`, channelId: memberId };
      },
    },
    async start() {},
    async stop() {},
  };
  const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));
  app = await createTestApp({ adapters: [adapter], clock });
  await app.repos.communities.ensure({ id: COMMUNITY, platform: 'console', name: 'console' });
  return { app, dms, dmsDown: (value) => void (down = value), clock };
}

let n = 0;
function post(member: string, text: string, extra: Partial<MessagePosted> = {}): MessagePosted {
  n += 1;
  return { type: 'message.posted', platform: 'console', eventId: `console:l${n}-${Date.now()}`, communityId: COMMUNITY, occurredAt: new Date(Date.now() + n * 1000), channelId: CHANNEL, channelName: 'general', messageId: `lm${n}-${Date.now()}`, author: { memberId: `console:local:${member}`, displayName: member, isBot: false, isModerator: false }, text, mentions: [], mentionsBot: false, ...extra };
}

/** A question, a thread reply and the asker's thanks; returns the question's event. */
async function solved(a: TestApp, asker: string, helper: string, question: string, answer: string): Promise<MessagePosted> {
  const q = post(asker, question);
  await a.rapport.pipeline.handle(q);
  await a.rapport.pipeline.handle(post(helper, answer, { threadId: q.messageId, replyTo: { messageId: q.messageId, memberId: q.author.memberId } }));
  await a.rapport.pipeline.handle(post(asker, `thanks ${helper}!`, { threadId: q.messageId }));
  return q;
}

describe('learning queue on PostgreSQL', () => {
  it('GIVEN a solved thread THEN one pending suggestion is stored, a second thanks adds none, and a middling match becomes a phrasing suggestion', async () => {
    const { app: a } = await start();
    await a.rapport.ports.answering.admin.add(COMMUNITY, { question: 'How do I reset my password?', answer: 'Settings > Security > Reset.', key: 'reset-password' });
    // A strict community: a close match (about 0.7) is below its threshold, so a "middling" one.
    await a.rapport.ports.answering.admin.setThreshold(COMMUNITY, 0.9);
    const q = await solved(a, 'ann', 'bob', 'How can I export my contacts to a file?', 'Contacts > Export > CSV.');
    await a.rapport.pipeline.handle(post('ann', 'thanks again bob', { threadId: q.messageId }));
    const pending = await a.repos.learning.pending(COMMUNITY, 10);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ questionText: 'How can I export my contacts to a file?', answerText: 'Contacts > Export > CSV.', creditedMemberId: 'console:local:bob', askerMemberId: 'console:local:ann', entryKey: null, imported: false, signal: 'thanks' });

    const { candidates, threshold } = await a.rapport.ports.answering.ask(COMMUNITY, 'password reset is not working for my account, how do I reset it?');
    const middling = candidates[0] !== undefined && candidates[0].confidence >= 0.3 && candidates[0].confidence < threshold;
    await solved(a, 'cy', 'dan', 'password reset is not working for my account, how do I reset it?', 'Clear the cache, then use Settings > Security > Reset.');
    const second = (await a.repos.learning.pending(COMMUNITY, 10)).find((s) => s.askerMemberId === 'console:local:cy');
    expect(middling).toBe(true);
    expect(second?.entryKey).toBe('reset-password');
  });

  it('GIVEN the answerer opted out of profiling THEN their thread is never mined', async () => {
    const { app: a } = await start();
    await a.repos.members.ensureMany([{ id: 'console:local:eve', communityId: COMMUNITY, platformId: 'eve', displayName: 'eve', isBot: false, isModerator: false }]);
    await a.rapport.ports.privacy.set('console:local:eve', COMMUNITY, { noProfiling: true });
    await solved(a, 'ann', 'eve', 'Where are the invoices kept?', 'Billing > History.');
    expect(await a.repos.learning.countPending(COMMUNITY)).toBe(0);
  });

  it('GIVEN two moderators approve at once THEN one entry is written, the answerer is credited and thanked once; a failed write leaves it pending', async () => {
    const { app: a, dms } = await start();
    await solved(a, 'ann', 'bob', 'How do I change the app language?', 'Settings > Language.');
    const [s] = await a.repos.learning.pending(COMMUNITY, 10);
    const learning = a.rapport.ports.learning;
    const results = await Promise.allSettled([learning.approve(COMMUNITY, s!.id, 'console:local:mod1'), learning.approve(COMMUNITY, s!.id, 'console:local:mod2')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await a.rapport.ports.answering.admin.list(COMMUNITY)).toHaveLength(1);
    expect((await a.repos.learning.get(s!.id))?.status).toBe('approved');
    expect((await a.repos.learning.get(s!.id))?.resultKey).toBe((await a.rapport.ports.answering.admin.list(COMMUNITY))[0]!.id);
    expect(dms.filter((d) => d.memberId === 'console:local:bob')).toHaveLength(1);
    const rank = await a.rapport.ports.recognition.rank({ id: COMMUNITY, timeZone: 'UTC' }, 'console:local:bob');
    expect(rank?.all.answers).toBeGreaterThanOrEqual(1);

    await solved(a, 'cy', 'dan', 'How do I turn on dark mode?', 'Appearance > Dark.');
    const [t] = await a.repos.learning.pending(COMMUNITY, 10);
    await expect(learning.approve(COMMUNITY, t!.id, 'console:local:mod1', { entry: 'no-such-entry' })).rejects.toMatchObject({ key: 'answers.notFound' });
    expect((await a.repos.learning.get(t!.id))?.status).toBe('pending');
  });

  it('GIVEN the platform is away WHEN a suggestion is approved THEN the thank-you is owed with the approval, and the relay sends it once later', async () => {
    const { app: a, dms, dmsDown, clock } = await start();
    await solved(a, 'eve', 'fay', 'How do I mute a channel?', 'Channel menu > Mute.');
    const [s] = await a.repos.learning.pending(COMMUNITY, 10);
    dmsDown(true);
    await a.rapport.ports.learning.approve(COMMUNITY, s!.id, 'console:local:mod1');
    expect((await a.repos.learning.get(s!.id))?.resultKey).not.toBeNull();
    expect((await a.repos.notices.pending()).map((n) => [n.subject, n.to])).toEqual([[`suggestion:${s!.id}:thanks`, { dm: 'console:local:fay' }]]);
    dmsDown(false);
    clock.advance(NOTICE_RELAY_AFTER_MS);
    expect(await a.rapport.ports.notices.relay()).toBe(1);
    expect(await a.rapport.ports.notices.relay()).toBe(0);
    expect(dms.filter((d) => d.memberId === 'console:local:fay')).toHaveLength(1);
    expect(await a.repos.notices.pending()).toEqual([]);
  });

  it('GIVEN a pending suggestion WHEN its answer is edited THEN the suggestion follows; erasing the answerer removes it', async () => {
    const { app: a } = await start();
    const q = post('ann', 'How do I add a second email address?');
    await a.rapport.pipeline.handle(q);
    const reply = post('bob', 'Account > Emails > Add.', { threadId: q.messageId });
    await a.rapport.pipeline.handle(reply);
    await a.rapport.pipeline.handle(post('ann', 'thank you bob', { threadId: q.messageId }));
    await a.rapport.pipeline.handle({ type: 'message.edited', platform: 'console', eventId: `console:edit-${Date.now()}`, communityId: COMMUNITY, occurredAt: new Date(), channelId: CHANNEL, messageId: reply.messageId, author: reply.author, text: 'Account > Emails > Add, then confirm the link we send.' });
    const [s] = await a.repos.learning.pending(COMMUNITY, 10);
    expect(s?.answerText).toBe('Account > Emails > Add, then confirm the link we send.');
    await a.rapport.ports.privacy.erase(COMMUNITY, 'console:local:bob');
    expect(await a.repos.learning.countPending(COMMUNITY)).toBe(0);
  });

  it('GIVEN a member in suggestions as asker and as the credited answerer THEN their export lists both, and erasing them removes both while others keep theirs', async () => {
    const { app: a } = await start();
    await solved(a, 'ann', 'bob', 'How do I change the language of the app?', 'Settings > Language.');
    await solved(a, 'bob', 'cy', 'Where do I see my invoices?', 'Billing > History.');
    await solved(a, 'dan', 'cy', 'How do I leave a group?', 'Group > Leave.');
    const exported = await a.rapport.ports.privacy.exportMember('console:local:bob');
    const rows = (exported.LearningSuggestion ?? []) as Array<{ askerMemberId: string; creditedMemberId: string; answerText: string }>;
    expect(rows.map((r) => [r.askerMemberId, r.creditedMemberId, r.answerText]).sort()).toEqual([
      ['console:local:ann', 'console:local:bob', 'Settings > Language.'],
      ['console:local:bob', 'console:local:cy', 'Billing > History.'],
    ]);
    await a.rapport.ports.privacy.erase(COMMUNITY, 'console:local:bob');
    const left = await a.db.prisma.learningSuggestion.findMany();
    expect(left.map((s) => [s.askerMemberId, s.creditedMemberId])).toEqual([['console:local:dan', 'console:local:cy']]);
    expect((await a.rapport.ports.privacy.exportMember('console:local:bob')).LearningSuggestion).toBeUndefined();
  });
});

describe('knowledge-gaps digest on PostgreSQL', () => {
  it('GIVEN a community with a digest channel and unanswered questions WHEN the weekly job runs THEN the gaps are posted there, grouped by topic, with the suggestions waiting', async () => {
    const posts: Array<{ channelId: string; message: OutgoingMessage }> = [];
    const adapter: ChatAdapter = {
      platform: 'console',
      replier: {
        async post(target, message) {
          posts.push({ channelId: target.channelId, message });
          return { messageId: `p${posts.length}`, channelId: target.channelId };
        },
        async dm(memberId) {
          return { messageId: 'd', channelId: memberId };
        },
      },
      async start() {},
      async stop() {},
    };
    const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));
  app = await createTestApp({ adapters: [adapter], clock });
    const a = app;
    await a.repos.communities.ensure({ id: COMMUNITY, platform: 'console', name: 'console' });
    await a.repos.ambassadors.setDigestChannel(COMMUNITY, 'console:local:mods');
    await solved(a, 'ann', 'bob', 'How do I archive a project?', 'Project > Settings > Archive.');
    await a.rapport.pipeline.handle(post('cy', 'Why does the invoice export fail?'));
    await a.rapport.pipeline.handle(post('dan', 'Invoice export gives an error, why?'));
    await a.rapport.ports.answering.flush();
    await a.scheduler.enqueue('learning.gaps-digest', {});
    const deadline = Date.now() + 30_000;
    while (!posts.some((p) => p.channelId === 'console:local:mods') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const digest = posts.find((p) => p.channelId === 'console:local:mods')!.message;
    expect(digest.title).toMatch(/^Knowledge gaps: the last 7 days/);
    expect(digest.text).toMatch(/(invoic|export)\w*: 2 \(2 unanswered/);
    expect(digest.text).toContain('Invoice export gives an error, why?');
    expect(digest.text).toContain('Suggestions from solved threads waiting: 1');
  });
});
