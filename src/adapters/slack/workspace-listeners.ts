// What a workspace tells the app about itself: the app was uninstalled (app_uninstalled) or its bot
// token revoked (tokens_revoked): its installation is deleted and its community paused (the core
// keeps the data; reinstalling resumes it). And a member opened the App Home tab (app_home_opened):
// their page is published. Bolt does not authorize app_uninstalled and tokens_revoked (the token is
// already gone). https://docs.slack.dev/reference/events/app_uninstalled
// https://docs.slack.dev/reference/events/tokens_revoked  https://docs.slack.dev/reference/events/app_home_opened
import type { App } from '@slack/bolt';
import type { AdapterHandlers } from '../../core/adapter.ts';
import type { Logger } from '../../core/logger.ts';
import { publishHome } from './home-tab.ts';
import type { RapportInstallationStore } from './installation-store.ts';
import type { SlackDirectory } from './slack-directory.ts';
import { slackCommunityId } from './slack-ids.ts';
import type { TranslateContext } from './translate.ts';
import type { WorkspaceClients } from './workspace-clients.ts';

export interface WorkspaceListenerDeps {
  logger: Logger;
  handlers: AdapterHandlers;
  directory: SlackDirectory;
  clients: WorkspaceClients;
  ctxOf(context: { teamId?: string; botUserId?: string; botId?: string }): TranslateContext;
  /** With OAuth: where installations are deleted. */
  installations?: RapportInstallationStore;
  /** The single-token workspace's name. */
  teamName(): string | undefined;
  background(what: string, work: Promise<void>): void;
}

interface TokensRevoked {
  tokens?: { oauth?: string[]; bot?: string[] };
}

export function registerWorkspaceListeners(bolt: App, deps: WorkspaceListenerDeps): void {
  const { logger, handlers } = deps;

  async function takeAway(teamId: string | undefined, reason: 'app_uninstalled' | 'tokens_revoked'): Promise<void> {
    if (!teamId) return;
    const removed = (await deps.installations?.removeTeam(teamId)) ?? false;
    deps.clients.forget(teamId);
    logger.warn({ teamId, reason, removed }, 'slack: the app was taken away from a workspace; pausing its community');
    await handlers.onCommunityStatus?.({ communityId: slackCommunityId(teamId), paused: true, reason });
  }

  bolt.event('app_uninstalled', async ({ body, context }) => {
    await takeAway(context.teamId ?? (body as { team_id?: string }).team_id, 'app_uninstalled');
  });

  bolt.event('tokens_revoked', async ({ event, body, context }) => {
    // Only the bot's token matters: user tokens (not used by Rapport) being revoked changes nothing.
    if (((event as TokensRevoked).tokens?.bot ?? []).length === 0) return;
    await takeAway(context.teamId ?? (body as { team_id?: string }).team_id, 'tokens_revoked');
  });

  bolt.event('app_home_opened', async ({ event, context }) => {
    const opened = event as { tab?: string; user: string };
    if (opened.tab !== 'home' || !handlers.onHomeOpened) return;
    const ctx = deps.ctxOf(context);
    // Acknowledged at once; the page is built and published after.
    deps.background('app home', (async () => {
      const actor = await deps.directory.actor(ctx.teamId, opened.user);
      const name = deps.teamName();
      const view = await handlers.onHomeOpened!({ communityId: slackCommunityId(ctx.teamId), ...(name ? { communityName: name } : {}), actor });
      await publishHome(await deps.clients.forTeam(ctx.teamId), opened.user, view);
    })());
  });
}
