// Proves, in headless Chromium, the dashboard points of issue 19: times in the community's time zone
// whatever the browser's, stacked funnel bands filled in their legend's colour (not an overlap grey),
// the offers table not cut off, a message instead of an empty 0–1 chart (offers, questions), and
// /favicon.ico served.
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../support/chromium.ts';
import { startDashboardApp, seedCommunity, type DashboardApp } from '../unit/web/support/dashboard-app.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const C = 'console:local';

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('body[data-state="ready"]', { timeout: 20_000 });
}

/** The colour drawn at value `value` of day `index` on the Chart.js chart of canvas `id`. */
function pixelAt(page: Page, id: string, index: number, value: number): Promise<[number, number, number]> {
  return page.evaluate(
    ([canvasId, i, v]) => {
      // Runs in the page; typed loosely because this project compiles without the DOM library.
      type Canvas = { getContext(kind: string): { getImageData(x: number, y: number, w: number, h: number): { data: number[] } } };
      const g = globalThis as unknown as { devicePixelRatio: number; Chart: { getChart(c: unknown): { scales: Record<string, { getPixelForValue(v: number): number }> } | undefined }; document: { getElementById(id: string): Canvas } };
      const canvas = g.document.getElementById(canvasId as string);
      const chart = g.Chart.getChart(canvas)!;
      const x = (chart.scales.x!.getPixelForValue(i as number) + chart.scales.x!.getPixelForValue((i as number) + 1)) / 2;
      const y = chart.scales.y!.getPixelForValue(v as number);
      const d = canvas.getContext('2d').getImageData(Math.round(x * g.devicePixelRatio), Math.round(y * g.devicePixelRatio), 1, 1).data;
      // As seen on the page's white panel: the canvas itself is transparent where nothing is drawn.
      const over = (c: number) => Math.round((c * d[3]!) / 255 + 255 * (1 - d[3]! / 255));
      return [over(d[0]!), over(d[1]!), over(d[2]!)] as [number, number, number];
    },
    [id, index, value] as const,
  );
}

describe('dashboard tells the truth (browser)', () => {
  let d: DashboardApp;
  let browser: Browser;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    d = await startDashboardApp();
    const ids = await seedCommunity(d.app, C, [{ name: 'ann' }, { name: 'ben' }, { name: 'cat' }], {
      3: [['ann', 'message'], ['ben', 'message'], ['cat', 'message']],
      0: [['ann', 'message']],
    });
    const prisma = d.app.db.prisma;
    for (const [name, stage] of [['ann', 'newcomer'], ['ben', 'newcomer'], ['cat', 'newcomer']] as const) {
      await prisma.memberFunnel.create({ data: { memberId: ids[name]!, communityId: C, stage, stageSince: new Date('2026-11-20T10:00:00Z') } });
    }
    // An offer waiting for a moderator: proposed to three members, sent to nobody yet.
    await prisma.offer.create({ data: { id: 'beta', communityId: C, title: 'Early access to the new mobile app for our most helpful members', content: 'code', eligibleStage: 'love', places: 3, expiresAt: new Date('2026-12-01T00:00:00Z'), createdAt: new Date('2026-11-20T00:00:00Z') } });
    for (const name of ['ann', 'ben', 'cat']) {
      await prisma.offerRecipient.create({ data: { offerId: 'beta', memberId: ids[name]!, communityId: C, state: 'proposed', reasons: [], proposedAt: new Date('2026-11-21T00:00:00Z') } });
    }
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    // A browser in New York looking at a community in Sofia (seedCommunity's time zone).
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/New_York' });
    await page.goto(`${d.server.url}${d.linkIn(await d.command('mia', true, '/dashboard'))}`);
    await ready(page);
    base = new URL(page.url()).pathname;
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await d?.close();
  });

  it('GIVEN an offer nobody was sent yet THEN a message replaces the empty chart, the table is not cut off, and its expiry is in the community’s time zone', async () => {
    await page.goto(`${d.server.url}${base}offers`);
    await ready(page);
    expect(await page.isVisible('#chart-offers')).toBe(false);
    expect(await page.textContent('#chart-offers >> xpath=ancestor::section//p[contains(@class,"no-data")]')).toBe('No offer has been sent yet, so there are no answers to show.');
    const box = await page.$eval('#table-offers', (el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(box.scroll).toBeLessThanOrEqual(box.client);
    const cells = await page.$$eval('#table-offers tbody td', (tds) => tds.map((td) => td.textContent ?? ''));
    // Midnight UTC on 1 December is 02:00 in Sofia (19:00 on 30 November in New York).
    expect(cells[3]).toBe('1 Dec 2026, 02:00');
    await page.screenshot({ path: `${ARTIFACTS}dashboard-offers-waiting.png`, fullPage: true });
  });

  it('GIVEN members on the newcomer stage THEN its band is filled in its legend’s blue, not a grey of overlapping fills', async () => {
    await page.goto(`${d.server.url}${base}funnel?period=7d`);
    await ready(page);
    // The members were first seen three days ago: the chart starts then (four days).
    expect(await page.evaluate(() => (globalThis as unknown as { rapportDashboard: { data: { data: { days: string[] } } } }).rapportDashboard.data.data.days.length)).toBe(4);
    const [r, g, b] = await pixelAt(page, 'chart-funnel', 1, 1.5);
    // The newcomer legend is #2f6fdf: clearly more blue than red, and not a grey (r ≈ g ≈ b).
    expect(b - r).toBeGreaterThan(60);
    expect(b - g).toBeGreaterThan(30);
  });

  it('GIVEN a knowledge base but no question asked in the period THEN the questions panel says so instead of drawing an empty chart', async () => {
    await d.app.db.prisma.knowledgeEntry.create({ data: { communityId: C, key: 'proxy', question: 'How do I set a proxy?', answer: 'HTTPS_PROXY', phrasings: [], tags: [], language: 'en' } });
    await page.goto(`${d.server.url}${base}?period=7d`);
    await ready(page);
    expect(await page.isVisible('#chart-questions')).toBe(false);
    expect(await page.textContent('#chart-questions >> xpath=ancestor::section//p[contains(@class,"no-data")]')).toBe('No questions were asked in this period.');
    // Every new member is an active one.
    const [active, fresh] = await Promise.all([page.textContent('#total-activeMembers'), page.textContent('#total-newMembers')]);
    expect(Number(fresh)).toBeLessThanOrEqual(Number(active));
  });

  it('GIVEN a browser asking for /favicon.ico THEN it gets the icon, and pages link it', async () => {
    const response = await fetch(`${d.server.url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(await response.text()).toContain('<svg');
    expect(await page.getAttribute('link[rel="icon"]', 'href')).toBe('/dashboard/assets/favicon.svg');
  });
});
