// Slack message shortcuts -> CommandInvocation. A message shortcut (declared in the manifest from
// src/core/commands/message-actions.ts) delivers the message it was used on; the action runs its
// command with that message's opaque id, in the message's channel, replying to the member alone
// through the payload's response_url.
// https://docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload#message_actions
import type { CommandInvocation } from '../../core/adapter.ts';
import type { MessageActionDefinition } from '../../core/commands/message-actions.ts';
import type { SlackDirectory } from './slack-directory.ts';
import { slackChannelId, slackCommunityId, slackMessageId } from './slack-ids.ts';
import { createSlackResolver, type NameLookup } from './slash-command.ts';

/** The fields Rapport reads from a message_action payload. */
export interface SlackMessageActionPayload {
  type: 'message_action';
  callback_id: string;
  trigger_id?: string;
  response_url?: string;
  team: { id: string; domain?: string } | null;
  channel: { id: string; name?: string };
  user: { id: string; name?: string; username?: string };
  message: { ts: string; user?: string; thread_ts?: string };
  message_ts?: string;
}

export async function translateMessageAction(
  payload: SlackMessageActionPayload,
  action: MessageActionDefinition,
  directory: SlackDirectory,
  options: { teamId: string; teamName?: string; names?: NameLookup; now: Date },
): Promise<CommandInvocation> {
  const teamId = payload.team?.id ?? options.teamId;
  const ts = payload.message?.ts ?? payload.message_ts ?? '';
  const invocation: CommandInvocation = {
    platform: 'slack',
    invocationId: `slack:shortcut:${payload.trigger_id ?? `${teamId}:${payload.user.id}:${ts}:${options.now.getTime()}`}`,
    communityId: slackCommunityId(teamId),
    channelId: slackChannelId(teamId, payload.channel.id),
    actor: await directory.actor(teamId, payload.user.id, payload.user.username ?? payload.user.name),
    command: action.command,
    options: action.options(slackMessageId(teamId, payload.channel.id, ts)),
    occurredAt: options.now,
    resolver: createSlackResolver(teamId, options.names),
  };
  if (action.subcommand) invocation.subcommand = action.subcommand;
  const communityName = options.teamName ?? payload.team?.domain;
  if (communityName) invocation.communityName = communityName;
  if (payload.channel.name && payload.channel.name !== 'privategroup' && payload.channel.name !== 'directmessage') invocation.channelName = payload.channel.name;
  return invocation;
}
