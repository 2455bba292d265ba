// Proves the dashboard's access rules over real HTTP on real PostgreSQL: only a fresh, unused,
// same-community link opens a session; every page and API route needs that community's session;
// /dashboard revoke ends them; members cannot get links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardPath } from '../../src/core/dashboard/dashboard-access.ts';
import { startDashboardApp, seedCommunity, sessionCookie, type DashboardApp } from '../unit/web/support/dashboard-app.ts';

const CONSOLE = 'console:local';
const OTHER = 'slack:T2';

describe('dashboard access', () => {
  let d: DashboardApp;
  const base = dashboardPath(CONSOLE);
  const otherBase = dashboardPath(OTHER);

  beforeAll(async () => {
    d = await startDashboardApp();
    await seedCommunity(d.app, OTHER, [{ name: 'olga', moderator: true }], { 0: [['olga', 'message']] });
  });
  afterAll(async () => {
    await d.close();
  });

  async function login(): Promise<string> {
    const printed = await d.command('mia', true, '/dashboard');
    const response = await d.openLink(d.linkIn(printed));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${base}/`);
    return sessionCookie(response);
  }

  it('GIVEN a moderator runs /dashboard THEN a one-time link opens an HttpOnly, SameSite=Lax session scoped to the community', async () => {
    const printed = await d.command('mia', true, '/dashboard');
    expect(printed).toContain('It works once and expires in 15 minutes');
    const path = d.linkIn(printed);
    expect(path.startsWith(`${base}/login?token=`)).toBe(true);
    // Opening the link shows a page that posts the token back; the GET itself uses nothing up.
    const linkPage = await d.get(path);
    expect(linkPage.status).toBe(200);
    expect(await linkPage.text()).toMatch(/<form id="login" method="post" action="[^"]+\/login"><input type="hidden" name="token" value="[A-Za-z0-9_-]{43}">/);
    expect((await d.get(path)).status).toBe(200);
    const response = await d.openLink(path);
    expect(response.status).toBe(303);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toContain(`Path=${base}`);
    const cookie = sessionCookie(response);
    const page = await d.get(`${base}/`, cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Rapport dashboard');
    const api = await d.get(`${base}/api/overview?period=7d`, cookie);
    expect(api.status).toBe(200);
    expect(((await api.json()) as { period: { key: string } }).period.key).toBe('7d');
  });

  it('GIVEN the database THEN it holds only hashes of the token and the session', async () => {
    const printed = await d.command('mia', true, '/dashboard');
    const token = new URL(`http://x${d.linkIn(printed)}`).searchParams.get('token')!;
    const cookie = sessionCookie(await d.openLink(d.linkIn(printed)));
    const tokens = await d.app.db.prisma.dashboardLoginToken.findMany();
    const sessions = await d.app.db.prisma.dashboardSession.findMany();
    expect(tokens.some((t) => t.tokenHash === token)).toBe(false);
    expect(tokens.every((t) => /^[0-9a-f]{64}$/.test(t.tokenHash))).toBe(true);
    expect(sessions.some((s) => s.idHash === cookie.split('=')[1])).toBe(false);
  });

  it('GIVEN a member who is not a moderator THEN /dashboard is refused and no link is made', async () => {
    const printed = await d.command('max', false, '/dashboard');
    expect(printed).toContain('/dashboard is for moderators only.');
    expect(printed).not.toContain('/login?token=');
  });

  it('GIVEN no token, a wrong token or no session THEN pages and API routes are refused', async () => {
    expect((await d.openLink(`${base}/login`)).status).toBe(403);
    expect((await d.openLink(`${base}/login?token=${'A'.repeat(43)}`)).status).toBe(403);
    expect((await d.get(`${base}/`)).status).toBe(401);
    expect((await d.get(`${base}/leaderboards`)).status).toBe(401);
    const api = await d.get(`${base}/api/overview`);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: 'unauthorized' });
    expect((await d.get(`${base}/`, 'rapport_dashboard=not-a-session')).status).toBe(401);
    expect((await d.get('/dashboard')).status).toBe(401);
  });

  it('GIVEN a used link THEN it cannot be used again', async () => {
    const path = d.linkIn(await d.command('mia', true, '/dashboard'));
    expect((await d.openLink(path)).status).toBe(303);
    const again = await d.openLink(path);
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('already used');
  });

  it('GIVEN a link older than 15 minutes THEN it is refused', async () => {
    const path = d.linkIn(await d.command('mia', true, '/dashboard'));
    d.clock.advance(15 * 60_000 + 1);
    try {
      expect((await d.openLink(path)).status).toBe(403);
    } finally {
      d.clock.set(new Date('2026-11-23T10:00:00Z'));
    }
  });

  it('GIVEN a login form posted from another site THEN it is refused', async () => {
    const path = new URL(d.linkIn(await d.command('mia', true, '/dashboard')), d.server.url);
    const forged = await fetch(`${d.server.url}${path.pathname}`, { method: 'POST', redirect: 'manual', headers: { origin: 'https://evil.example' }, body: new URLSearchParams({ token: path.searchParams.get('token')! }) });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('set-cookie')).toBeNull();
  });

  it('GIVEN a session older than 12 hours THEN it is refused', async () => {
    const cookie = await login();
    d.clock.advance(12 * 3_600_000 + 1);
    try {
      expect((await d.get(`${base}/`, cookie)).status).toBe(401);
    } finally {
      d.clock.set(new Date('2026-11-23T10:00:00Z'));
    }
  });

  it("GIVEN another community's link or session THEN this community's dashboard refuses it", async () => {
    const other = await d.app.rapport.ports.dashboard.issueLink({ communityId: OTHER, memberId: `${OTHER}:olga`, language: 'en' });
    const otherPath = new URL(other.url).pathname + new URL(other.url).search;
    // The other community's token on this community's login path: refused (and burnt).
    const token = new URL(other.url).searchParams.get('token')!;
    expect((await d.openLink(`${base}/login?token=${token}`)).status).toBe(403);
    // A fresh one opens the other community only.
    const fresh = await d.app.rapport.ports.dashboard.issueLink({ communityId: OTHER, memberId: `${OTHER}:olga`, language: 'en' });
    const response = await d.openLink(new URL(fresh.url).pathname + new URL(fresh.url).search);
    expect(response.status).toBe(303);
    const otherCookie = sessionCookie(response);
    expect((await d.get(`${otherBase}/`, otherCookie)).status).toBe(200);
    expect((await d.get(`${base}/`, otherCookie)).status).toBe(401);
    expect((await d.get(`${base}/api/leaderboards`, otherCookie)).status).toBe(401);
    // And this community's session does not open the other one.
    const mine = await login();
    expect((await d.get(`${otherBase}/api/overview`, mine)).status).toBe(401);
    expect(otherPath).toContain(otherBase);
  });

  it('GIVEN /dashboard revoke THEN every session of the community ends and unused links stop working', async () => {
    const first = await login();
    const second = await login();
    const unused = d.linkIn(await d.command('mia', true, '/dashboard'));
    expect((await d.get(`${base}/`, first)).status).toBe(200);
    const printed = await d.command('mia', true, '/dashboard revoke');
    expect(printed).toMatch(/Done: \d+ dashboard sessions? ended/);
    expect((await d.get(`${base}/`, first)).status).toBe(401);
    expect((await d.get(`${base}/api/overview`, second)).status).toBe(401);
    expect((await d.openLink(unused)).status).toBe(403);
    // Another community's sessions are untouched.
    const fresh = await d.app.rapport.ports.dashboard.issueLink({ communityId: OTHER, memberId: `${OTHER}:olga`, language: 'en' });
    const otherCookie = sessionCookie(await d.openLink(new URL(fresh.url).pathname + new URL(fresh.url).search));
    await d.command('mia', true, '/dashboard revoke');
    expect((await d.get(`${otherBase}/`, otherCookie)).status).toBe(200);
  });

  it('GIVEN a moderator who is no longer one THEN their session stops working', async () => {
    const cookie = await login();
    await d.app.repos.members.ensure({ id: 'console:local:mia', communityId: CONSOLE, platformId: 'mia', displayName: 'mia', isBot: false, isModerator: false });
    expect((await d.get(`${base}/`, cookie)).status).toBe(401);
    await d.app.repos.members.ensure({ id: 'console:local:mia', communityId: CONSOLE, platformId: 'mia', displayName: 'mia', isBot: false, isModerator: true });
  });

  it('GIVEN sign-out THEN the session ends and the cookie is cleared', async () => {
    const cookie = await login();
    const response = await fetch(`${d.server.url}${base}/logout`, { method: 'POST', headers: { cookie }, redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await d.get(`${base}/`, cookie)).status).toBe(401);
  });

  it('GIVEN pages THEN they carry a strict Content-Security-Policy and no-referrer', async () => {
    const cookie = await login();
    const page = await d.get(`${base}/funnel`, cookie);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await d.get(`${base}/nope`, cookie)).status).toBe(404);
    expect((await d.get('/dashboard/assets/chart.umd.min.js')).status).toBe(200);
  });
});
