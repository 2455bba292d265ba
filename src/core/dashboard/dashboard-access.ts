// The dashboard's one-time login. `/dashboard` issues a link whose token is random, expires soon
// and works once; opening it exchanges the token for a session cookie that is valid for that one
// community only. Only SHA-256 hashes of tokens and session ids are stored, so a copy of the
// database opens nothing. Each request also re-checks that the member is still a moderator.
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { MemberRepository } from '../ports.ts';
import type { DashboardAuthStore, DashboardGrant, DashboardSessionRecord } from './ports.ts';

export const DEFAULT_TOKEN_TTL_MS = 15 * 60_000;
export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60_000;

export interface DashboardAccess {
  readonly tokenTtlMs: number;
  readonly sessionTtlMs: number;
  /** A one-time link to the community's dashboard for a moderator. */
  issueLink(grant: DashboardGrant): Promise<{ url: string; expiresAt: Date }>;
  /** Exchanges a link's token for a session; null when it is unknown, used, expired or for another community. */
  openSession(communityId: string, token: string): Promise<{ sessionToken: string; session: DashboardSessionRecord } | null>;
  /** The session behind a cookie when it is valid for this community and its member is still a moderator. */
  checkSession(communityId: string, sessionToken: string | undefined): Promise<DashboardSessionRecord | null>;
  endSession(sessionToken: string): Promise<void>;
  /** Ends every session of the community (`/dashboard revoke`); returns how many ended. */
  revoke(communityId: string): Promise<number>;
}

export interface DashboardAccessOptions {
  store: DashboardAuthStore;
  members: Pick<MemberRepository, 'get'>;
  clock: Clock;
  /** Where browsers reach Rapport, e.g. https://rapport.example.org (no trailing slash needed). */
  publicUrl: string;
  tokenTtlMs?: number;
  sessionTtlMs?: number;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The URL path of a community's dashboard: its id in base64url, so any id is one safe path segment. */
export function dashboardPath(communityId: string): string {
  return `/dashboard/${Buffer.from(communityId, 'utf8').toString('base64url')}`;
}

/** The community id in a dashboard path segment, or null when the segment is not one. */
export function communityFromSlug(slug: string): string | null {
  if (!/^[A-Za-z0-9_-]{2,200}$/.test(slug)) return null;
  const id = Buffer.from(slug, 'base64url').toString('utf8');
  return Buffer.from(id, 'utf8').toString('base64url') === slug && /^[a-z]+:/.test(id) ? id : null;
}

export function createDashboardAccess(options: DashboardAccessOptions): DashboardAccess {
  const { store, clock, members } = options;
  const tokenTtlMs = options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;
  const sessionTtlMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const base = options.publicUrl.replace(/\/+$/, '');

  async function isModerator(memberId: string, communityId: string): Promise<boolean> {
    const member = await members.get(memberId);
    return member !== null && member.communityId === communityId && member.isModerator;
  }

  return {
    tokenTtlMs,
    sessionTtlMs,
    async issueLink(grant) {
      const token = newSecret();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + tokenTtlMs);
      await store.prune(now);
      await store.createToken({ ...grant, tokenHash: hashSecret(token), expiresAt });
      return { url: `${base}${dashboardPath(grant.communityId)}/login?token=${token}`, expiresAt };
    },
    async openSession(communityId, token) {
      if (!SECRET.test(token)) return null;
      const now = clock.now();
      const grant = await store.consumeToken(hashSecret(token), communityId, now);
      if (!grant || !(await isModerator(grant.memberId, communityId))) return null;
      const sessionToken = newSecret();
      const expiresAt = new Date(now.getTime() + sessionTtlMs);
      await store.createSession({ ...grant, idHash: hashSecret(sessionToken), expiresAt });
      return { sessionToken, session: { ...grant, expiresAt } };
    },
    async checkSession(communityId, sessionToken) {
      if (!sessionToken || !SECRET.test(sessionToken)) return null;
      const session = await store.findSession(hashSecret(sessionToken), clock.now());
      if (!session || session.communityId !== communityId) return null;
      return (await isModerator(session.memberId, communityId)) ? session : null;
    },
    async endSession(sessionToken) {
      if (SECRET.test(sessionToken)) await store.deleteSession(hashSecret(sessionToken));
    },
    revoke: (communityId) => store.revokeCommunity(communityId),
  };
}
