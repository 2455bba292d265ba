// Proves, in headless Chromium, that a moderator's one-time link opens the dashboard, the overview
// chart is drawn with the seeded community's numbers, the period picker redraws it for another
// period, tables list members with reasons, the funnel, offers, feedback and knowledge-base pages
// show their data, and a Bulgarian moderator gets Bulgarian pages.
// Screenshots are kept in test-artifacts/.
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../support/chromium.ts';
import { startDashboardApp, seedCommunity, type DashboardApp } from '../unit/web/support/dashboard-app.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Data of dataset `index` of the Chart.js chart drawn on canvas `id`. */
function chartData(page: Page, id: string, index = 0): Promise<{ labels: string[]; data: number[]; label: string }> {
  return page.evaluate(
    ([canvasId, i]) => {
      // Runs in the page; typed loosely because this project compiles without the DOM library.
      const page = globalThis as unknown as { Chart: { getChart(c: unknown): { data: { labels: string[]; datasets: Array<{ data: number[]; label: string }> } } | undefined }; document: { getElementById(id: string): unknown } };
      const chart = page.Chart.getChart(page.document.getElementById(canvasId as string));
      if (!chart) throw new Error(`no chart on #${canvasId}`);
      const dataset = chart.data.datasets[i as number]!;
      return { labels: [...chart.data.labels], data: [...dataset.data], label: dataset.label };
    },
    [id, index] as const,
  );
}

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('body[data-state="ready"]', { timeout: 20_000 });
}

describe('dashboard in a browser', () => {
  let d: DashboardApp;
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    d = await startDashboardApp();
    // Today (0) and days before it: messages, replies (to someone) and reactions.
    await seedCommunity(
      d.app,
      'console:local',
      [{ name: 'ann' }, { name: 'ben' }, { name: 'cat' }, { name: 'robo', bot: true }],
      {
        0: [['ann', 'message'], ['ann', 'message'], ['ben', 'reply', 'ann'], ['cat', 'reaction', 'ben'], ['robo', 'message']],
        2: [['ann', 'message'], ['cat', 'reply', 'ann']],
        10: [['ben', 'message'], ['ben', 'reply', 'cat'], ['ben', 'reply', 'ann'], ['ann', 'message']],
        40: [['cat', 'message'], ['cat', 'message'], ['cat', 'message']],
      },
    );
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  it('GIVEN a one-time link THEN the overview chart shows the community’s messages per day, and the period picker redraws it', async () => {
    const link = d.linkIn(await d.command('mia', true, '/dashboard'));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${d.server.url}${link}`);
      expect(new URL(page.url()).pathname).toMatch(/\/dashboard\/[A-Za-z0-9_-]+\/$/);
      expect(page.url()).not.toContain('token=');
      await ready(page);

      // Default period: the last 30 days, today last. Bots do not count.
      const perDay = await chartData(page, 'chart-per-day');
      expect(perDay.label).toBe('Messages');
      expect(perDay.data).toHaveLength(30);
      expect(perDay.labels.at(-1)).toBe('2026-11-23');
      expect(perDay.data.at(-1)).toBe(3);
      expect(perDay.data.at(-3)).toBe(2);
      expect(perDay.data.at(-11)).toBe(4);
      expect(perDay.data.reduce((a, b) => a + b, 0)).toBe(9);
      const active = await chartData(page, 'chart-per-day', 1);
      expect(active.data.at(-1)).toBe(3); // ann, ben, and cat (who reacted)
      expect(await page.textContent('#total-messages')).toBe('9');
      // Questions need the answers feature: the panel says so instead of drawing nothing.
      expect(await page.isVisible('#chart-questions')).toBe(false);
      expect(await page.textContent('#chart-questions >> xpath=ancestor::section//p[contains(@class,"no-data")]')).toContain('No data yet');
      await page.screenshot({ path: `${ARTIFACTS}dashboard-overview-30d.png`, fullPage: true });

      // Switch to 90 days: the message 40 days ago appears, the axis grows.
      await Promise.all([page.waitForURL(/period=90d/), page.selectOption('#period', '90d')]);
      await ready(page);
      const longer = await chartData(page, 'chart-per-day');
      expect(longer.data).toHaveLength(90);
      expect(longer.data.at(-41)).toBe(3);
      expect(longer.data.reduce((a, b) => a + b, 0)).toBe(12);
      expect(await page.inputValue('#period')).toBe('90d');

      // And to 7 days: only today's and two days ago.
      await Promise.all([page.waitForURL(/period=7d/), page.selectOption('#period', '7d')]);
      await ready(page);
      const week = await chartData(page, 'chart-per-day');
      expect(week.data).toEqual([0, 0, 0, 0, 2, 0, 3]);
      await page.screenshot({ path: `${ARTIFACTS}dashboard-overview-7d.png`, fullPage: true });

      // Leaderboards come from recognition (the same scores as /leaderboard), fed by live chat.
      await d.command('ann', false, 'How do I set the proxy for the new release?');
      await d.command('ben', false, 'ann: put HTTPS_PROXY in config.toml and restart the service');
      await d.command('ann', false, 'thanks ben, that worked!');
      // The navigation keeps the period; leaderboards list members with their reasons, sortable.
      await Promise.all([page.waitForURL(/leaderboards\?period=7d/), page.click('nav.tabs >> text=Leaderboards')]);
      await ready(page);
      expect(await page.textContent('p.note')).toBe('For “Last 7 days” the leaderboards show this calendar week, since 2026-11-23: the same scores as /leaderboard.');
      const rows = await page.$$eval('#table-engagement tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      expect(rows.map((r) => r[1]).sort()).toEqual(['ann', 'ben']);
      expect(rows.find((r) => r[1] === 'ann')![3]).toMatch(/^2 messages/);
      const helperRows = await page.$$eval('#table-helpers tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      expect(helperRows[0]![1]).toBe('ben');
      expect(helperRows[0]![3]).toContain('helped 1 person');
      expect(helperRows[0]![3]).toContain('thanked once');
      const helpers = await chartData(page, 'chart-helpers');
      expect(helpers.labels[0]).toBe('ben');
      expect(helpers.data[0]).toBe(Number(helperRows[0]![2]));
      await page.click('#table-engagement th:nth-child(2) button');
      const sorted = await page.$$eval('#table-engagement tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
      expect(sorted).toEqual([...sorted].sort());
      expect(await page.getAttribute('#table-engagement th:nth-child(2)', 'aria-sort')).toBe('ascending');
      await page.screenshot({ path: `${ARTIFACTS}dashboard-leaderboards.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('GIVEN funnel moves, an offer and feedback THEN those pages chart them, and logged questions fill the overview and the knowledge base', async () => {
    const prisma = d.app.db.prisma;
    const id = (name: string) => `console:local:${name}`;
    for (const [name, stage] of [['ann', 'advocate'], ['ben', 'love'], ['cat', 'like']] as const) {
      await prisma.memberFunnel.create({ data: { memberId: id(name), communityId: 'console:local', stage, stageSince: new Date('2026-11-20T10:00:00Z') } });
    }
    await prisma.funnelChange.create({ data: { communityId: 'console:local', memberId: id('ann'), fromStage: 'love', toStage: 'advocate', cause: 'promotion', at: new Date('2026-11-22T09:00:00Z'), reasons: [{ key: 'dashboard.reason.helped', vars: { count: 4 } }] } });
    await prisma.offer.create({ data: { id: 'beta', communityId: 'console:local', title: 'Beta access', content: 'code', eligibleStage: 'love', places: 3, expiresAt: new Date('2026-12-01T00:00:00Z'), createdAt: new Date('2026-11-20T00:00:00Z') } });
    for (const [name, state] of [['ann', 'accepted'], ['ben', 'declined'], ['cat', 'sent']] as const) {
      await prisma.offerRecipient.create({ data: { offerId: 'beta', memberId: id(name), communityId: 'console:local', state, reasons: [], proposedAt: new Date('2026-11-21T00:00:00Z') } });
    }
    let n = 0;
    for (const [name, kind, text, keywords] of [
      ['ann', 'feature_request', 'Please add a dark mode', ['dark', 'mode']],
      ['ben', 'complaint', 'No dark mode is a pain at night', ['dark', 'mode', 'night']],
      ['cat', 'praise', 'The new search is great', ['search']],
    ] as const) {
      n += 1;
      await prisma.feedbackItem.create({ data: { communityId: 'console:local', memberId: id(name), kind, channelId: 'console:local:general', messageId: `fb${n}`, text, keywords: [...keywords], link: `http://chat.invalid/${n}`, occurredAt: new Date('2026-11-22T12:00:00Z') } });
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${d.server.url}${d.linkIn(await d.command('mia', true, '/dashboard'))}`);
      await ready(page);
      const base = new URL(page.url()).pathname;

      await page.goto(`${d.server.url}${base}funnel?period=7d`);
      await ready(page);
      const advocates = await chartData(page, 'chart-funnel', 3);
      expect(advocates.label).toBe('Advocate');
      expect(advocates.data).toEqual([0, 0, 0, 0, 0, 1, 1]);
      expect(await page.textContent('#table-moved tbody tr')).toContain('annLoveAdvocate');
      await page.screenshot({ path: `${ARTIFACTS}dashboard-funnel.png`, fullPage: true });

      await page.goto(`${d.server.url}${base}offers`);
      await ready(page);
      expect((await chartData(page, 'chart-offers', 1)).data).toEqual([1]);
      expect((await chartData(page, 'chart-offers', 2)).data).toEqual([1]);

      await page.goto(`${d.server.url}${base}feedback`);
      await ready(page);
      const requests = await chartData(page, 'chart-feedback');
      expect(requests.labels[0]).toBe('dark mode');
      expect(requests.data[0]).toBe(1);
      // The representative quote has a column of its own, and leads the examples.
      expect(await page.$$eval('#table-feedback tbody tr:first-child td:nth-last-child(2) a', (links) => links.map((a) => a.getAttribute('href')))).toEqual(['http://chat.invalid/2']);
      expect(await page.$$eval('#table-feedback tbody tr:first-child td:last-child a', (links) => links.map((a) => a.getAttribute('href')))).toEqual(['http://chat.invalid/2', 'http://chat.invalid/1']);
      await page.screenshot({ path: `${ARTIFACTS}dashboard-feedback.png`, fullPage: true });

      // Questions logged by the answers feature: the overview splits them, the knowledge base lists gaps.
      await prisma.knowledgeEntry.create({ data: { communityId: 'console:local', key: 'proxy', question: 'How do I set a proxy?', answer: 'HTTPS_PROXY', phrasings: [], tags: [], language: 'en' } });
      const asked = (n: number, asker: string, question: string, answered: boolean) =>
        prisma.answerLog.create({ data: { communityId: 'console:local', channelId: 'console:local:general', messageId: `kb${n}`, askerMemberId: id(asker), question, normalized: question.toLowerCase(), entryKey: answered ? 'proxy' : null, confidence: 0.5, answered, createdAt: new Date('2026-11-22T12:00:00Z') } });
      const answered = await asked(1, 'ann', 'How do I set a proxy?', true);
      await asked(2, 'ben', 'Is there an ARM build?', false);
      await asked(3, 'cat', 'Is there an ARM build?', false);
      await prisma.answerVote.create({ data: { answerLogId: answered.id, memberId: id('ann'), helpful: false, byAsker: true } });
      await page.goto(`${d.server.url}${base}?period=7d`);
      await ready(page);
      expect((await chartData(page, 'chart-questions')).data).toEqual([3, 1, 0, 2]);
      await page.goto(`${d.server.url}${base}knowledge?period=7d`);
      await ready(page);
      expect(await page.$$eval('#table-unanswered tbody td:nth-child(-n+2)', (tds) => tds.map((td) => td.textContent))).toEqual(['Is there an ARM build?', '2']);
      expect(await page.$$eval('#table-unhelpful tbody td', (tds) => tds.map((td) => td.textContent))).toEqual(['How do I set a proxy?', '1', '0']);
      await page.screenshot({ path: `${ARTIFACTS}dashboard-knowledge.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('GIVEN a moderator whose language is Bulgarian THEN the dashboard speaks Bulgarian', async () => {
    await d.command('vera', true, 'здравейте');
    await d.app.repos.members.setLanguage('console:local:vera', 'bg');
    const link = d.linkIn(await d.command('vera', true, '/dashboard'));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${d.server.url}${link}`);
      await ready(page);
      expect(await page.getAttribute('html', 'lang')).toBe('bg');
      expect(await page.textContent('nav.tabs a[aria-current="page"]')).toBe('Общ преглед');
      expect((await chartData(page, 'chart-per-day')).label).toBe('Съобщения');
      await page.screenshot({ path: `${ARTIFACTS}dashboard-overview-bg.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('GIVEN no session THEN the browser gets the "no access" page and no data', async () => {
    const page = await browser.newPage();
    try {
      const response = await page.goto(`${d.server.url}/dashboard/Y29uc29sZTpsb2NhbA/`);
      expect(response?.status()).toBe(401);
      expect(await page.textContent('h1')).toBe('No access');
    } finally {
      await page.close();
    }
  });
});
