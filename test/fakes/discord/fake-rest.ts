// The REST routes of Discord API v10 that Rapport calls, answered from memory and recorded:
// gateway info, channel messages, DM channels, interaction callbacks and webhook follow-ups,
// application commands. It can answer one request with 429 and refuse DMs to chosen users (50007),
// and it mimics what Discord returns for commands (ids, versions, localizations only with
// ?with_localizations=true, `required` omitted when false).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { guildCreatePayload, memberPayload, messagePayload, PERMISSIONS, rolePayload, snowflake, type FakeChannel, type FakeMember, type FakeUser, type GuildFixture } from './fixtures.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
  authorization: string | undefined;
}

export interface FakeRestState {
  token: string;
  applicationId: string;
  bot: FakeUser;
  guild: GuildFixture;
  /** Every guild (the first is `guild`). */
  guilds: GuildFixture[];
  /** What GET /gateway/bot recommends. */
  shards: number;
  gatewayUrl(): string;
  /** A member's roles changed (Discord then sends GUILD_MEMBER_UPDATE). */
  onMemberUpdate(guild: GuildFixture, member: FakeMember): void;
}

type Json = Record<string, any>;

export class FakeRest {
  readonly requests: RecordedRequest[] = [];
  readonly dmChannels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, Json>();
  /** Application commands by scope: 'global' or a guild id. */
  readonly commands = new Map<string, Json[]>();
  private readonly closedDms = new Set<string>();
  private rateLimits: Array<{ method: string; pattern: RegExp; retryAfter: number }> = [];

  constructor(private readonly state: FakeRestState) {}

  /** The next request matching method + path pattern is answered 429 with retry_after seconds. */
  rateLimitNext(method: string, pattern: RegExp, retryAfterSeconds = 0.05): void {
    this.rateLimits.push({ method, pattern, retryAfter: retryAfterSeconds });
  }

  /** Messages to this user's DM channel fail with 50007 Cannot send messages to this user. */
  closeDmsOf(userId: string): void {
    this.closedDms.add(userId);
  }

  /** Requests whose method and path match, in order. */
  find(method: string, pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pattern.test(r.path));
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const record: RecordedRequest = { method, path, query: url.searchParams, body, authorization: req.headers.authorization };
    this.requests.push(record);

    const limit = this.rateLimits.findIndex((r) => r.method === method && r.pattern.test(path));
    if (limit >= 0) {
      const { retryAfter } = this.rateLimits.splice(limit, 1)[0]!;
      return send(res, 429, { message: 'You are being rate limited.', retry_after: retryAfter, global: false }, {
        'retry-after': String(retryAfter),
        'x-ratelimit-scope': 'user',
      });
    }
    const needsAuth = !path.startsWith('/interactions/') && !path.startsWith('/webhooks/');
    if (needsAuth && req.headers.authorization !== `Bot ${this.state.token}`) return send(res, 401, { message: '401: Unauthorized', code: 0 });

    const [status, payload] = this.route(method, path, url.searchParams, body);
    return send(res, status, payload);
  }

  /** Role changes Discord would refuse (50013): Manage Roles missing, or the role not below the bot's highest. */
  private refusesRoleChange(guild: GuildFixture, roleId: string): boolean {
    const bot = guild.members.find((x) => x.user.id === this.state.bot.id);
    const botRoles = Object.values(guild.roles).filter((r) => r.id === guild.id || bot?.roles.includes(r.id));
    const permissions = botRoles.reduce((bits, r) => bits | r.permissions, 0n);
    const highest = Math.max(...botRoles.map((r) => r.position));
    const role = Object.values(guild.roles).find((r) => r.id === roleId);
    return !(permissions & PERMISSIONS.manageRoles) || !role || role.managed || role.position >= highest;
  }

  private guildRoutes(method: string, path: string): [number, unknown] | null {
    let m: RegExpMatchArray | null;
    const guildOf = (id: string) => this.state.guilds.find((g) => g.id === id);
    if ((m = path.match(/^\/guilds\/(\d+)$/)) && method === 'GET') {
      const guild = guildOf(m[1]!);
      if (!guild) return [404, { message: 'Unknown Guild', code: 10004 }];
      const { members: _members, channels: _channels, threads: _threads, ...rest } = guildCreatePayload(guild);
      return [200, rest];
    }
    if ((m = path.match(/^\/guilds\/(\d+)\/roles$/)) && method === 'GET') {
      const guild = guildOf(m[1]!);
      return guild ? [200, Object.values(guild.roles).map(rolePayload)] : [404, { message: 'Unknown Guild', code: 10004 }];
    }
    if ((m = path.match(/^\/guilds\/(\d+)\/members\/(\d+)$/)) && method === 'GET') {
      const guild = guildOf(m[1]!);
      const found = guild?.members.find((x) => x.user.id === m![2]);
      return guild && found ? [200, memberPayload(guild, found.user)] : [404, { message: 'Unknown Member', code: 10007 }];
    }
    if ((m = path.match(/^\/guilds\/(\d+)\/members\/(\d+)\/roles\/(\d+)$/)) && (method === 'PUT' || method === 'DELETE')) {
      const guild = guildOf(m[1]!);
      const found = guild?.members.find((x) => x.user.id === m![2]);
      if (!guild || !found) return [404, { message: 'Unknown Member', code: 10007 }];
      const roleId = m[3]!;
      if (this.refusesRoleChange(guild, roleId)) return [403, { message: 'Missing Permissions', code: 50013 }];
      const had = found.roles.includes(roleId);
      found.roles = method === 'PUT' ? (had ? found.roles : [...found.roles, roleId]) : found.roles.filter((r) => r !== roleId);
      if (had !== (method === 'PUT')) this.state.onMemberUpdate(guild, found);
      return [204, null];
    }
    return null;
  }

  private route(method: string, path: string, query: URLSearchParams, body: any): [number, unknown] {
    const { guild, bot, applicationId } = this.state;
    let m: RegExpMatchArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return [200, { url: this.state.gatewayUrl(), shards: this.state.shards, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } }];
    }
    const guildAnswer = path.startsWith('/guilds/') ? this.guildRoutes(method, path) : null;
    if (guildAnswer) return guildAnswer;
    if (method === 'GET' && path === '/users/@me') return [200, bot];
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = this.state.guilds.flatMap((g) => g.members).find((x) => x.user.id === body?.recipient_id)?.user;
      if (!recipient) return [400, { message: 'Invalid Form Body', code: 50035 }];
      const existing = this.dmChannels.get(recipient.id);
      const channel = existing ?? { id: snowflake(), type: 1, name: '', recipients: [recipient] };
      this.dmChannels.set(recipient.id, channel);
      return [200, { ...channel, last_message_id: null, flags: 0 }];
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages$/)) && method === 'POST') {
      const channelId = m[1]!;
      const dmOf = [...this.dmChannels.entries()].find(([, c]) => c.id === channelId)?.[0];
      if (dmOf && this.closedDms.has(dmOf)) return [403, { message: 'Cannot send messages to this user', code: 50007 }];
      const owner = this.state.guilds.find((g) => Object.values(g.channels).some((c) => c.id === channelId));
      if (!dmOf && !owner) return [404, { message: 'Unknown Channel', code: 10003 }];
      const message = this.botMessage(channelId, body, dmOf ? undefined : owner!.id);
      return [200, message];
    }
    if ((m = path.match(/^\/channels\/(\d+)$/)) && method === 'GET') {
      const owner = this.state.guilds.find((g) => Object.values(g.channels).some((c) => c.id === m![1]));
      const channel = owner && Object.values(owner.channels).find((c) => c.id === m![1]);
      return channel ? [200, { ...channel, guild_id: owner!.id }] : [404, { message: 'Unknown Channel', code: 10003 }];
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/)) && method === 'GET') {
      const message = this.messages.get(m[2]!);
      return message ? [200, message] : [404, { message: 'Unknown Message', code: 10008 }];
    }
    if ((m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && method === 'POST') {
      if (query.get('with_response') === 'true') {
        return [200, { interaction: { id: m[1], type: 2, response_message_loading: body?.type === 5, response_message_ephemeral: Boolean((body?.data?.flags ?? 0) & 64) } }];
      }
      return [204, null];
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/))) {
      if (method === 'DELETE') return [204, null];
      if (method === 'PATCH' || method === 'GET') return [200, this.botMessage(guild.channels.general.id, body ?? {}, guild.id)];
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)$/)) && method === 'POST') {
      return [200, this.botMessage(guild.channels.general.id, body, guild.id)];
    }
    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands(?:\/(\d+))?$/))) {
      if (m[1] !== applicationId) return [403, { message: 'Missing Access', code: 50001 }];
      return this.applicationCommands(method, m[2] ?? 'global', m[3], query, body);
    }
    return [404, { message: `fake discord has no route ${method} ${path}`, code: 0 }];
  }

  private applicationCommands(method: string, scope: string, commandId: string | undefined, query: URLSearchParams, body: any): [number, unknown] {
    const list = this.commands.get(scope) ?? [];
    const withLocalizations = query.get('with_localizations') === 'true';
    const stored = (input: Json, previous?: Json): Json => storeCommand(input, previous, this.state.applicationId, scope);
    if (method === 'GET' && !commandId) return [200, list.map((c) => present(c, withLocalizations))];
    if (method === 'PUT' && !commandId) {
      const next = (body as Json[]).map((input) => stored(input, list.find((c) => c.name === input.name)));
      this.commands.set(scope, next);
      return [200, next.map((c) => present(c, true))];
    }
    if (method === 'POST' && !commandId) {
      const previous = list.find((c) => c.name === body.name);
      const command = stored(body, previous);
      this.commands.set(scope, [...list.filter((c) => c.name !== body.name), command]);
      return [previous ? 200 : 201, present(command, true)];
    }
    const index = list.findIndex((c) => c.id === commandId);
    if (index < 0) return [404, { message: 'Unknown application command', code: 10063 }];
    if (method === 'PATCH') {
      const command = stored({ ...list[index], ...body }, list[index]);
      list[index] = command;
      return [200, present(command, true)];
    }
    if (method === 'DELETE') {
      list.splice(index, 1);
      return [204, null];
    }
    return [405, { message: '405: Method Not Allowed', code: 0 }];
  }

  private botMessage(channelId: string, body: any, guildId: string | undefined): Json {
    const payload = body?.payload_json ? JSON.parse(body.payload_json) : (body ?? {});
    const referenced = payload.message_reference?.message_id ? this.messages.get(payload.message_reference.message_id) ?? null : null;
    const message = messagePayload({
      channelId,
      ...(guildId ? { guildId } : {}),
      author: this.state.bot,
      content: payload.content ?? '',
      embeds: payload.embeds ?? [],
      components: payload.components ?? [],
      flags: payload.flags ?? 0,
      referencedMessage: referenced,
    });
    this.messages.set(String(message.id), message);
    return message;
  }
}

/** What Discord stores for a command: ids, version, defaults filled in, `required: false` dropped. */
function storeCommand(input: Json, previous: Json | undefined, applicationId: string, scope: string): Json {
  const strip = (options: Json[] | undefined): Json[] | undefined =>
    options?.map(({ required, options: nested, ...rest }) => ({ ...rest, ...(required ? { required: true } : {}), ...(nested ? { options: strip(nested) } : {}) }));
  const command: Json = {
    id: previous?.id ?? snowflake(),
    application_id: applicationId,
    version: snowflake(),
    type: input.type ?? 1,
    name: input.name,
    name_localizations: input.name_localizations ?? null,
    description: input.description,
    description_localizations: input.description_localizations ?? null,
    default_member_permissions: input.default_member_permissions ?? null,
    nsfw: input.nsfw ?? false,
    integration_types: input.integration_types ?? [0],
    contexts: input.contexts ?? null,
  };
  if (scope === 'global') command.dm_permission = true;
  else command.guild_id = scope;
  if (input.options) command.options = strip(input.options);
  return command;
}

/** GET returns localized names instead of the maps unless ?with_localizations=true. */
function present(command: Json, withLocalizations: boolean): Json {
  if (withLocalizations) return command;
  const drop = (value: Json): Json => {
    const { name_localizations: _n, description_localizations: _d, ...rest } = value;
    if (Array.isArray(rest.options)) rest.options = rest.options.map(drop);
    if (Array.isArray(rest.choices)) rest.choices = rest.choices.map(drop);
    return rest;
  };
  return drop(command);
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return null;
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(raw.toString('utf8'));
  if (type.includes('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const out: Json = {};
    for (const [key, value] of form.entries()) out[key] = typeof value === 'string' ? value : { name: value.name, content: await value.text() };
    return out;
  }
  return raw.toString('utf8');
}

function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || payload === null) {
    res.writeHead(status === 200 ? 204 : status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
}
