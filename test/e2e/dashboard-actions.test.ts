// Proves, in headless Chromium, that a moderator approves and rejects knowledge-base suggestions
// from the dashboard (the same learning port as /faq suggestions: the entry is written, the
// decision stored) and sees the open hand-offs with how long each has waited; and that a POST
// without the session, without the page's CSRF token or from another origin changes nothing.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuggestionInput } from '../../src/core/learning/ports.ts';
import { chromiumPath } from '../support/chromium.ts';
import { NOW, seedCommunity, sessionCookie, startDashboardApp, type DashboardApp } from '../unit/web/support/dashboard-app.ts';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const C = 'console:local';

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('body[data-state="ready"]', { timeout: 20_000 });
}

describe('dashboard actions', () => {
  let d: DashboardApp;
  let browser: Browser;
  const suggestionIds: number[] = [];

  beforeAll(async () => {
    d = await startDashboardApp({ learning: true });
    const ids = await seedCommunity(d.app, C, [{ name: 'ann' }, { name: 'ben' }], { 1: [['ann', 'message'], ['ben', 'reply', 'ann']] });
    const suggestion = (n: number, question: string, answer: string): SuggestionInput => ({
      communityId: C, channelId: `${C}:C1`, questionMessageId: `q${n}`, askerMemberId: ids.ann!, creditedMemberId: ids.ben!, questionText: question, answerText: answer,
      answerMessageIds: [`a${n}`], signal: 'thanks', signalMessageId: `t${n}`, language: 'en', imported: false, entryKey: null, createdAt: new Date(NOW.getTime() - 86_400_000),
    });
    for (const [n, q, a] of [[1, 'How do I set the proxy?', 'Put HTTPS_PROXY in config.toml.'], [2, 'Is there a Linux build?', 'lol no'], [3, 'Where are the logs?', 'In data/rapport.log.']] as const) {
      suggestionIds.push((await d.app.repos.learning.add(suggestion(n, q, a)))!.id);
    }
    await d.app.repos.routing.openHandoff({ communityId: C, channelId: `${C}:C1`, threadOf: 'q9', askerMemberId: ids.ann!, question: 'Can someone look at my invoice?', openedAt: new Date(NOW.getTime() - 125 * 60_000) });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  it('GIVEN waiting suggestions and a hand-off THEN the knowledge page lists the hand-off with its wait, and Approve / Reject decide suggestions', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${d.server.url}${d.linkIn(await d.command('mia', true, '/dashboard'))}`);
      await ready(page);
      await page.goto(`${d.server.url}${new URL(page.url()).pathname}knowledge`);
      await ready(page);
      const handoffs = await page.$$eval('#table-handoffs tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      expect(handoffs).toHaveLength(1);
      expect(handoffs[0]!.slice(1)).toEqual(['#general', 'ann', 'Can someone look at my invoice?', '2 h 5 min']);

      const row = (id: number) => `#table-suggestions tbody tr:has(td:first-child:text-is("${id}"))`;
      await page.click(`${row(suggestionIds[0]!)} button[data-action="approve"]`);
      await page.waitForSelector(`${row(suggestionIds[0]!)}`, { state: 'detached' });
      expect(await page.textContent('#action-status')).toMatch(new RegExp(`^Suggestion #${suggestionIds[0]} approved: new entry ".+"\\. ben is credited for the answer\\.$`));
      await page.click(`${row(suggestionIds[1]!)} button[data-action="reject"]`);
      await page.waitForSelector(`${row(suggestionIds[1]!)}`, { state: 'detached' });
      expect(await page.textContent('#action-status')).toBe(`Suggestion #${suggestionIds[1]} rejected.`);

      const [approved, rejected, waiting] = await Promise.all(suggestionIds.map((id) => d.app.repos.learning.get(id)));
      expect([approved?.status, rejected?.status, waiting?.status]).toEqual(['approved', 'rejected', 'pending']);
      expect(approved?.decidedBy).toBe('console:local:mia');
      const entry = await d.app.db.prisma.knowledgeEntry.findFirst({ where: { communityId: C, key: approved!.resultKey! } });
      expect(entry?.answer).toBe('Put HTTPS_PROXY in config.toml.');
    } finally {
      await page.close();
    }
  });

  it('GIVEN a Bulgarian moderator THEN the hand-offs, the buttons and the answer to a decision are in Bulgarian', async () => {
    await d.command('vera', true, 'здравейте');
    await d.app.repos.members.setLanguage('console:local:vera', 'bg');
    const fresh = await d.app.repos.learning.add({
      communityId: C, channelId: `${C}:C1`, questionMessageId: 'q-bg', askerMemberId: 'console:local:ann', creditedMemberId: 'console:local:ben', questionText: 'Къде са фактурите?', answerText: 'В Плащания, Фактури.',
      answerMessageIds: ['a-bg'], signal: 'thanks', signalMessageId: 't-bg', language: 'bg', imported: false, entryKey: null, createdAt: new Date(NOW.getTime() - 3_600_000),
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${d.server.url}${d.linkIn(await d.command('vera', true, '/dashboard'))}`);
      await ready(page);
      await page.goto(`${d.server.url}${new URL(page.url()).pathname}knowledge`);
      await ready(page);
      expect(await page.textContent('#table-handoffs >> xpath=ancestor::section//h2')).toBe('Чакат човек („Питай човек“)');
      expect(await page.$$eval('#table-handoffs tbody td:last-child', (tds) => tds.map((td) => td.textContent))).toEqual(['2 ч 5 мин']);
      const row = `#table-suggestions tbody tr:has(td:first-child:text-is("${fresh!.id}"))`;
      expect(await page.$$eval(`${row} button`, (buttons) => buttons.map((b) => b.textContent))).toEqual(['Одобрете', 'Отхвърлете']);
      await page.click(`${row} button[data-action="reject"]`);
      await page.waitForSelector(row, { state: 'detached' });
      expect(await page.textContent('#action-status')).toBe(`Предложение №${fresh!.id} е отхвърлено.`);
    } finally {
      await page.close();
    }
  });

  it('GIVEN a POST without the session, without the CSRF token or from another site THEN nothing is decided; GIVEN one already decided THEN it says so', async () => {
    const cookie = sessionCookie(await d.openLink(d.linkIn(await d.command('mia', true, '/dashboard'))));
    const base = d.linkIn(await d.command('mia', true, '/dashboard')).replace(/\/login\?.*$/, '');
    const html = await (await d.get(`${base}/knowledge`, cookie)).text();
    const config = JSON.parse(/<script type="application\/json" id="dashboard-config">(.*?)<\/script>/s.exec(html)![1]!) as { actions: { csrf: string } };
    const post = (id: number, headers: Record<string, string>) => fetch(`${d.server.url}${base}/api/suggestions/${id}/approve`, { method: 'POST', headers });
    const waiting = suggestionIds[2]!;

    expect((await post(waiting, { 'x-rapport-csrf': config.actions.csrf })).status).toBe(401);
    expect((await post(waiting, { cookie })).status).toBe(403);
    expect((await post(waiting, { cookie, 'x-rapport-csrf': 'forged' })).status).toBe(403);
    expect((await post(waiting, { cookie, 'x-rapport-csrf': config.actions.csrf, origin: 'https://evil.example' })).status).toBe(403);
    expect((await d.app.repos.learning.get(waiting))?.status).toBe('pending');

    const again = await post(suggestionIds[1]!, { cookie, 'x-rapport-csrf': config.actions.csrf });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ ok: false, message: `Suggestion #${suggestionIds[1]} was already decided (rejected).` });
    const done = await post(waiting, { cookie, 'x-rapport-csrf': config.actions.csrf, origin: d.server.url });
    expect(done.status).toBe(200);
    expect((await d.app.repos.learning.get(waiting))?.status).toBe('approved');
  });
});
