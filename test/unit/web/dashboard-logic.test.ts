// Proves the dashboard's pure pieces: periods and local days across a DST change, the funnel
// rebuilt backwards from today's counts, feedback grouped by shared keyword, leaderboards from
// recognition, cookies and escaping.
import { describe, expect, it } from 'vitest';
import { groupFeedbackThemes } from '../../../src/core/dashboard/feedback-themes.ts';
import { funnelSeries } from '../../../src/core/dashboard/funnel-series.ts';
import { dayKey, daysOf, resolvePeriod, weekKey, weeksOf } from '../../../src/core/dashboard/periods.ts';
import type { DashboardData } from '../../../src/core/dashboard/ports.ts';
import { withRecognitionLeaderboards } from '../../../src/core/dashboard/recognition-leaderboards.ts';
import type { IncomingMessage } from 'node:http';
import { escapeHtml, readCookie, serializeCookie } from '../../../src/web/http.ts';

describe('periods', () => {
  it('GIVEN no or an unknown period THEN the last 30 days are used; GIVEN 7d THEN seven whole local days up to now', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(resolvePeriod(undefined, now, 'UTC').key).toBe('30d');
    expect(resolvePeriod('1y', now, 'UTC').key).toBe('30d');
    const week = resolvePeriod('7d', now, 'Europe/Sofia');
    expect(week.from.toISOString()).toBe('2026-11-16T22:00:00.000Z');
    expect(week.to).toEqual(now);
    expect(daysOf(week)).toEqual(['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
  });

  it('GIVEN a period across the end of summer time THEN every local day appears once', () => {
    const period = resolvePeriod('7d', new Date('2026-10-27T12:00:00Z'), 'Europe/Sofia');
    expect(daysOf(period)).toEqual(['2026-10-21', '2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27']);
    expect(dayKey(new Date('2026-10-24T21:30:00Z'), 'Europe/Sofia')).toBe('2026-10-25');
  });

  it('GIVEN instants THEN weeks start on the local Monday', () => {
    expect(weekKey(new Date('2026-11-22T22:30:00Z'), 'Europe/Sofia')).toBe('2026-11-23');
    expect(weekKey(new Date('2026-11-22T22:30:00Z'), 'UTC')).toBe('2026-11-16');
    expect(weeksOf(resolvePeriod('30d', new Date('2026-11-23T10:00:00Z'), 'UTC'))).toEqual(['2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
  });
});

describe('funnel series', () => {
  it('GIVEN today’s counts and the changes THEN earlier days undo the later changes', () => {
    const days = ['d1', 'd2', 'd3'];
    const series = funnelSeries(days, { newcomer: 1, like: 1, love: 0, advocate: 1 }, [
      { day: 'd3', from: 'love', to: 'advocate' },
      { day: 'd2', from: 'like', to: 'love' },
      { day: 'd2', from: 'newcomer', to: 'like' },
    ]);
    expect(series.advocate).toEqual([0, 0, 1]);
    expect(series.love).toEqual([0, 1, 0]);
    expect(series.like).toEqual([1, 1, 1]);
    expect(series.newcomer).toEqual([2, 1, 1]);
  });
});

describe('feedback themes', () => {
  const item = (kind: string, text: string, keywords: string[]) => ({ kind, text, keywords, link: 'l', displayName: 'n', at: new Date(0) });

  it('GIVEN items THEN the most shared phrase makes the first theme with its representative quote first, and loners end in "other"', () => {
    const themes = groupFeedbackThemes([
      item('feature_request', 'Please add CSV export', []),
      item('complaint', 'The login page is slow', []),
      item('complaint', 'Login page slow again today', []),
      item('praise', 'The new login page is great', []),
      item('praise', 'Nice design', []),
    ]);
    expect(themes.map((t) => [t.theme, t.count])).toEqual([['login page', 3], ['', 2]]);
    expect(themes[0]!.kinds).toEqual({ feature_request: 0, complaint: 2, praise: 1 });
    expect(themes[0]!.quote?.text).toBe('The login page is slow');
    expect(themes[0]!.examples[0]).toEqual(themes[0]!.quote);
    expect(themes[1]!.quote).toBeNull();
  });

  it('GIVEN nothing THEN there are no themes', () => {
    expect(groupFeedbackThemes([])).toEqual([]);
  });
});

describe('http helpers', () => {
  it('GIVEN a session cookie THEN it is HttpOnly, SameSite=Lax, scoped to its path, Secure on https', () => {
    expect(serializeCookie('s', 'v', { path: '/dashboard/x', maxAgeSeconds: 60, secure: true })).toBe('s=v; Max-Age=60; Path=/dashboard/x; HttpOnly; Secure; SameSite=Lax');
    expect(serializeCookie('s', '', { path: '/', maxAgeSeconds: 0, secure: false })).toBe('s=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');
  });

  it('GIVEN a malformed % in a cookie or a cookie named like a prototype property THEN reading never throws and finds only real cookies', () => {
    const req = (cookie: string) => ({ headers: { cookie } }) as IncomingMessage;
    expect(readCookie(req('rapport_dashboard=%E0%A4%A; other=1'), 'rapport_dashboard')).toBe('%E0%A4%A');
    expect(readCookie(req('a=%20b'), 'a')).toBe(' b');
    expect(readCookie(req('a=1'), 'constructor')).toBeUndefined();
    expect(readCookie(req('a=1'), '__proto__')).toBeUndefined();
    expect(readCookie(req('garbage'), 'garbage')).toBeUndefined();
  });

  it('GIVEN markup in text THEN it is escaped', () => {
    expect(escapeHtml(`<script>"x"&'y'</script>`)).toBe('&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;');
  });
});

describe('leaderboards from recognition', () => {
  const entry = (name: string, score: number, figures: Partial<Record<'messages' | 'replies' | 'answers' | 'thanks' | 'reactions' | 'helpedPeople', number>>) => ({
    rank: 1,
    memberId: `slack:T1:${name}`,
    displayName: name,
    score,
    figures: { engagement: 0, helper: 0, messages: 0, replies: 0, answers: 0, thanks: 0, reactions: 0, helpedPeople: 0, ...figures },
  });

  it('GIVEN the period picker THEN it asks recognition for the matching calendar window and keeps non-zero reasons', async () => {
    const asked: string[] = [];
    const data = withRecognitionLeaderboards(
      {} as DashboardData,
      {
        leaderboard: async (_community, query) => {
          asked.push(`${query.period}:${query.kind}`);
          return query.kind === 'helpers' ? [entry('ben', 2.46, { helpedPeople: 3, thanks: 2 }), entry('zed', 0, {})] : [entry('ann', 4, { messages: 4 })];
        },
      },
      { get: async () => null },
    );
    for (const key of ['7d', '30d', '365d'] as const) {
      const boards = await data.leaderboards('slack:T1', resolvePeriod(key, new Date('2026-11-23T10:00:00Z'), 'UTC'));
      expect(boards.window).toBe({ '7d': 'week', '30d': 'month', '365d': 'all' }[key]);
      expect(boards.helpers).toEqual([{ memberId: 'slack:T1:ben', displayName: 'ben', score: 2.5, reasons: [{ key: 'dashboard.reason.helped', vars: { count: 3 } }, { key: 'dashboard.reason.thanks', vars: { count: 2 } }] }]);
      expect(boards.engagement[0]!.reasons).toEqual([{ key: 'dashboard.reason.messages', vars: { count: 4 } }]);
    }
    expect(asked).toEqual(['week:engagement', 'week:helpers', 'month:engagement', 'month:helpers', 'all:engagement', 'all:helpers']);
  });
});

describe('leaderboard note', () => {
  it('GIVEN each period in the picker THEN the note names the period picked and the calendar period shown, in the community’s time zone, in en and bg', async () => {
    const { createTranslator } = await import('../../../src/i18n/create-translator.ts');
    const { panelJson } = await import('../../../src/web/dashboard-api.ts');
    const translator = await createTranslator();
    const data = { leaderboards: async (_c: string, p: { key: string }) => ({ engagement: [], helpers: [], window: ({ '7d': 'week', '30d': 'month', '90d': 'all', '365d': 'all' } as const)[p.key as '7d'] }) } as unknown as DashboardData;
    // Sunday 22:30 UTC is already Monday 23 November in Sofia: the week starts that day there.
    const now = new Date('2026-11-22T22:30:00Z');
    const note = async (key: string, language: 'en' | 'bg') => ((await panelJson('leaderboards', data, 'slack:T1', resolvePeriod(key, now, 'Europe/Sofia'), translator, language)) as { note: string }).note;
    expect(await note('7d', 'en')).toBe('For “Last 7 days” the leaderboards show this calendar week, since 2026-11-23: the same scores as /leaderboard.');
    expect(await note('30d', 'en')).toBe('For “Last 30 days” the leaderboards show this calendar month, since 2026-11-01: the same scores as /leaderboard.');
    expect(await note('90d', 'en')).toBe('For “Last 90 days” the leaderboards show all-time scores: the same as /leaderboard.');
    expect(await note('7d', 'bg')).toBe('За „Последните 7 дни“ класациите показват текущата календарна седмица, от 23 ноември 2026 г.: същите точки като в /leaderboard.');
  });
});

describe('funnel series with arrivals', () => {
  it('GIVEN a member first seen on a day THEN the days before it do not count them on any stage', () => {
    const days = ['2026-11-20', '2026-11-21', '2026-11-22'];
    // Today: two likes. One became like on the 21st (from newcomer); the other arrived on the 22nd already a like.
    const series = funnelSeries(days, { like: 2 }, [{ day: '2026-11-21', from: 'newcomer', to: 'like' }], [{ day: '2026-11-19', stage: 'newcomer' }, { day: '2026-11-22', stage: 'like' }]);
    expect(series.like).toEqual([0, 1, 2]);
    expect(series.newcomer).toEqual([1, 0, 0]);
  });
});
