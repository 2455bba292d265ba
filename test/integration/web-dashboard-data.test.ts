// Proves the dashboard's panel queries on real PostgreSQL: days counted in the community's time
// zone, questions and knowledge-base gaps, leaderboards with reasons, funnel over time and this
// week's moves, offer answers, feedback themes, and members who opted out of profiling (and bots)
// left out of every panel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePeriod } from '../../src/core/dashboard/periods.ts';
import type { DashboardData } from '../../src/core/dashboard/ports.ts';
import { createDashboardQueries } from '../../src/db/dashboard-queries.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { NOW, seedCommunity } from '../unit/web/support/dashboard-app.ts';

const C = 'slack:T1';
const DAY = 86_400_000;

describe('dashboard data', () => {
  let app: TestApp;
  let data: DashboardData;
  let ids: Record<string, string>;
  const period = resolvePeriod('30d', NOW, 'Europe/Sofia');

  beforeAll(async () => {
    app = await createTestApp({ adapters: [] });
    data = createDashboardQueries(app.db.prisma);
    ids = await seedCommunity(app, C, [{ name: 'ann' }, { name: 'ben' }, { name: 'cat' }, { name: 'olly' }, { name: 'bot', bot: true }], {
      0: [['ann', 'message'], ['ben', 'reply', 'ann'], ['olly', 'message'], ['olly', 'reply', 'ann'], ['bot', 'message'], ['ann', 'reaction', 'ben'], ['olly', 'reaction', 'ben']],
      1: [['cat', 'reply', 'ben'], ['cat', 'reply', 'ann']],
      45: [['ann', 'message']],
    });
    const prisma = app.db.prisma;
    await prisma.privacyPreference.create({ data: { memberId: ids.olly!, communityId: C, noProfiling: true } });
    // 00:30 in Sofia on the 23rd is still the 22nd in UTC: it counts for the 23rd.
    await app.repos.activity.record({ platformEventId: 'midnight', communityId: C, memberId: ids.cat!, channelId: `${C}:C1`, kind: 'message', occurredAt: new Date('2026-11-22T22:30:00Z') });

    const stages: Record<string, string> = { ann: 'advocate', ben: 'love', cat: 'like', olly: 'advocate' };
    for (const [name, stage] of Object.entries(stages)) {
      await prisma.memberFunnel.create({ data: { memberId: ids[name]!, communityId: C, stage, stageSince: NOW } });
    }
    const change = (name: string, fromStage: string, toStage: string, daysAgo: number) =>
      prisma.funnelChange.create({
        data: { communityId: C, memberId: ids[name]!, fromStage, toStage, cause: 'promotion', at: new Date(NOW.getTime() - daysAgo * DAY), reasons: [{ key: 'dashboard.reason.helped', vars: { count: 4 } }] },
      });
    await change('ann', 'love', 'advocate', 1);
    await change('ben', 'like', 'love', 3);
    await change('cat', 'newcomer', 'like', 20);
    await change('olly', 'love', 'advocate', 2);

    await prisma.offer.create({ data: { id: 'o1', communityId: C, title: 'Beta access', content: 'code', eligibleStage: 'love', places: 5, expiresAt: new Date(NOW.getTime() + 10 * DAY), createdAt: new Date(NOW.getTime() - 5 * DAY) } });
    await prisma.offer.create({ data: { id: 'old', communityId: C, title: 'Old swag', content: 'x', eligibleStage: 'like', places: 5, expiresAt: new Date(NOW.getTime() - 60 * DAY), createdAt: new Date(NOW.getTime() - 90 * DAY) } });
    const recipient = (memberId: string, state: string) => prisma.offerRecipient.create({ data: { offerId: 'o1', memberId, communityId: C, state, reasons: [], proposedAt: NOW } });
    await recipient(ids.ann!, 'accepted');
    await recipient(ids.ben!, 'declined');
    await recipient(ids.cat!, 'sent');

    const feedback = (name: string, n: number, kind: string, text: string, keywords: string[], daysAgo = 1) =>
      prisma.feedbackItem.create({ data: { communityId: C, memberId: ids[name]!, kind, channelId: `${C}:C1`, messageId: `m${n}`, text, keywords, link: `https://example.slack.com/archives/C1/p${n}`, occurredAt: new Date(NOW.getTime() - daysAgo * DAY) } });
    await feedback('ann', 1, 'feature_request', 'Please add CSV export', ['csv', 'export']);
    await feedback('ben', 2, 'feature_request', 'Export to CSV would be great', ['csv', 'export']);
    await feedback('cat', 3, 'complaint', 'The export is slow', ['export', 'slow']);
    await feedback('ann', 4, 'praise', 'Love the new dark mode', ['dark', 'mode']);
    await feedback('olly', 5, 'complaint', 'Export broke again', ['export', 'broke']);
    await feedback('ben', 6, 'complaint', 'Export from last year', ['export'], 100);
  });
  afterAll(async () => {
    await app.close();
  });

  it('GIVEN activity THEN the overview counts per local day, without bots or opted-out members', async () => {
    const overview = await data.overview(C, period);
    expect(overview.days).toHaveLength(30);
    expect(overview.days.at(-1)).toBe('2026-11-23');
    // Today: ann's message, ben's reply and cat's message at 00:30 local; not olly, not the bot.
    expect(overview.messagesPerDay.at(-1)).toBe(3);
    expect(overview.activeMembersPerDay.at(-1)).toBe(3);
    expect(overview.messagesPerDay.at(-2)).toBe(2);
    expect(overview.totals.messages).toBe(5);
    expect(overview.totals.activeMembers).toBe(3);
    expect(overview.weeks.at(-1)).toBe('2026-11-23');
    expect(overview.activeMembersPerWeek.at(-1)).toBe(3);
    expect(overview.questions).toBeNull();
  });

  it('GIVEN members first active in the period THEN they are the new members, and every new member is an active one', async () => {
    // ben and cat were first seen in the period; ann 45 days ago; olly opted out. The Member rows were
    // all made at once (as an import does), so when the row was made says nothing about who is new.
    const { totals } = await data.overview(C, period);
    expect(totals.newMembers).toBe(2);
    expect(totals.newMembers).toBeLessThanOrEqual(totals.activeMembers);
    const week = await data.overview(C, resolvePeriod('7d', NOW, 'Europe/Sofia'));
    expect(week.totals).toMatchObject({ activeMembers: 3, newMembers: 2 });
  });

  it('GIVEN activity THEN the leaderboards rank members with their reasons, without the opted-out member', async () => {
    const boards = await data.leaderboards(C, period);
    expect(boards.engagement.map((r) => r.displayName)).toEqual(['cat', 'ann', 'ben']);
    const ben = boards.helpers.find((r) => r.displayName === 'ben')!;
    expect(ben.reasons).toEqual([
      { key: 'dashboard.reason.helped', vars: { count: 1 } },
      { key: 'dashboard.reason.replies', vars: { count: 1 } },
      { key: 'dashboard.reason.reactions', vars: { count: 1 } },
    ]);
    expect(boards.helpers[0]!.displayName).toBe('cat');
    expect(boards.helpers[0]!.reasons[0]).toEqual({ key: 'dashboard.reason.helped', vars: { count: 2 } });
    for (const list of [boards.engagement, boards.helpers]) expect(list.map((r) => r.displayName)).not.toContain('olly');
  });

  it('GIVEN stage changes THEN the funnel rebuilds each day’s counts and lists this week’s moves', async () => {
    const funnel = await data.funnel(C, period);
    expect(funnel.available).toBe(true);
    const at = (stage: 'newcomer' | 'like' | 'love' | 'advocate', daysAgo: number) => funnel.series[stage].at(-1 - daysAgo);
    // Today (olly left out): ann advocate, ben love, cat like.
    expect([at('advocate', 0), at('love', 0), at('like', 0), at('newcomer', 0)]).toEqual([1, 1, 1, 0]);
    // Two days ago ann was still love; ben was first seen three days ago, and became love that day.
    expect([at('advocate', 2), at('love', 2)]).toEqual([0, 2]);
    expect([at('love', 3), at('like', 3)]).toEqual([2, 1]);
    // Four days ago ben was not there yet: on no stage.
    expect([at('love', 4), at('like', 4)]).toEqual([1, 1]);
    // 20 days ago cat arrived as a newcomer and became like; before that, nobody but ann.
    expect([at('like', 20), at('newcomer', 21), at('love', 21)]).toEqual([1, 0, 1]);
    expect(funnel.movedThisWeek.map((m) => [m.displayName, m.from, m.to])).toEqual([
      ['ann', 'love', 'advocate'],
      ['ben', 'like', 'love'],
    ]);
    expect(funnel.movedThisWeek[0]!.reasons).toEqual([{ key: 'dashboard.reason.helped', vars: { count: 4 } }]);
  });

  it('GIVEN a period longer than the community has existed THEN the funnel starts on the day its first member was seen', async () => {
    const funnel = await data.funnel(C, resolvePeriod('90d', NOW, 'Europe/Sofia'));
    // ann's first message was 45 days before NOW (10:00 UTC, the same local day in Sofia).
    expect(funnel.days[0]).toBe('2026-10-09');
    expect(funnel.days.at(-1)).toBe('2026-11-23');
    expect(funnel.series.love[0]).toBe(1);
    expect(funnel.days).toHaveLength(funnel.series.newcomer.length);
  });

  it('GIVEN offers THEN each open one in the period shows proposed, sent, accepted and declined', async () => {
    const offers = await data.offers(C, period);
    expect(offers.available).toBe(true);
    expect(offers.offers.map((o) => [o.title, o.proposed, o.sent, o.accepted, o.declined])).toEqual([['Beta access', 3, 3, 1, 1]]);
  });

  it('GIVEN feedback THEN it is grouped by shared phrase with a representative quote, without the opted-out member', async () => {
    const feedback = await data.feedback(C, period);
    expect(feedback.available).toBe(true);
    const csv = feedback.themes[0]!;
    expect(csv.theme).toBe('csv export');
    expect(csv.count).toBe(2);
    expect(csv.kinds).toEqual({ feature_request: 2, complaint: 0, praise: 0 });
    expect(['Please add CSV export', 'Export to CSV would be great']).toContain(csv.quote?.text);
    expect(csv.examples.map((e) => e.displayName)).not.toContain('olly');
    expect(feedback.themes.at(-1)).toMatchObject({ theme: '', count: 2, quote: null });
  });

  it('GIVEN the community’s synonyms THEN the same theme in English and Bulgarian is one theme on the dashboard', async () => {
    await app.db.prisma.feedbackItem.create({ data: { communityId: C, memberId: ids.cat!, kind: 'feature_request', channelId: `${C}:C1`, messageId: 'm-bg', text: 'Моля, добавете експорт в CSV', keywords: [], link: 'https://example.slack.com/archives/C1/pbg', occurredAt: new Date(NOW.getTime() - DAY) } });
    expect((await data.feedback(C, period)).themes.find((t) => t.theme.includes('експорт'))).toBeUndefined();
    await app.repos.synonyms.add(C, ['export', 'експорт']);
    const csv = (await data.feedback(C, period)).themes[0]!;
    expect(csv.theme).toBe('csv export / експорт в csv');
    expect(csv.count).toBe(3);
  });

  it('GIVEN logged questions, replies and votes THEN the overview splits them and the knowledge base lists what to fix', async () => {
    const prisma = app.db.prisma;
    const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY);
    await prisma.knowledgeEntry.create({ data: { communityId: C, key: 'proxy', question: 'How do I set a proxy?', answer: 'HTTPS_PROXY', phrasings: [], tags: [], language: 'en' } });
    await prisma.knowledgeEntry.create({ data: { communityId: C, key: 'reset', question: 'How do I reset my password?', answer: 'Settings', phrasings: [], tags: [], language: 'en' } });
    let n = 0;
    const log = async (asker: string, question: string, answered: boolean, entryKey: string | null, daysAgo: number) => {
      n += 1;
      return prisma.answerLog.create({
        data: { communityId: C, channelId: `${C}:C1`, messageId: `q${n}`, askerMemberId: ids[asker]!, question, normalized: question.toLowerCase().replace(/[?!.]/g, ''), entryKey, confidence: answered ? 0.9 : 0.2, answered, createdAt: at(daysAgo) },
      });
    };
    const proxy = await log('ann', 'How do I set a proxy?', true, 'proxy', 1);
    const reset = await log('ben', 'Reset password?', true, 'reset', 2);
    const byMember = await log('cat', 'Which port does it use?', false, null, 1);
    await prisma.answerReply.create({ data: { answerLogId: byMember.id, authorId: ids.ann!, messageId: 'r1', text: '8080' } });
    await log('ann', 'Is there a dark mode?', false, null, 3);
    await log('ben', 'Is there a dark mode?', false, null, 1);
    await log('cat', 'Does it run on ARM?', false, null, 2);
    await log('olly', 'Secret question from an opted-out member?', false, null, 1);
    await log('ann', 'An old question?', false, null, 60);
    for (const [logId, member, helpful] of [[proxy.id, 'ann', false], [proxy.id, 'ben', false], [proxy.id, 'cat', true], [reset.id, 'ben', false]] as const) {
      await prisma.answerVote.create({ data: { answerLogId: logId, memberId: ids[member]!, helpful, byAsker: member === 'ann' } });
    }

    // A member answered after Rapport too: that still counts as answered by members.
    await prisma.answerReply.create({ data: { answerLogId: reset.id, authorId: ids.cat!, messageId: 'r2', text: 'Settings, then Security' } });
    // The asker's own follow-up is not an answer.
    const own = await log('cat', 'Can I change the colours?', false, null, 1);
    await prisma.answerReply.create({ data: { answerLogId: own.id, authorId: ids.cat!, messageId: 'r3', text: 'anyone?' } });

    const { questions } = await data.overview(C, period);
    expect(questions).toEqual({ asked: 7, answeredByRapport: 2, answeredByMembers: 2, unanswered: 4 });
    const kb = await data.knowledgeBase(C, period);
    expect(kb.available).toBe(true);
    expect(kb.unanswered.map((u) => [u.question, u.count])).toEqual([['Is there a dark mode?', 2], ['Can I change the colours?', 1], ['Which port does it use?', 1], ['Does it run on ARM?', 1]]);
    expect(kb.unhelpful).toEqual([
      { entryId: 'proxy', question: 'How do I set a proxy?', notHelpful: 2, helped: 1 },
      { entryId: 'reset', question: 'How do I reset my password?', notHelpful: 1, helped: 0 },
    ]);
  });

  it('GIVEN a community with nothing from the later features THEN those panels say so', async () => {
    await app.repos.communities.ensure({ id: 'slack:EMPTY', platform: 'slack', name: 'empty' });
    expect((await data.funnel('slack:EMPTY', period)).available).toBe(false);
    expect((await data.offers('slack:EMPTY', period)).available).toBe(false);
    expect((await data.feedback('slack:EMPTY', period)).available).toBe(false);
    expect((await data.knowledgeBase('slack:EMPTY', period)).available).toBe(false);
    expect((await data.overview('slack:EMPTY', period)).totals).toEqual({ messages: 0, activeMembers: 0, newMembers: 0 });
  });
});
