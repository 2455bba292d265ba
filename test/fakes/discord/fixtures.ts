// Payload builders for the fake Discord: a guild with channels, a thread, roles and members in the
// shapes of Discord API v10 (https://discord.com/developers/docs/resources/guild#guild-object).

const DISCORD_EPOCH = 1420070400000n;
let counter = 0n;

/** A numeric snowflake (discord.js reads timestamps out of ids, so they must be real snowflakes). */
export function snowflake(at: number = Date.now()): string {
  counter = (counter + 1n) % 4096n;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | counter).toString();
}

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
}

export interface FakeMember {
  user: FakeUser;
  nick: string | null;
  roles: string[];
  joined_at: string;
  deaf: boolean;
  mute: boolean;
  flags: number;
}

export interface FakeChannel {
  id: string;
  type: number;
  name: string;
  guild_id?: string;
  parent_id?: string | null;
  position?: number;
  permission_overwrites?: unknown[];
  thread_metadata?: Record<string, unknown>;
  owner_id?: string;
  recipients?: FakeUser[];
}

/** Permission bits used by the fixtures (https://discord.com/developers/docs/topics/permissions). */
export const PERMISSIONS = {
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  readMessageHistory: 1n << 16n,
  addReactions: 1n << 6n,
  manageGuild: 1n << 5n,
  manageRoles: 1n << 28n,
};

/** A guild role (https://discord.com/developers/docs/topics/permissions#role-object). */
export interface FakeRole {
  id: string;
  name: string;
  position: number;
  permissions: bigint;
  /** An integration's role (a bot's own role): nobody can give it. */
  managed: boolean;
}

/** The guild's shard (https://discord.com/developers/docs/events/gateway#sharding). */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export function user(id: string, username: string, extra: Partial<FakeUser> = {}): FakeUser {
  return { id, username, global_name: extra.global_name ?? null, discriminator: '0', avatar: null, ...extra };
}

export function member(u: FakeUser, roles: string[] = [], nick: string | null = null): FakeMember {
  return { user: u, nick, roles, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 };
}

export interface GuildFixture {
  id: string;
  name: string;
  ownerId: string;
  moderatorRoleId: string;
  channels: { general: FakeChannel; help: FakeChannel; thread: FakeChannel };
  users: { bot: FakeUser; alice: FakeUser; bob: FakeUser; mod: FakeUser; owner: FakeUser; otherBot: FakeUser };
  members: FakeMember[];
  /**
   * Lowest first: @everyone, Moderators, Regulars, Advocates, Helpers, Rapport (the bot's own,
   * with Manage Roles), Admins (above the bot).
   */
  roles: { everyone: FakeRole; moderators: FakeRole; regulars: FakeRole; advocates: FakeRole; helpers: FakeRole; bot: FakeRole; admins: FakeRole };
}

export function guildFixture(bot: FakeUser, options: { id?: string; name?: string } = {}): GuildFixture {
  const id = options.id ?? snowflake();
  const moderatorRoleId = snowflake();
  const general: FakeChannel = { id: snowflake(), type: 0, name: 'general', guild_id: id, parent_id: null, position: 0, permission_overwrites: [] };
  const help: FakeChannel = { id: snowflake(), type: 0, name: 'help', guild_id: id, parent_id: null, position: 1, permission_overwrites: [] };
  const thread: FakeChannel = {
    id: snowflake(),
    type: 11,
    name: 'how do I deploy?',
    guild_id: id,
    parent_id: help.id,
    owner_id: bot.id,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
  };
  const users = {
    bot,
    alice: user(snowflake(), 'alice', { global_name: 'Alice' }),
    bob: user(snowflake(), 'bob'),
    mod: user(snowflake(), 'maria', { global_name: 'Maria' }),
    owner: user(snowflake(), 'owner'),
    otherBot: user(snowflake(), 'otherbot', { bot: true }),
  };
  const everyoneBits = PERMISSIONS.viewChannel | PERMISSIONS.sendMessages | PERMISSIONS.readMessageHistory | PERMISSIONS.addReactions;
  const role = (roleId: string, name: string, position: number, permissions = 0n, managed = false): FakeRole => ({ id: roleId, name, position, permissions, managed });
  const roles = {
    everyone: role(id, '@everyone', 0, everyoneBits),
    moderators: role(moderatorRoleId, 'Moderators', 1, everyoneBits | PERMISSIONS.manageGuild),
    regulars: role(snowflake(), 'Regulars', 2),
    advocates: role(snowflake(), 'Advocates', 3),
    helpers: role(snowflake(), 'Helpers', 4),
    bot: role(snowflake(), 'Rapport', 5, PERMISSIONS.manageRoles, true),
    admins: role(snowflake(), 'Admins', 6),
  };
  const members = [
    member(bot, [roles.bot.id]),
    member(users.alice),
    member(users.bob, [], 'Bobby'),
    member(users.mod, [moderatorRoleId]),
    member(users.owner),
    member(users.otherBot),
  ];
  return { id, name: options.name ?? 'Rapport Test Guild', ownerId: users.owner.id, moderatorRoleId, channels: { general, help, thread }, users, members, roles };
}

export function rolePayload(role: FakeRole): Record<string, unknown> {
  return {
    id: role.id, name: role.name, color: 0, hoist: false, icon: null, unicode_emoji: null, position: role.position, permissions: role.permissions.toString(), managed: role.managed, mentionable: false, flags: 0,
  };
}

export function guildCreatePayload(guild: GuildFixture): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: Object.values(guild.roles).map(rolePayload),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: guild.channels.general.id,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: guild.members.length,
    voice_states: [],
    members: guild.members,
    channels: [guild.channels.general, guild.channels.help],
    threads: [guild.channels.thread],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function memberPayload(guild: GuildFixture, u: FakeUser): FakeMember & { guild_id: string; permissions?: string } {
  const found = guild.members.find((m) => m.user.id === u.id) ?? member(u);
  return { ...found, guild_id: guild.id };
}

/** Effective guild permissions of a member, as Discord puts them into interaction payloads. */
export function memberPermissions(guild: GuildFixture, u: FakeUser): string {
  let bits = PERMISSIONS.viewChannel | PERMISSIONS.sendMessages | PERMISSIONS.readMessageHistory | PERMISSIONS.addReactions;
  const m = guild.members.find((x) => x.user.id === u.id);
  if (m?.roles.includes(guild.moderatorRoleId)) bits |= PERMISSIONS.manageGuild;
  if (u.id === guild.ownerId) bits = (1n << 41n) - 1n;
  return bits.toString();
}

export function messagePayload(input: {
  id?: string;
  channelId: string;
  guildId?: string;
  author: FakeUser;
  member?: Omit<FakeMember, 'user'>;
  content: string;
  mentions?: FakeUser[];
  referencedMessage?: Record<string, unknown> | null;
  embeds?: unknown[];
  components?: unknown[];
  flags?: number;
  editedTimestamp?: string | null;
}): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    id: input.id ?? snowflake(),
    channel_id: input.channelId,
    author: input.author,
    content: input.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: input.editedTimestamp ?? null,
    tts: false,
    mention_everyone: false,
    mentions: input.mentions ?? [],
    mention_roles: [],
    attachments: [],
    embeds: input.embeds ?? [],
    components: input.components ?? [],
    pinned: false,
    type: input.referencedMessage ? 19 : 0,
    flags: input.flags ?? 0,
  };
  if (input.guildId) payload.guild_id = input.guildId;
  if (input.member) payload.member = input.member;
  if (input.referencedMessage) {
    payload.message_reference = { type: 0, message_id: input.referencedMessage.id, channel_id: input.channelId, guild_id: input.guildId };
    payload.referenced_message = input.referencedMessage;
  }
  return payload;
}
