// What a moderator does from the dashboard (POST): approve or reject a knowledge-base suggestion.
// Protected as the login is, and more: the session cookie (HttpOnly, SameSite=Lax, the community's
// path), the request's Origin must be this site (sameOrigin), and a CSRF token that only the
// dashboard's own pages carry must come back in the X-Rapport-CSRF header. The token is derived
// from the session's secret (SHA-256 with a purpose prefix, so it is not the stored session hash);
// another site can neither read it nor send the header without a CORS preflight we never allow.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DashboardOperations, SuggestionDecision } from '../core/dashboard/dashboard-operations.ts';
import type { DashboardSessionRecord } from '../core/dashboard/ports.ts';
import { sendJson } from './http.ts';

export const CSRF_HEADER = 'x-rapport-csrf';
const DECIDE = /^api\/suggestions\/(\d{1,9})\/(approve|reject)$/;

export function csrfToken(sessionToken: string): string {
  return createHash('sha256').update(`rapport-dashboard-csrf:${sessionToken}`).digest('base64url');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether `sub` (the path after /dashboard/<community>/) is an action route. */
export function isActionPath(sub: string): boolean {
  return DECIDE.test(sub);
}

export async function handleAction(
  req: IncomingMessage,
  res: ServerResponse,
  sub: string,
  context: { session: DashboardSessionRecord; sessionToken: string; sameOrigin: boolean; operations: DashboardOperations | undefined },
): Promise<void> {
  const match = DECIDE.exec(sub);
  if (!match || !context.operations) return sendJson(res, 404, { error: 'not_found' });
  const header = req.headers[CSRF_HEADER];
  if (!context.sameOrigin || typeof header !== 'string' || !sameToken(header, csrfToken(context.sessionToken))) return sendJson(res, 403, { error: 'forbidden' });
  const { session } = context;
  const outcome = await context.operations.decideSuggestion(session.communityId, Number(match[1]), match[2] as SuggestionDecision, session.memberId, session.language);
  sendJson(res, outcome.ok ? 200 : 409, outcome);
}
