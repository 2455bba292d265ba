// Builds the Slack and Discord adapters that are configured. Both can run in one process.
import { createDiscordAdapter } from '../adapters/discord/index.ts';
import { createInstallationStore, createSlackAdapter, namesFromRepositories, SLACK_BOT_SCOPES, type SlackOAuthOptions } from '../adapters/slack/index.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { createSecretBox } from '../db/secret-box.ts';
import { createSlackInstallationRepository, createSlackOAuthStateRepository } from '../db/slack-installation-repository.ts';
import type { Config } from '../config.ts';
import type { ChatAdapter } from '../core/adapter.ts';
import type { Logger } from '../core/logger.ts';
import type { Metrics } from '../core/metrics.ts';
import type { Repositories } from '../core/ports.ts';
import type { MountedRoute } from '../web/mount.ts';

export interface PlatformAdapterDeps {
  logger: Logger;
  repos: Repositories;
  /** /healthz, /metrics and the dashboard, served on the Slack receiver's port. */
  webRoutes: MountedRoute[];
  metrics: Metrics;
  /** Where Slack installations and OAuth states are kept (OAuth mode). */
  prisma: PrismaClient;
}

/** Installable in many workspaces: Bolt's installer over the database, tokens sealed with RAPPORT_ENCRYPTION_KEY. */
export function slackOAuthOptions(config: NonNullable<NonNullable<Config['slack']>['oauth']>, prisma: PrismaClient, publicUrl: string): SlackOAuthOptions {
  const box = createSecretBox(config.encryptionKey);
  return {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    stateSecret: config.stateSecret,
    installations: createInstallationStore(createSlackInstallationRepository(prisma, box)),
    states: createSlackOAuthStateRepository(prisma),
    scopes: Object.keys(SLACK_BOT_SCOPES),
    redirectUri: `${publicUrl}/slack/oauth_redirect`,
  };
}

export async function createPlatformAdapters(config: Config, deps: PlatformAdapterDeps): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  // Sharded, Slack runs in shard 0's process only: one Slack receiver on PORT, one Socket Mode connection.
  const slackHere = config.slack && (config.discord?.shard?.id ?? 0) === 0;
  if (config.slack && slackHere) {
    const slack = config.slack;
    adapters.push(
      createSlackAdapter(
        {
          ...(slack.botToken ? { botToken: slack.botToken } : {}),
          ...(slack.oauth ? { oauth: slackOAuthOptions(slack.oauth, deps.prisma, config.publicUrl) } : {}),
          ...(slack.signingSecret ? { signingSecret: slack.signingSecret } : {}),
          ...(slack.appToken ? { appToken: slack.appToken } : {}),
          ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}),
          port: config.port,
          moderators: slack.moderators,
          ...(slack.moderatorGroup ? { moderatorGroup: slack.moderatorGroup } : {}),
          routes: deps.webRoutes,
          ...(slack.commandPrefix ? { commandPrefix: slack.commandPrefix } : {}),
        },
        {
          logger: deps.logger,
          names: namesFromRepositories(deps.repos),
          // Slack's 429s are waited out by the Web API client; they are still worth counting.
          onRateLimited: () => deps.metrics.platformError('slack', 'ratelimited'),
        },
      ),
    );
  }
  if (config.discord) {
    const discord = config.discord;
    adapters.push(
      createDiscordAdapter(
        {
          token: discord.token,
          applicationId: discord.applicationId,
          ...(discord.apiUrl ? { apiUrl: discord.apiUrl } : {}),
          ...(discord.moderatorRole ? { moderatorRoleId: discord.moderatorRole } : {}),
          ...(discord.shard ? { shards: [discord.shard.id], shardCount: discord.shard.count } : {}),
        },
        { logger: deps.logger },
      ),
    );
  }
  return adapters;
}
