// Slack Events API payloads -> ChatEvent. Returns null for what Rapport does not count: the bot's
// own and other bots' messages, message subtypes that are not something a person said (joins,
// topic changes), edits that only added a link preview.
// Event shapes: https://docs.slack.dev/reference/events (message, app_mention, reaction_added,
// reaction_removed, member_joined_channel) and https://docs.slack.dev/reference/events/message/message_changed
import type { ButtonPressed, ChatEvent, MessagePosted } from '../../core/events.ts';
import type { SlackDirectory } from './slack-directory.ts';
import { buttonActionId } from './render.ts';
import {
  slackChannelId,
  slackCommunityId,
  slackEventId,
  slackMemberId,
  slackMessageEventId,
  slackMessageId,
} from './slack-ids.ts';

export interface TranslateContext {
  /** The workspace the bot token belongs to (auth.test team_id); used when a payload lacks one. */
  teamId: string;
  botUserId: string;
  botId?: string;
  directory: SlackDirectory;
}

/** The outer Events API envelope (event_callback); Socket Mode delivers the same object as its payload. */
export interface SlackEnvelope {
  team_id?: string;
  event_id?: string;
  event_time?: number;
  event: SlackEventPayload;
}

/** The fields Rapport reads from Slack events (a loose view over @slack/types' event union). */
export interface SlackEventPayload {
  type: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  parent_user_id?: string;
  channel?: string;
  event_ts?: string;
  team?: string;
  reaction?: string;
  item_user?: string;
  item?: { type?: string; channel?: string; ts?: string };
  message?: SlackEventPayload;
  previous_message?: SlackEventPayload;
  deleted_ts?: string;
}

/** Message subtypes that are something a person said; the rest (channel_join, bot_message...) are not counted. */
const SPOKEN_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message']);

const seconds = (ts: string | number | undefined): Date | undefined => (ts === undefined ? undefined : new Date(Math.round(Number(ts) * 1000)));

export async function translateEvent(envelope: SlackEnvelope, ctx: TranslateContext): Promise<ChatEvent | null> {
  const event = envelope.event;
  const teamId = envelope.team_id ?? event.team ?? ctx.teamId;
  const base = {
    platform: 'slack' as const,
    eventId: slackEventId(envelope.event_id ?? `${event.type}:${event.event_ts ?? event.ts ?? ''}`),
    communityId: slackCommunityId(teamId),
    occurredAt: seconds(envelope.event_time) ?? seconds(event.event_ts) ?? new Date(),
    raw: envelope,
  };
  const fromBot = (e: SlackEventPayload | undefined) =>
    !e || Boolean(e.bot_id) || e.subtype === 'bot_message' || e.user === ctx.botUserId || (ctx.botId !== undefined && e.bot_id === ctx.botId);

  switch (event.type) {
    case 'app_mention':
    case 'message': {
      if (event.subtype === 'message_changed') return translateEdit(event, teamId, base, ctx, fromBot);
      if (event.subtype === 'message_deleted') return translateDelete(event, teamId, base, ctx, fromBot);
      if (!SPOKEN_SUBTYPES.has(event.subtype) || fromBot(event) || !event.user || !event.channel || !event.ts) return null;
      return translatePosted(event as Required<Pick<SlackEventPayload, 'user' | 'channel' | 'ts'>> & SlackEventPayload, teamId, base, ctx);
    }
    case 'reaction_added':
    case 'reaction_removed': {
      const item = event.item;
      if (!event.user || event.user === ctx.botUserId || item?.type !== 'message' || !item.channel || !item.ts || !event.reaction) return null;
      return {
        ...base,
        type: event.type === 'reaction_added' ? 'reaction.added' : 'reaction.removed',
        channelId: slackChannelId(teamId, item.channel),
        messageId: slackMessageId(teamId, item.channel, item.ts),
        actor: await ctx.directory.actor(teamId, event.user),
        // "+1::skin-tone-3" counts as "+1": the tone is how it looks, not what it means.
        emoji: event.reaction.split('::')[0] ?? event.reaction,
        ...(event.item_user ? { targetMemberId: slackMemberId(teamId, event.item_user) } : {}),
      };
    }
    case 'member_joined_channel': {
      if (!event.user || event.user === ctx.botUserId) return null;
      return {
        ...base,
        type: 'member.joined',
        member: await ctx.directory.actor(teamId, event.user),
        ...(event.channel ? { channelId: slackChannelId(teamId, event.channel) } : {}),
      };
    }
    default:
      return null;
  }
}

type Base = Pick<MessagePosted, 'platform' | 'eventId' | 'communityId' | 'occurredAt' | 'raw'>;

async function translatePosted(event: SlackEventPayload & { user: string; channel: string; ts: string }, teamId: string, base: Base, ctx: TranslateContext): Promise<MessagePosted> {
  const text = event.text ?? '';
  const mentioned = mentionedUsers(text);
  const isReply = event.thread_ts !== undefined && event.thread_ts !== event.ts;
  const channelName = await ctx.directory.channelName(event.channel, teamId);
  const posted: MessagePosted = {
    ...base,
    // `message` and `app_mention` deliver the same message with different event_ids; an id built
    // from (channel, ts) makes the second one a duplicate that storage ignores.
    eventId: slackMessageEventId(teamId, event.channel, event.ts),
    occurredAt: seconds(event.ts) ?? base.occurredAt,
    type: 'message.posted',
    channelId: slackChannelId(teamId, event.channel),
    messageId: slackMessageId(teamId, event.channel, event.ts),
    author: await ctx.directory.actor(teamId, event.user),
    text: plainText(text, ctx.botUserId),
    mentions: mentioned.filter((u) => u !== ctx.botUserId).map((u) => slackMemberId(teamId, u)),
    mentionsBot: event.type === 'app_mention' || mentioned.includes(ctx.botUserId),
  };
  if (channelName) posted.channelName = channelName;
  if (isReply && event.thread_ts) {
    posted.threadId = slackMessageId(teamId, event.channel, event.thread_ts);
    posted.replyTo = { messageId: posted.threadId, ...(event.parent_user_id ? { memberId: slackMemberId(teamId, event.parent_user_id) } : {}) };
  }
  return posted;
}

async function translateEdit(event: SlackEventPayload, teamId: string, base: Base, ctx: TranslateContext, fromBot: (e: SlackEventPayload | undefined) => boolean): Promise<ChatEvent | null> {
  const message = event.message;
  if (!message || fromBot(message) || !message.user || !message.ts || !event.channel) return null;
  // Slack also sends message_changed when it adds a link preview; the words did not change.
  if (event.previous_message && event.previous_message.text === message.text) return null;
  return {
    ...base,
    type: 'message.edited',
    channelId: slackChannelId(teamId, event.channel),
    messageId: slackMessageId(teamId, event.channel, message.ts),
    author: await ctx.directory.actor(teamId, message.user),
    text: plainText(message.text ?? '', ctx.botUserId),
  };
}

async function translateDelete(event: SlackEventPayload, teamId: string, base: Base, ctx: TranslateContext, fromBot: (e: SlackEventPayload | undefined) => boolean): Promise<ChatEvent | null> {
  const ts = event.deleted_ts ?? event.previous_message?.ts;
  if (!ts || !event.channel) return null;
  const previous = event.previous_message;
  if (previous && fromBot(previous)) return null;
  return {
    ...base,
    type: 'message.deleted',
    channelId: slackChannelId(teamId, event.channel),
    messageId: slackMessageId(teamId, event.channel, ts),
    ...(previous?.user ? { author: await ctx.directory.actor(teamId, previous.user) } : {}),
  };
}

/** User ids mentioned as <@U123> or <@U123|name>, in order, without repeats. */
export function mentionedUsers(text: string): string[] {
  const ids = [...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]!);
  return [...new Set(ids)];
}

/**
 * Slack's markup as a person reads it: the bot's own mention removed, <@U1|ann> -> @ann,
 * <#C1|general> -> #general, <https://x|label> -> label (https://x), entities decoded.
 * https://docs.slack.dev/messaging/formatting-message-text
 */
export function plainText(text: string, botUserId?: string): string {
  let out = text;
  if (botUserId) out = out.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>\\s?`, 'g'), '');
  out = out
    .replace(/<@([UW][A-Z0-9]+)\|([^>]+)>/g, '@$2')
    .replace(/<@([UW][A-Z0-9]+)>/g, '@$1')
    .replace(/<#([CG][A-Z0-9]+)\|([^>]*)>/g, (_m, id: string, name: string) => `#${name || id}`)
    .replace(/<#([CG][A-Z0-9]+)>/g, '#$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]+))?>/g, (_m, handle?: string) => handle ?? '@group')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, (_m, url: string, label: string) => (label === url ? url : `${label} (${url})`))
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return out.trim();
}

/** The fields Rapport reads from a block_actions payload. https://docs.slack.dev/reference/interaction-payloads/block_actions-payload */
export interface SlackBlockActions {
  type: string;
  trigger_id?: string;
  user: { id: string; name?: string; username?: string; team_id?: string };
  team?: { id: string } | null;
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string };
  message?: { ts?: string };
  actions: Array<{ action_id: string; value?: string; action_ts?: string; type?: string }>;
}

export async function translateBlockActions(body: SlackBlockActions, ctx: TranslateContext): Promise<ButtonPressed[]> {
  const teamId = body.team?.id ?? body.user.team_id ?? ctx.teamId;
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts ?? body.container?.message_ts;
  const actor = await ctx.directory.actor(teamId, body.user.id, body.user.name ?? body.user.username);
  return body.actions
    .filter((action) => action.type === undefined || action.type === 'button')
    .map((action, index) => ({
      platform: 'slack' as const,
      // Interactivity payloads are not redelivered, but each press has its own trigger_id / action_ts.
      eventId: slackEventId(`action:${teamId}:${body.user.id}:${action.action_ts ?? body.trigger_id ?? ''}:${index}`),
      communityId: slackCommunityId(teamId),
      occurredAt: seconds(action.action_ts) ?? new Date(),
      raw: body,
      type: 'button.pressed' as const,
      ...(channel ? { channelId: slackChannelId(teamId, channel) } : {}),
      ...(channel && ts ? { messageId: slackMessageId(teamId, channel, ts) } : {}),
      actor,
      actionId: buttonActionId(action.action_id),
      value: action.value ?? '',
    }));
}
