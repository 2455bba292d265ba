// Bolt's InstallationStore and StateStore over Rapport's storage (src/db/slack-installation-repository.ts).
// Installations are keyed "T<team>" (a workspace) or "E<enterprise>" (an org-wide install); the
// storage seals them, so tokens are never at rest in clear.
//
// The state store hands out "<random id>.<HMAC-SHA256 of it under SLACK_STATE_SECRET>" and keeps the
// id until it is used: a state that was not made here (a bad signature) or was used once already,
// or is older than ten minutes, is refused (Bolt shows the failure page; nothing is written). Bolt's
// default ClearStateStore would accept the same signed state again until it expires.
// https://docs.slack.dev/tools/bolt-js/concepts/authenticating-oauth
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Installation, InstallationQuery, InstallationStore, InstallURLOptions, StateStore } from '@slack/bolt';

/** Sealed installations by key (implemented in src/db). */
export interface SlackInstallationRecords {
  save(key: string, ids: { teamId?: string; enterpriseId?: string }, installation: unknown): Promise<void>;
  find(key: string): Promise<unknown>;
  /** Returns whether there was one. */
  remove(key: string): Promise<boolean>;
}

/** OAuth states waiting for their redirect; `take` returns a state's install options once, then never again. */
export interface SlackOAuthStateRecords {
  put(id: string, installOptions: unknown, expiresAt: Date): Promise<void>;
  take(id: string, now: Date): Promise<unknown>;
}

export const STATE_TTL_MS = 10 * 60_000;

/** The same code as @slack/oauth's InvalidStateError, so Bolt's callback answers 400. */
export class OAuthStateError extends Error {
  readonly code = 'slack_oauth_invalid_state';
  constructor(message: string) {
    super(message);
    this.name = 'OAuthStateError';
  }
}

export const teamKey = (teamId: string): string => `T${teamId}`;
const enterpriseKey = (enterpriseId: string): string => `E${enterpriseId}`;

function keyOfQuery(query: InstallationQuery<boolean>): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return enterpriseKey(query.enterpriseId);
  if (query.teamId) return teamKey(query.teamId);
  throw new Error('A Slack installation query without a team or enterprise id');
}

export interface RapportInstallationStore extends InstallationStore {
  /** The bot token installed for a workspace; throws when it has none (never installed, or uninstalled). */
  botToken(teamId: string): Promise<string>;
  /** Deletes a workspace's installation (app_uninstalled, tokens_revoked); returns whether there was one. */
  removeTeam(teamId: string): Promise<boolean>;
}

export function createInstallationStore(records: SlackInstallationRecords, options: { onInstalled?(installation: Installation): Promise<void> } = {}): RapportInstallationStore {
  // Bolt fetches the installation for every request; a short cache spares a query per event.
  // It is cleared on every change made here; another process's uninstall is seen within 30 s
  // (until then its calls fail with invalid_auth).
  const cache = new LRUCache<string, Installation>({ max: 10_000, ttl: 30_000 });
  async function fetchByKey(key: string): Promise<Installation> {
    const hit = cache.get(key);
    if (hit) return hit;
    const found = (await records.find(key)) as Installation | null;
    if (!found) throw new Error(`Rapport is not installed in this Slack workspace (${key})`);
    cache.set(key, found);
    return found;
  }
  return {
    async storeInstallation(installation) {
      const enterpriseId = installation.enterprise?.id;
      const teamId = installation.team?.id;
      const key = installation.isEnterpriseInstall && enterpriseId ? enterpriseKey(enterpriseId) : teamId ? teamKey(teamId) : undefined;
      if (!key) throw new Error('Slack sent an installation without a team or enterprise id');
      await records.save(key, { ...(teamId ? { teamId } : {}), ...(enterpriseId ? { enterpriseId } : {}) }, installation);
      cache.delete(key);
      await options.onInstalled?.(installation as Installation);
    },
    fetchInstallation: (query) => fetchByKey(keyOfQuery(query)),
    async deleteInstallation(query) {
      const key = keyOfQuery(query);
      cache.delete(key);
      await records.remove(key);
    },
    async botToken(teamId) {
      const token = (await fetchByKey(teamKey(teamId))).bot?.token;
      if (!token) throw new Error(`The Slack installation of ${teamId} has no bot token`);
      return token;
    },
    async removeTeam(teamId) {
      cache.delete(teamKey(teamId));
      return records.remove(teamKey(teamId));
    },
  };
}

export function createStateStore(records: SlackOAuthStateRecords, stateSecret: string): StateStore {
  const sign = (id: string) => createHmac('sha256', stateSecret).update(id).digest('base64url');
  return {
    async generateStateParam(installOptions: InstallURLOptions, now: Date) {
      const id = randomBytes(24).toString('base64url');
      await records.put(id, installOptions, new Date(now.getTime() + STATE_TTL_MS));
      return `${id}.${sign(id)}`;
    },
    async verifyStateParam(now: Date, state: string) {
      const [id = '', signature = ''] = state.split('.');
      const expected = Buffer.from(sign(id));
      const given = Buffer.from(signature);
      if (!id || given.length !== expected.length || !timingSafeEqual(given, expected)) throw new OAuthStateError('The OAuth state was not issued by this app');
      const options = await records.take(id, now);
      if (!options) throw new OAuthStateError('The OAuth state was already used or has expired');
      return options as InstallURLOptions;
    },
  };
}
