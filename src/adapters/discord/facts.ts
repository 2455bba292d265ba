// Reads discord.js structures (and raw gateway payloads) into the plain facts translate.ts maps to
// core events. Kept apart so translate.ts stays pure and testable without a client.
import { cleanContent, type APIGuildMember, type APIInteractionGuildMember, type Client, type GatewayMessageReactionAddDispatchData, type GatewayMessageReactionRemoveDispatchData, type GuildMember, type Interaction, type Message, type PartialMessage, type User } from 'discord.js';
import type { AuthorFacts, CommandOptionFacts, InteractionFacts, MessageFacts, ReactionFacts } from './translate.ts';

export function userFacts(user: User, member: GuildMember | null): AuthorFacts {
  return {
    userId: user.id,
    displayName: member?.displayName ?? user.globalName ?? user.username,
    isBot: user.bot,
    permissions: member ? member.permissions.bitfield : null,
    roleIds: member ? [...member.roles.cache.keys()] : [],
  };
}

export function memberFacts(member: GuildMember): AuthorFacts {
  return userFacts(member.user, member);
}

/**
 * The text as a person reads it, like the Slack adapter's: Rapport's own mention removed, other
 * mentions as @name / #channel (discord.js cleanContent). https://discord.com/developers/docs/reference#message-formatting
 */
export function readableText(message: Message | PartialMessage, botUserId: string | undefined): string {
  const raw = message.content ?? '';
  const withoutBot = botUserId ? raw.replace(new RegExp(`<@!?${botUserId}>\\s?`, 'g'), '') : raw;
  return cleanContent(withoutBot, message.channel).trim();
}

export function messageFacts(message: Message | PartialMessage, botUserId?: string): MessageFacts {
  const channel = message.channel;
  const inThread = channel.isThread();
  const facts: MessageFacts = {
    id: message.id,
    guildId: message.guildId,
    channelId: message.channelId,
    threadParentId: inThread ? channel.parentId : null,
    author: message.author ? userFacts(message.author, message.member) : null,
    webhookId: message.webhookId,
    content: readableText(message, botUserId),
    createdAt: message.createdAt,
    editedAt: message.editedAt,
    mentionedUserIds: message.partial ? [] : [...message.mentions.users.keys()],
  };
  if ('name' in channel && typeof channel.name === 'string' && !inThread) facts.channelName = channel.name;
  const referenceId = message.reference?.messageId;
  if (referenceId) {
    facts.reference = { messageId: referenceId };
    const repliedUser = message.partial ? null : message.mentions.repliedUser;
    if (repliedUser) facts.reference.authorId = repliedUser.id;
  }
  return facts;
}

type RawMember = APIGuildMember | APIInteractionGuildMember | undefined;

function rawMemberFacts(client: Client, guildId: string | undefined, userId: string, raw: RawMember): AuthorFacts {
  const cached = guildId ? client.guilds.cache.get(guildId)?.members.cache.get(userId) : undefined;
  if (cached) return memberFacts(cached);
  const user = raw?.user ?? client.users.cache.get(userId);
  const displayName = raw?.nick ?? (user && 'global_name' in user ? user.global_name : user && 'globalName' in user ? user.globalName : null) ?? user?.username ?? userId;
  return {
    userId,
    displayName,
    isBot: Boolean(user?.bot),
    permissions: null,
    roleIds: raw?.roles ?? [],
  };
}

/**
 * Reactions are read from the raw gateway dispatch: it carries message_author_id (who receives
 * the recognition) even when the message is not cached, which discord.js's reaction event hides.
 * https://discord.com/developers/docs/events/gateway-events#message-reaction-add
 */
export function reactionFacts(client: Client, data: GatewayMessageReactionAddDispatchData | GatewayMessageReactionRemoveDispatchData, added: boolean, occurredAt: Date): ReactionFacts {
  const member = 'member' in data ? data.member : undefined;
  const facts: ReactionFacts = {
    guildId: data.guild_id ?? null,
    channelId: data.channel_id,
    messageId: data.message_id,
    actor: rawMemberFacts(client, data.guild_id, data.user_id, member),
    emoji: { id: data.emoji.id ?? null, name: data.emoji.name ?? null },
    added,
    occurredAt,
  };
  if ('message_author_id' in data && data.message_author_id) facts.messageAuthorId = data.message_author_id;
  return facts;
}

export function interactionFacts(interaction: Interaction): InteractionFacts {
  const member = interaction.member;
  let author: AuthorFacts;
  if (member && 'permissions' in member && typeof member.permissions !== 'string' && 'roles' in member && !Array.isArray(member.roles)) {
    author = memberFacts(member as GuildMember);
  } else {
    author = {
      userId: interaction.user.id,
      displayName: (member && 'nick' in member && member.nick) || interaction.user.globalName || interaction.user.username,
      isBot: interaction.user.bot,
      permissions: interaction.memberPermissions ? interaction.memberPermissions.bitfield : null,
      roleIds: member && Array.isArray(member.roles) ? member.roles : [],
    };
  }
  // Discord computes the member's permissions in the channel for every interaction; prefer them.
  if (interaction.memberPermissions) author = { ...author, permissions: interaction.memberPermissions.bitfield };
  const facts: InteractionFacts = {
    id: interaction.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    actor: author,
    createdAt: interaction.createdAt,
  };
  if (interaction.guild?.name) facts.guildName = interaction.guild.name;
  const channel = interaction.channel;
  if (channel?.isThread()) facts.threadParentId = channel.parentId;
  else if (channel && 'name' in channel && typeof channel.name === 'string') facts.channelName = channel.name;
  return facts;
}

/** Interaction options as delivered (discord.js keeps the raw nesting in options.data). */
export function commandOptionFacts(options: ReadonlyArray<{ name: string; type: number; value?: string | number | boolean | undefined; options?: ReadonlyArray<any> | undefined }>): CommandOptionFacts[] {
  return options.map((option) => {
    const facts: CommandOptionFacts = { name: option.name, type: option.type };
    if (option.value !== undefined) facts.value = option.value;
    if (option.options) facts.options = commandOptionFacts(option.options);
    return facts;
  });
}
