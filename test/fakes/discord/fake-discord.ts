// A local fake Discord for tests: REST (FakeRest) and gateway (FakeGateway) on one HTTP server at
// 127.0.0.1:<random port>. Point discord.js at it with `rest: { api: fake.apiUrl }`; its
// GET /gateway/bot hands out the local ws:// gateway URL. Helpers dispatch gateway events in the
// shapes Discord sends, so the real discord.js Client parses them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './fake-gateway.ts';
import { FakeRest } from './fake-rest.ts';
import { guildFixture, memberPayload, memberPermissions, messagePayload, rolePayload, snowflake, user, type FakeChannel, type FakeRole, type FakeUser, type GuildFixture } from './fixtures.ts';

const DISCORD_EPOCH = 1420070400000;

export interface FakeDiscord {
  apiUrl: string;
  token: string;
  applicationId: string;
  guild: GuildFixture;
  /** Every guild; the first is `guild`. Guild i sits on shard i % shards. */
  guilds: GuildFixture[];
  rest: FakeRest;
  gateway: FakeGateway;
  /** A member posts in a channel (or thread); returns the message payload. */
  postMessage(input: { author: FakeUser; channel: FakeChannel; content: string; replyTo?: Record<string, unknown>; mentions?: FakeUser[]; id?: string }): Record<string, any>;
  editMessage(message: Record<string, any>, content: string): Record<string, any>;
  deleteMessage(message: Record<string, any>): void;
  addReaction(input: { user: FakeUser; message: Record<string, any>; emoji: string }): void;
  removeReaction(input: { user: FakeUser; message: Record<string, any>; emoji: string }): void;
  memberJoins(u: FakeUser): void;
  /**
   * Changes a role (position, permissions). Discord tells the bot with GUILD_ROLE_UPDATE; with
   * `tell: false` the bot's cache keeps the old role (a change it has not heard of yet).
   */
  updateRole(guild: GuildFixture, role: FakeRole, patch: Partial<Omit<FakeRole, 'id'>>, options?: { tell?: boolean }): void;
  /** A chat-input command interaction; returns its id and token. */
  slashCommand(input: { user: FakeUser; name: string; channel?: FakeChannel; subcommand?: string; options?: Array<{ name: string; type: number; value: string | number | boolean }>; locale?: string }): { id: string; token: string };
  /** Any other interaction (a modal submit, a select menu, ...): `type` and `data` as Discord sends them. */
  interaction(input: { user: FakeUser; type: number; data: Record<string, unknown>; channel?: FakeChannel }): { id: string; token: string };
  /** A button press on a message the bot sent. */
  pressButton(input: { user: FakeUser; customId: string; message: Record<string, any>; channel?: FakeChannel }): { id: string; token: string };
  close(): Promise<void>;
}

export async function startFakeDiscord(options: { heartbeatIntervalMs?: number; guilds?: number; shards?: number } = {}): Promise<FakeDiscord> {
  const token = `fake-token-${snowflake()}`;
  const applicationId = snowflake();
  const bot = user(applicationId, 'Rapport', { bot: true });
  const shards = options.shards ?? 1;
  // Guild i gets an id whose timestamp puts it on shard i % shards ((id >> 22) % shards).
  const base = Date.now() - ((Date.now() - DISCORD_EPOCH) % shards);
  const guilds = Array.from({ length: options.guilds ?? 1 }, (_, i) => guildFixture(bot, { id: snowflake(base - shards * 1000 + i), name: i === 0 ? 'Rapport Test Guild' : `Rapport Test Guild ${i + 1}` }));
  const guild = guilds[0]!;
  const guildOfChannel = (channel: FakeChannel) => guilds.find((g) => g.id === channel.guild_id) ?? guild;
  const server: Server = createServer();
  const address = () => `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gatewayUrl = () => `ws://${address()}`;
  const memberUpdate = (g: GuildFixture, m: { user: FakeUser; nick: string | null; roles: string[]; joined_at: string; flags: number }) =>
    gateway.dispatch('GUILD_MEMBER_UPDATE', { guild_id: g.id, user: m.user, nick: m.nick, roles: m.roles, joined_at: m.joined_at, deaf: false, mute: false, flags: m.flags, avatar: null, premium_since: null, pending: false, communication_disabled_until: null });
  const rest = new FakeRest({ token, applicationId, bot, guild, guilds, shards, gatewayUrl, onMemberUpdate: (g, m) => memberUpdate(g, m) });
  const gateway = new FakeGateway(server, gatewayUrl, { token, bot, applicationId, guild, guilds, ...(options.heartbeatIntervalMs ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}) });
  server.on('request', (req, res) => {
    rest.handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(error), code: 0 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const memberOf = (u: FakeUser, g: GuildFixture = guild) => {
    const { user: _user, guild_id: _g, ...rest } = memberPayload(g, u);
    return rest;
  };
  const interactionBase = (u: FakeUser, channel: FakeChannel, locale: string, guild = guildOfChannel(channel)) => ({
    id: snowflake(),
    application_id: applicationId,
    token: `itoken-${snowflake()}`,
    version: 1,
    guild_id: guild.id,
    guild: { id: guild.id, locale: 'en-US', features: [] },
    guild_locale: 'en-US',
    channel_id: channel.id,
    channel: { id: channel.id, type: channel.type, name: channel.name, guild_id: guild.id, parent_id: channel.parent_id ?? null, permissions: '2248473465835073' },
    member: { ...memberPayload(guild, u), permissions: memberPermissions(guild, u) },
    locale,
    app_permissions: '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
    attachment_size_limit: 10485760,
  });

  return {
    apiUrl: `http://${address()}/api`,
    token,
    applicationId,
    guild,
    guilds,
    rest,
    gateway,
    postMessage({ author, channel, content, replyTo, mentions, id }) {
      const message = messagePayload({
        ...(id ? { id } : {}),
        channelId: channel.id,
        guildId: guildOfChannel(channel).id,
        author,
        member: memberOf(author, guildOfChannel(channel)),
        content,
        mentions: mentions ?? [],
        referencedMessage: replyTo ?? null,
      });
      rest.messages.set(String(message.id), message);
      gateway.dispatch('MESSAGE_CREATE', message);
      return message;
    },
    editMessage(message, content) {
      const edited = { ...message, content, edited_timestamp: new Date().toISOString() };
      rest.messages.set(String(message.id), edited);
      gateway.dispatch('MESSAGE_UPDATE', edited);
      return edited;
    },
    deleteMessage(message) {
      gateway.dispatch('MESSAGE_DELETE', { id: message.id, channel_id: message.channel_id, guild_id: message.guild_id ?? guild.id });
    },
    addReaction({ user: u, message, emoji }) {
      gateway.dispatch('MESSAGE_REACTION_ADD', {
        user_id: u.id,
        channel_id: message.channel_id,
        message_id: message.id,
        guild_id: message.guild_id ?? guild.id,
        member: memberPayload(guild, u),
        emoji: { id: null, name: emoji },
        message_author_id: message.author.id,
        burst: false,
        burst_colors: [],
        type: 0,
      });
    },
    removeReaction({ user: u, message, emoji }) {
      gateway.dispatch('MESSAGE_REACTION_REMOVE', {
        user_id: u.id, channel_id: message.channel_id, message_id: message.id, guild_id: message.guild_id ?? guild.id, emoji: { id: null, name: emoji }, burst: false, type: 0,
      });
    },
    updateRole(g, role, patch, { tell = true } = {}) {
      Object.assign(role, patch);
      if (tell) gateway.dispatch('GUILD_ROLE_UPDATE', { guild_id: g.id, role: rolePayload(role) });
    },
    memberJoins(u) {
      const joined = { user: u, nick: null, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, guild_id: guild.id };
      guild.members.push({ user: u, nick: null, roles: [], joined_at: joined.joined_at, deaf: false, mute: false, flags: 0 });
      gateway.dispatch('GUILD_MEMBER_ADD', joined);
    },
    slashCommand({ user: u, name, channel = guild.channels.general, subcommand, options = [], locale = 'en-US' }) {
      const guild = guildOfChannel(channel);
      const base = interactionBase(u, channel, locale);
      const roles = options.filter((o) => o.type === 8).map((o) => Object.values(guild.roles).find((r) => r.id === o.value)).filter((x) => x !== undefined);
      const users = options.filter((o) => o.type === 6).map((o) => guild.members.find((x) => x.user.id === o.value)).filter((x) => x !== undefined);
      const channels = options.filter((o) => o.type === 7).map((o) => Object.values(guild.channels).find((c) => c.id === o.value)).filter((x) => x !== undefined);
      const data: Record<string, unknown> = {
        id: snowflake(),
        name,
        type: 1,
        guild_id: guild.id,
        options: subcommand ? [{ name: subcommand, type: 1, options }] : options,
        resolved: {
          users: Object.fromEntries(users.map((x) => [x.user.id, x.user])),
          members: Object.fromEntries(users.map((x) => [x.user.id, { ...memberOf(x.user), permissions: memberPermissions(guild, x.user) }])),
          channels: Object.fromEntries(channels.map((c) => [c.id, { id: c.id, type: c.type, name: c.name, permissions: '2248473465835073' }])),
          roles: Object.fromEntries(roles.map((r) => [r.id, rolePayload(r)])),
        },
      };
      gateway.dispatch('INTERACTION_CREATE', { ...base, type: 2, data });
      return { id: base.id, token: base.token };
    },
    interaction({ user: u, type, data, channel = guild.channels.general }) {
      const base = interactionBase(u, channel, 'en-US');
      gateway.dispatch('INTERACTION_CREATE', { ...base, type, data });
      return { id: base.id, token: base.token };
    },
    pressButton({ user: u, customId, message, channel = guild.channels.general }) {
      const base = interactionBase(u, channel, 'en-US');
      gateway.dispatch('INTERACTION_CREATE', { ...base, type: 3, message, data: { custom_id: customId, component_type: 2 } });
      return { id: base.id, token: base.token };
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
