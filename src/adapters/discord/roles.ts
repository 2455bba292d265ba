// Discord roles for role rewards. Before a change Rapport checks what Discord would refuse: the
// bot needs Manage Roles, its highest role must sit above the role, and an integration's role
// (a bot's own, a booster role) cannot be given at all
// (https://discord.com/developers/docs/topics/permissions#permission-hierarchy). The checks read
// discord.js's cache, kept current by the gateway (GUILD_ROLE_UPDATE, GUILD_MEMBER_UPDATE); a guild
// of another shard is fetched over REST. A 50013 that still comes back becomes
// PlatformError missing_permissions (errors.ts). discord.js queues REST calls per route and waits
// out 429s; the core keeps the number in flight small.
import { Events, PermissionFlagsBits, type Client, type Guild, type GuildMember } from 'discord.js';
import { communityId as makeCommunityId, parseId } from '../../core/ids.ts';
import type { Logger } from '../../core/logger.ts';
import type { CommunityRoles, RoleProblem } from '../../core/rewards/ports.ts';
import { toPlatformError } from './errors.ts';

export interface DiscordRoles extends CommunityRoles {
  /** Announces every guild in the cache (after READY) and each guild joined later. */
  announce(): void;
}

function local(id: string): { guildId: string; localId: string } {
  const parsed = parseId(id);
  if (parsed.platform !== 'discord' || !parsed.local) throw new Error(`Not a Discord role or member id: "${id}"`);
  return { guildId: parsed.scope, localId: parsed.local };
}

export function createDiscordRoles(client: Client, deps: { logger: Logger }): DiscordRoles {
  const listeners: Array<(communityId: string) => void> = [];
  let announced = false;

  // A guild of another shard (a job run by this process, such as the weekly funnel review) is read
  // over REST each time and not cached: no gateway event would keep that copy current.
  async function guildOf(guildId: string): Promise<Guild> {
    return client.guilds.cache.get(guildId) ?? client.guilds.fetch({ guild: guildId, cache: false, withCounts: false });
  }

  async function me(guild: Guild): Promise<GuildMember> {
    return guild.members.me ?? guild.members.fetchMe();
  }

  async function memberOf(guild: Guild, userId: string): Promise<GuildMember | null> {
    const cached = guild.members.cache.get(userId);
    if (cached) return cached;
    try {
      return await guild.members.fetch(userId);
    } catch (error) {
      if (toPlatformError(error, 'fetch member').code === 'platform.discord.unknown_member') return null;
      throw toPlatformError(error, `fetch member ${userId}`);
    }
  }

  const emit = (guildId: string) => {
    for (const listener of listeners) listener(makeCommunityId('discord', guildId));
  };

  return {
    async check(communityId, roleIds) {
      const guildId = parseId(communityId).scope;
      const problems = new Map<string, RoleProblem>();
      if (roleIds.length === 0) return problems;
      const guild = await guildOf(guildId);
      const bot = await me(guild);
      const canManage = bot.permissions.has(PermissionFlagsBits.ManageRoles);
      for (const roleId of roleIds) {
        const role = guild.roles.cache.get(local(roleId).localId) ?? (await guild.roles.fetch(local(roleId).localId));
        if (!role) problems.set(roleId, 'unknown_role');
        else if (!canManage) problems.set(roleId, 'missing_manage_roles');
        else if (role.managed) problems.set(roleId, 'managed_role');
        else if (bot.roles.highest.comparePositionTo(role) <= 0) problems.set(roleId, 'role_above_bot');
      }
      return problems;
    },
    async held(memberId, roleIds) {
      const { guildId, localId } = local(memberId);
      const member = await memberOf(await guildOf(guildId), localId);
      if (!member) return null;
      return new Set(roleIds.filter((roleId) => member.roles.cache.has(local(roleId).localId)));
    },
    async grant(memberId, roleId, reason) {
      const { guildId, localId: userId } = local(memberId);
      try {
        await (await guildOf(guildId)).members.addRole({ user: userId, role: local(roleId).localId, reason });
      } catch (error) {
        throw toPlatformError(error, `grant role ${roleId} to ${memberId}`);
      }
    },
    async revoke(memberId, roleId, reason) {
      const { guildId, localId: userId } = local(memberId);
      try {
        await (await guildOf(guildId)).members.removeRole({ user: userId, role: local(roleId).localId, reason });
      } catch (error) {
        throw toPlatformError(error, `remove role ${roleId} from ${memberId}`);
      }
    },
    async label(roleId) {
      const { guildId, localId } = local(roleId);
      const name = client.guilds.cache.get(guildId)?.roles.cache.get(localId)?.name;
      return name ? `@${name}` : localId;
    },
    onCommunityReady(listener) {
      listeners.push(listener);
    },
    announce() {
      if (announced) return;
      announced = true;
      for (const guildId of client.guilds.cache.keys()) emit(guildId);
      client.on(Events.GuildCreate, (guild) => {
        deps.logger.info({ guildId: guild.id }, 'Discord guild joined');
        emit(guild.id);
      });
    },
  };
}
