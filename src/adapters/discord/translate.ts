// Discord facts -> core events and command invocations. Pure: facts.ts reads discord.js structures
// into the plain shapes below, so this file is unit-tested without a client.
//
// Ids: community "discord:<guildId>", channels and members "discord:<guildId>:<id>". Message ids and
// thread ids stay raw snowflakes (globally unique in Discord). In a thread, channelId is the parent
// channel (what moderators watch) and threadId the thread channel: Replier.post({ threadOf: threadId })
// posts inside that thread. Event ids are derived from Discord's own ids, so a gateway RESUME that
// replays a dispatch produces the same event id and storage counts it once.
import type { ThreadTagged } from '../../core/events.ts';
import type { CommandInvocation } from '../../core/adapter.ts';
import type { Actor, ButtonPressed, MemberJoined, MessageDeleted, MessageEdited, MessagePosted, ReactionChanged } from '../../core/events.ts';
import { communityId, scopedId } from '../../core/ids.ts';
import { decodeCustomId } from './render.ts';

/** Permission bits that make a member a moderator (https://discord.com/developers/docs/topics/permissions). */
export const MODERATOR_PERMISSIONS = { administrator: 1n << 3n, manageGuild: 1n << 5n } as const;

export interface TranslateContext {
  botUserId: string;
  /** A role whose members count as moderators (DISCORD_MODERATOR_ROLE), besides Manage Server. */
  moderatorRoleId?: string;
}

export interface AuthorFacts {
  userId: string;
  displayName: string;
  isBot: boolean;
  /** Guild-level permissions when known (members from the cache or an interaction payload). */
  permissions: bigint | null;
  roleIds: readonly string[];
}

export interface MessageFacts {
  id: string;
  guildId: string | null;
  channelId: string;
  channelName?: string;
  /** Parent channel id when the message is in a thread. */
  threadParentId?: string | null;
  author: AuthorFacts | null;
  webhookId?: string | null;
  content: string;
  createdAt: Date;
  editedAt?: Date | null;
  mentionedUserIds: readonly string[];
  reference?: { messageId: string; authorId?: string };
}

export interface ReactionFacts {
  guildId: string | null;
  channelId: string;
  messageId: string;
  actor: AuthorFacts;
  emoji: { id: string | null; name: string | null };
  messageAuthorId?: string;
  added: boolean;
  occurredAt: Date;
}

export type OptionValue = string | number | boolean;

export interface CommandOptionFacts {
  name: string;
  type: number;
  value?: OptionValue;
  options?: CommandOptionFacts[];
}

export interface InteractionFacts {
  id: string;
  guildId: string | null;
  guildName?: string;
  channelId: string | null;
  /** Parent channel when the interaction happened in a thread (the channel moderators watch). */
  threadParentId?: string | null;
  channelName?: string;
  actor: AuthorFacts;
  createdAt: Date;
}

export function isModerator(author: AuthorFacts, context: TranslateContext): boolean {
  const { administrator, manageGuild } = MODERATOR_PERMISSIONS;
  if (author.permissions !== null && (author.permissions & (administrator | manageGuild)) !== 0n) return true;
  return context.moderatorRoleId !== undefined && author.roleIds.includes(context.moderatorRoleId);
}

export function toActor(guildId: string, author: AuthorFacts, context: TranslateContext): Actor {
  return {
    memberId: scopedId('discord', guildId, author.userId),
    displayName: author.displayName,
    isBot: author.isBot,
    isModerator: isModerator(author, context),
  };
}

/** Bots (including Rapport itself) and webhooks are not community members. */
function fromPerson(author: AuthorFacts | null, webhookId: string | null | undefined, context: TranslateContext): author is AuthorFacts {
  return author !== null && !author.isBot && !webhookId && author.userId !== context.botUserId;
}

export function translateMessage(message: MessageFacts, context: TranslateContext, raw?: unknown): MessagePosted | null {
  if (!message.guildId || !fromPerson(message.author, message.webhookId, context)) return null;
  const guildId = message.guildId;
  const inThread = Boolean(message.threadParentId);
  const event: MessagePosted = {
    type: 'message.posted',
    platform: 'discord',
    eventId: `discord:message:${message.id}`,
    communityId: communityId('discord', guildId),
    occurredAt: message.createdAt,
    channelId: scopedId('discord', guildId, inThread ? message.threadParentId! : message.channelId),
    messageId: message.id,
    author: toActor(guildId, message.author, context),
    text: message.content,
    mentions: message.mentionedUserIds.filter((id) => id !== context.botUserId).map((id) => scopedId('discord', guildId, id)),
    mentionsBot: message.mentionedUserIds.includes(context.botUserId),
    raw,
  };
  if (message.channelName && !inThread) event.channelName = message.channelName;
  if (inThread) event.threadId = message.channelId;
  if (message.reference) {
    event.replyTo = { messageId: message.reference.messageId };
    if (message.reference.authorId) event.replyTo.memberId = scopedId('discord', guildId, message.reference.authorId);
  }
  return event;
}

/** Only real edits (edited_timestamp set): Discord also sends MESSAGE_UPDATE when link previews load. */
export function translateEdit(message: MessageFacts, context: TranslateContext, raw?: unknown): MessageEdited | null {
  if (!message.guildId || !message.editedAt || !fromPerson(message.author, message.webhookId, context)) return null;
  const guildId = message.guildId;
  return {
    type: 'message.edited',
    platform: 'discord',
    eventId: `discord:message:${message.id}:edit:${message.editedAt.getTime()}`,
    communityId: communityId('discord', guildId),
    occurredAt: message.editedAt,
    channelId: scopedId('discord', guildId, message.threadParentId || message.channelId),
    messageId: message.id,
    author: toActor(guildId, message.author, context),
    text: message.content,
    raw,
  };
}

/** A deleted message may be unknown to the cache (author null); bot messages are ignored when known. */
export function translateDelete(message: MessageFacts, context: TranslateContext, occurredAt: Date, raw?: unknown): MessageDeleted | null {
  if (!message.guildId) return null;
  if (message.author && !fromPerson(message.author, message.webhookId, context)) return null;
  const guildId = message.guildId;
  const event: MessageDeleted = {
    type: 'message.deleted',
    platform: 'discord',
    eventId: `discord:message:${message.id}:delete`,
    communityId: communityId('discord', guildId),
    occurredAt,
    channelId: scopedId('discord', guildId, message.threadParentId || message.channelId),
    messageId: message.id,
    raw,
  };
  if (message.author) event.author = toActor(guildId, message.author, context);
  return event;
}

export function translateReaction(reaction: ReactionFacts, context: TranslateContext, raw?: unknown): ReactionChanged | null {
  if (!reaction.guildId || !fromPerson(reaction.actor, null, context)) return null;
  const guildId = reaction.guildId;
  const emojiKey = reaction.emoji.id ?? reaction.emoji.name ?? 'unknown';
  const event: ReactionChanged = {
    type: reaction.added ? 'reaction.added' : 'reaction.removed',
    platform: 'discord',
    eventId: `discord:reaction:${reaction.messageId}:${reaction.actor.userId}:${emojiKey}:${reaction.added ? 'add' : 'remove'}`,
    communityId: communityId('discord', guildId),
    occurredAt: reaction.occurredAt,
    channelId: scopedId('discord', guildId, reaction.channelId),
    messageId: reaction.messageId,
    actor: toActor(guildId, reaction.actor, context),
    emoji: reaction.emoji.name ?? emojiKey,
    raw,
  };
  if (reaction.messageAuthorId) event.targetMemberId = scopedId('discord', guildId, reaction.messageAuthorId);
  return event;
}

export function translateMemberJoin(guildId: string, member: AuthorFacts, joinedAt: Date, systemChannelId: string | null, context: TranslateContext, raw?: unknown): MemberJoined | null {
  if (!fromPerson(member, null, context)) return null;
  const event: MemberJoined = {
    type: 'member.joined',
    platform: 'discord',
    eventId: `discord:member:${guildId}:${member.userId}:join:${joinedAt.getTime()}`,
    communityId: communityId('discord', guildId),
    occurredAt: joinedAt,
    member: toActor(guildId, member, context),
    raw,
  };
  if (systemChannelId) event.channelId = scopedId('discord', guildId, systemChannelId);
  return event;
}

/** Chat input command -> invocation. Member and channel options become opaque ids. */
export function translateCommand(
  interaction: InteractionFacts,
  command: { name: string; options: readonly CommandOptionFacts[] },
  context: TranslateContext,
): CommandInvocation | null {
  if (!interaction.guildId || !interaction.channelId) return null;
  const guildId = interaction.guildId;
  let options = command.options;
  let subcommand: string | undefined;
  const first = options[0];
  if (first && (first.type === OPTION_TYPE.subcommand || first.type === OPTION_TYPE.subcommandGroup)) {
    subcommand = first.name;
    options = first.options ?? [];
    // A group nests once more ("/settings channel watch"); Rapport names the leaf "channel watch".
    const nested = options[0];
    if (first.type === OPTION_TYPE.subcommandGroup && nested) {
      subcommand = `${first.name} ${nested.name}`;
      options = nested.options ?? [];
    }
  }
  const invocation: CommandInvocation = {
    platform: 'discord',
    invocationId: `discord:interaction:${interaction.id}`,
    communityId: communityId('discord', guildId),
    channelId: scopedId('discord', guildId, interaction.threadParentId || interaction.channelId),
    actor: toActor(guildId, interaction.actor, context),
    command: command.name,
    options: optionValues(guildId, options),
    occurredAt: interaction.createdAt,
  };
  if (interaction.guildName) invocation.communityName = interaction.guildName;
  if (interaction.channelName) invocation.channelName = interaction.channelName;
  if (subcommand) invocation.subcommand = subcommand;
  return invocation;
}

/** https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-type */
export const OPTION_TYPE = { subcommand: 1, subcommandGroup: 2, string: 3, integer: 4, boolean: 5, user: 6, channel: 7, role: 8, mentionable: 9, number: 10 } as const;

export function optionValues(guildId: string, options: readonly CommandOptionFacts[]): Record<string, OptionValue> {
  const values: Record<string, OptionValue> = {};
  for (const option of options) {
    if (option.value === undefined) continue;
    const opaque = option.type === OPTION_TYPE.user || option.type === OPTION_TYPE.channel || option.type === OPTION_TYPE.role || option.type === OPTION_TYPE.mentionable;
    values[option.name] = opaque ? scopedId('discord', guildId, String(option.value)) : option.value;
  }
  return values;
}

/** Button press -> ButtonPressed. In DMs the guild comes from the custom_id (see encodeCustomId). */
export function translateButton(interaction: InteractionFacts, customId: string, messageId: string | undefined, context: TranslateContext, raw?: unknown): ButtonPressed | null {
  const decoded = decodeCustomId(customId);
  const guildId = interaction.guildId ?? decoded?.guildId;
  if (!decoded || !guildId) return null;
  const event: ButtonPressed = {
    type: 'button.pressed',
    platform: 'discord',
    eventId: `discord:interaction:${interaction.id}`,
    communityId: communityId('discord', guildId),
    occurredAt: interaction.createdAt,
    actor: toActor(guildId, interaction.actor, context),
    actionId: decoded.actionId,
    value: decoded.value,
    raw,
  };
  if (interaction.channelId && interaction.guildId) event.channelId = scopedId('discord', guildId, interaction.threadParentId || interaction.channelId);
  if (messageId) event.messageId = messageId;
  return event;
}

/** "<@123>", "<@!123>" or a bare snowflake -> user id; "<#123>" or a snowflake -> channel id. */
export function parseMention(raw: string, kind: 'member' | 'channel'): string | null {
  const pattern = kind === 'member' ? /^<@!?(\d{15,25})>$|^(\d{15,25})$/ : /^<#(\d{15,25})>$|^(\d{15,25})$/;
  const match = raw.trim().match(pattern);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** What a THREAD_UPDATE says about a forum post's tags (facts gathered in index.ts from the cache). */
export interface ThreadTagFacts {
  guildId: string;
  /** The forum (or media) channel the post is in. */
  forumId: string;
  threadId: string;
  title: string | null;
  /** The post's author (the update does not say who applied the tags). */
  owner: AuthorFacts;
  /** Names of the tags the update added. */
  added: string[];
  at: Date;
}

/** Tags applied to a forum post -> ThreadTagged (the learning feature reads "Solved" ones). */
export function translateThreadTags(facts: ThreadTagFacts, context: TranslateContext): ThreadTagged | null {
  if (facts.added.length === 0 || facts.owner.isBot) return null;
  const event: ThreadTagged = {
    type: 'thread.tagged',
    platform: 'discord',
    // One event per post and set of tags: a replayed update is stored once.
    eventId: `discord:thread-tags:${facts.threadId}:${[...facts.added].sort().join(',')}`,
    communityId: communityId('discord', facts.guildId),
    occurredAt: facts.at,
    channelId: scopedId('discord', facts.guildId, facts.forumId),
    threadId: facts.threadId,
    actor: toActor(facts.guildId, facts.owner, context),
    added: facts.added,
  };
  if (facts.title) event.title = facts.title;
  return event;
}
