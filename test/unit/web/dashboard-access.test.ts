// Proves the one-time login rules on an in-memory store: a link works once, before it expires, for
// its own community and a current moderator only; sessions expire, stay in their community, and
// end on revoke or sign-out; only hashes are stored.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.ts';
import { communityFromSlug, createDashboardAccess, dashboardPath, hashSecret } from '../../../src/core/dashboard/dashboard-access.ts';
import type { DashboardAuthStore, DashboardGrant, DashboardSessionRecord } from '../../../src/core/dashboard/ports.ts';
import type { MemberRecord } from '../../../src/core/ports.ts';

function memoryStore() {
  const tokens = new Map<string, DashboardGrant & { expiresAt: Date; usedAt?: Date }>();
  const sessions = new Map<string, DashboardSessionRecord>();
  const store: DashboardAuthStore = {
    async createToken({ tokenHash, ...rest }) {
      tokens.set(tokenHash, rest);
    },
    async consumeToken(hash, communityId, now) {
      const t = tokens.get(hash);
      if (!t || t.usedAt || t.communityId !== communityId || t.expiresAt <= now) return null;
      t.usedAt = now;
      return { communityId: t.communityId, memberId: t.memberId, language: t.language };
    },
    async createSession({ idHash, ...rest }) {
      sessions.set(idHash, rest);
    },
    async findSession(hash, now) {
      const s = sessions.get(hash);
      return s && s.expiresAt > now ? s : null;
    },
    async deleteSession(hash) {
      sessions.delete(hash);
    },
    async revokeCommunity(communityId) {
      let n = 0;
      for (const [k, s] of sessions) if (s.communityId === communityId) (sessions.delete(k), n++);
      for (const [k, t] of tokens) if (t.communityId === communityId && !t.usedAt) tokens.delete(k);
      return n;
    },
    async prune() {},
  };
  return { store, tokens, sessions };
}

const members = new Map<string, MemberRecord>([
  ['slack:T1:UMOD', { id: 'slack:T1:UMOD', communityId: 'slack:T1', platformId: 'UMOD', displayName: 'mod', isBot: false, isModerator: true, language: null }],
  ['slack:T2:UMOD', { id: 'slack:T2:UMOD', communityId: 'slack:T2', platformId: 'UMOD', displayName: 'mod2', isBot: false, isModerator: true, language: null }],
]);

function setup() {
  const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));
  const memory = memoryStore();
  const access = createDashboardAccess({ store: memory.store, members: { get: async (id) => members.get(id) ?? null }, clock, publicUrl: 'https://rapport.example.org/' });
  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
  return { clock, access, memory, tokenOf };
}

const grant: DashboardGrant = { communityId: 'slack:T1', memberId: 'slack:T1:UMOD', language: 'bg' };

describe('dashboard access', () => {
  it('GIVEN a link THEN it points at the community’s dashboard on the public URL and only its hash is stored', async () => {
    const { access, memory, tokenOf } = setup();
    const { url, expiresAt } = await access.issueLink(grant);
    expect(url.startsWith(`https://rapport.example.org${dashboardPath('slack:T1')}/login?token=`)).toBe(true);
    expect(tokenOf(url)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.toISOString()).toBe('2026-11-23T10:15:00.000Z');
    expect([...memory.tokens.keys()]).toEqual([hashSecret(tokenOf(url))]);
  });

  it('GIVEN a link THEN it opens one session in the moderator’s language, and never a second', async () => {
    const { access, tokenOf, memory } = setup();
    const token = tokenOf((await access.issueLink(grant)).url);
    const opened = await access.openSession('slack:T1', token);
    expect(opened?.session).toMatchObject({ communityId: 'slack:T1', memberId: 'slack:T1:UMOD', language: 'bg' });
    expect([...memory.sessions.keys()]).toEqual([hashSecret(opened!.sessionToken)]);
    expect(await access.openSession('slack:T1', token)).toBeNull();
  });

  it('GIVEN an expired link, a malformed token or another community THEN no session opens', async () => {
    const { access, clock, tokenOf } = setup();
    const late = tokenOf((await access.issueLink(grant)).url);
    const elsewhere = tokenOf((await access.issueLink(grant)).url);
    expect(await access.openSession('slack:T2', elsewhere)).toBeNull();
    expect(await access.openSession('slack:T1', 'short')).toBeNull();
    clock.advance(15 * 60_000);
    expect(await access.openSession('slack:T1', late)).toBeNull();
  });

  it('GIVEN a session THEN it is valid for its community only, until it expires', async () => {
    const { access, clock, tokenOf } = setup();
    const { sessionToken } = (await access.openSession('slack:T1', tokenOf((await access.issueLink(grant)).url)))!;
    expect(await access.checkSession('slack:T1', sessionToken)).not.toBeNull();
    expect(await access.checkSession('slack:T2', sessionToken)).toBeNull();
    expect(await access.checkSession('slack:T1', undefined)).toBeNull();
    clock.advance(12 * 3_600_000 - 1);
    expect(await access.checkSession('slack:T1', sessionToken)).not.toBeNull();
    clock.advance(1);
    expect(await access.checkSession('slack:T1', sessionToken)).toBeNull();
  });

  it('GIVEN a link issued to someone who is not a moderator of that community THEN it opens nothing', async () => {
    const { access, tokenOf } = setup();
    const stranger = tokenOf((await access.issueLink({ communityId: 'slack:T1', memberId: 'slack:T2:UMOD', language: 'en' })).url);
    expect(await access.openSession('slack:T1', stranger)).toBeNull();
  });

  it('GIVEN revoke THEN the community’s sessions and unused links end, and other communities keep theirs', async () => {
    const { access, tokenOf } = setup();
    const mine = (await access.openSession('slack:T1', tokenOf((await access.issueLink(grant)).url)))!.sessionToken;
    const unused = tokenOf((await access.issueLink(grant)).url);
    const theirs = (await access.openSession('slack:T2', tokenOf((await access.issueLink({ communityId: 'slack:T2', memberId: 'slack:T2:UMOD', language: 'en' })).url)))!.sessionToken;
    expect(await access.revoke('slack:T1')).toBe(1);
    expect(await access.checkSession('slack:T1', mine)).toBeNull();
    expect(await access.openSession('slack:T1', unused)).toBeNull();
    expect(await access.checkSession('slack:T2', theirs)).not.toBeNull();
  });

  it('GIVEN sign-out THEN that session ends', async () => {
    const { access, tokenOf } = setup();
    const { sessionToken } = (await access.openSession('slack:T1', tokenOf((await access.issueLink(grant)).url)))!;
    await access.endSession(sessionToken);
    expect(await access.checkSession('slack:T1', sessionToken)).toBeNull();
  });

  it('GIVEN community ids THEN their dashboard path segment round-trips, and other segments are no community', () => {
    for (const id of ['console:local', 'slack:T0123ABC', 'discord:123456789012345678']) {
      const slug = dashboardPath(id).split('/')[2]!;
      expect(slug).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(communityFromSlug(slug)).toBe(id);
    }
    for (const junk of ['', 'assets', 'login', '..', 'a/b', 'Y29uc29sZTpsb2NhbA=']) expect(communityFromSlug(junk)).toBeNull();
  });
});
