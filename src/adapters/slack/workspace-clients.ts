// Which Web API client speaks for a workspace. With one SLACK_BOT_TOKEN there is one client for
// the one workspace; with OAuth each installed workspace has its own bot token (Bolt's
// InstallationStore), and every call Rapport makes on its own (replies, DMs, scheduled posts,
// users.info look-ups, App Home) goes out with the token of the workspace the id belongs to.
import { LRUCache } from 'lru-cache';
import { webApi } from '@slack/bolt';

export type ClientFor = (teamId: string) => Promise<webApi.WebClient>;

export interface WorkspaceClients {
  forTeam: ClientFor;
  /** Drops what is cached for a workspace (its app was uninstalled or its tokens revoked). */
  forget(teamId: string): void;
}

export function singleTokenClients(client: webApi.WebClient): WorkspaceClients {
  return { forTeam: async () => client, forget: () => undefined };
}

export interface InstalledClientsOptions {
  /** The bot token installed for a workspace; throws when it has none. */
  botToken(teamId: string): Promise<string>;
  /** Makes a client for a token (same options as Bolt's own clients: API URL, retries, logger). */
  makeClient(token: string): webApi.WebClient;
}

export function installedClients(options: InstalledClientsOptions): WorkspaceClients {
  // A client per workspace, remade when the token changes (reinstalled with new scopes).
  const clients = new LRUCache<string, { token: string; client: webApi.WebClient }>({ max: 10_000 });
  return {
    async forTeam(teamId) {
      const token = await options.botToken(teamId);
      const known = clients.get(teamId);
      if (known && known.token === token) return known.client;
      const client = options.makeClient(token);
      clients.set(teamId, { token, client });
      return client;
    },
    forget: (teamId) => void clients.delete(teamId),
  };
}
