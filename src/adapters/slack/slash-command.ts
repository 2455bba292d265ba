// Slack slash commands -> CommandInvocation. Slack sends every command to one request URL; the
// manifest sets should_escape so mentions arrive as <@U123|name> and <#C123|name>, which the
// resolver turns into opaque ids. Replies go to response_url (valid 30 minutes, 5 uses) as
// ephemeral or in_channel messages.
// https://docs.slack.dev/interactivity/implementing-slash-commands
import type { CommandInvocation, CommandResponder, ReferenceResolver } from '../../core/adapter.ts';
import type { OutgoingMessage } from '../../core/outgoing.ts';
import type { Repositories } from '../../core/ports.ts';
import { commandFromSlack } from './command-names.ts';
import { renderMessage } from './render.ts';
import type { SlackDirectory } from './slack-directory.ts';
import { slackChannelId, slackCommunityId, slackMemberId } from './slack-ids.ts';

/** The fields Rapport reads from a slash-command payload. */
export interface SlackCommandPayload {
  command: string;
  text?: string;
  team_id: string;
  team_domain?: string;
  channel_id: string;
  channel_name?: string;
  user_id: string;
  user_name?: string;
  trigger_id?: string;
  response_url?: string;
}

/** Looks up names Slack did not escape ("@ann", "general"); optional, main.ts may pass repository lookups. */
export interface NameLookup {
  member(communityId: string, name: string): Promise<string | null>;
  channel(communityId: string, name: string): Promise<string | null>;
}

/** Name lookups backed by the stored members and channels (display names, channel names). */
export function namesFromRepositories(repos: Pick<Repositories, 'members' | 'channels'>): NameLookup {
  return {
    member: async (communityId, name) => (await repos.members.findByName(communityId, name))?.id ?? null,
    channel: async (communityId, name) => (await repos.channels.findByName(communityId, name))?.id ?? null,
  };
}

export function createSlackResolver(teamId: string, names?: NameLookup): ReferenceResolver {
  const community = slackCommunityId(teamId);
  return {
    async member(raw) {
      const value = raw.trim();
      const escaped = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(value);
      const id = escaped?.[1] ?? (/^[UW][A-Z0-9]{2,}$/.test(value) ? value : undefined);
      if (id) return slackMemberId(teamId, id);
      return names ? names.member(community, value.replace(/^@/, '')) : null;
    },
    async channel(raw) {
      const value = raw.trim();
      const escaped = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(value);
      const id = escaped?.[1] ?? (/^[CG][A-Z0-9]{2,}$/.test(value) ? value : undefined);
      if (id) return slackChannelId(teamId, id);
      return names ? names.channel(community, value.replace(/^#/, '')) : null;
    },
  };
}

export async function translateCommand(
  payload: SlackCommandPayload,
  directory: SlackDirectory,
  options: { teamName?: string; names?: NameLookup; commandPrefix?: string; now: Date },
): Promise<CommandInvocation> {
  const teamId = payload.team_id;
  const invocation: CommandInvocation = {
    platform: 'slack',
    invocationId: `slack:command:${payload.trigger_id ?? `${teamId}:${payload.user_id}:${options.now.getTime()}`}`,
    communityId: slackCommunityId(teamId),
    channelId: slackChannelId(teamId, payload.channel_id),
    actor: await directory.actor(teamId, payload.user_id, payload.user_name),
    command: commandFromSlack(payload.command, options.commandPrefix),
    text: payload.text ?? '',
    occurredAt: options.now,
    resolver: createSlackResolver(teamId, options.names),
  };
  const communityName = options.teamName ?? payload.team_domain;
  if (communityName) invocation.communityName = communityName;
  if (payload.channel_name && payload.channel_name !== 'privategroup' && payload.channel_name !== 'directmessage') invocation.channelName = payload.channel_name;
  return invocation;
}

/** What respond() accepts; Bolt posts it to response_url. */
export interface RespondBody {
  text: string;
  blocks: unknown[];
  response_type: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
}

export interface SlackResponderDeps {
  /** Bolt's respond(): posts to the command's response_url. */
  respond(body: RespondBody): Promise<unknown>;
  /** Used when response_url fails (it lasts 30 minutes and 5 uses): chat.postEphemeral / chat.postMessage. */
  fallback(message: OutgoingMessage, ephemeral: boolean, error: unknown): Promise<void>;
  /** response_url cannot carry files; an attachment goes to the member by DM instead. */
  uploadFile?(message: OutgoingMessage): Promise<void>;
}

export function createSlackResponder(deps: SlackResponderDeps): CommandResponder {
  return {
    async reply(message, { ephemeral }) {
      const rendered = renderMessage(message);
      try {
        await deps.respond({ ...rendered, response_type: ephemeral ? 'ephemeral' : 'in_channel' });
      } catch (error) {
        await deps.fallback(message, ephemeral, error);
      }
      if (message.file && deps.uploadFile) await deps.uploadFile(message);
    },
  };
}
