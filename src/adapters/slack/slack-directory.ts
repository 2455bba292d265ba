// Who a Slack user is (display name, bot, moderator) and what a channel is called, cached so a
// busy channel does not cost one users.info call per message. Moderators are workspace admins and
// owners (users.info is_admin / is_owner), the configured user ids, and members of the configured
// user group (usergroups.users.list).
// https://docs.slack.dev/reference/methods/users.info  https://docs.slack.dev/reference/methods/usergroups.users.list
import { LRUCache } from 'lru-cache';
import type { webApi } from '@slack/bolt';
import type { Clock } from '../../core/clock.ts';
import type { Actor } from '../../core/events.ts';
import type { Logger } from '../../core/logger.ts';
import { callSlack } from './errors.ts';
import { slackMemberId } from './slack-ids.ts';

export interface SlackUserInfo {
  displayName: string;
  isBot: boolean;
  isAdmin: boolean;
}

export interface SlackDirectory {
  actor(teamId: string, userId: string, fallbackName?: string): Promise<Actor>;
  /** `teamId` picks the workspace's client; without it, the one of a single-token app. */
  channelName(channelId: string, teamId?: string): Promise<string | undefined>;
}

export interface SlackDirectoryOptions {
  /** One client (one workspace), or the workspace's client by team id (OAuth, workspace-clients.ts). */
  client: webApi.WebClient | ((teamId: string) => Promise<webApi.WebClient>);
  clock: Clock;
  logger: Logger;
  /** Slack user ids that are always moderators. */
  moderators?: readonly string[];
  /** A user group id ("S0123") or handle ("community-team") whose members are moderators. */
  moderatorGroup?: string;
  /** How long user, channel and group answers are reused (default 10 minutes). */
  ttlMs?: number;
}

interface Cached<T> {
  value: Promise<T>;
  expires: number;
}

export function createSlackDirectory(options: SlackDirectoryOptions): SlackDirectory {
  const { clock } = options;
  const given = options.client;
  const clientFor = typeof given === 'function' ? given : async () => given;
  const ttl = options.ttlMs ?? 10 * 60_000;
  const listed = new Set(options.moderators ?? []);
  // Bounded and timed by lru-cache on the injected clock: a huge workspace cannot grow them for ever.
  const lru = <T>() => new LRUCache<string, Cached<T>>({ max: 50_000, ttl, ttlResolution: 0, perf: { now: () => clock.now().getTime() } });
  const users = lru<SlackUserInfo>();
  const channels = lru<string | undefined>();
  // The moderator group's members, per workspace (the same handle names a group in each).
  const groups = new Map<string, Cached<Set<string>>>();

  function cached<T>(map: LRUCache<string, Cached<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = map.get(key);
    if (hit) return hit.value;
    const value = load();
    map.set(key, { value, expires: clock.now().getTime() + ttl });
    // A failed lookup is not remembered: the next event asks Slack again.
    value.catch(() => map.delete(key));
    return value;
  }

  async function loadUser(teamId: string, userId: string): Promise<SlackUserInfo> {
    const client = await clientFor(teamId);
    const result = await callSlack('users.info', () => client.users.info({ user: userId }));
    const user = result.user;
    const profile = user?.profile;
    return {
      displayName: profile?.display_name || profile?.real_name || user?.real_name || user?.name || userId,
      isBot: Boolean(user?.is_bot) || userId === 'USLACKBOT',
      isAdmin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner),
    };
  }

  async function loadGroupMembers(teamId: string): Promise<Set<string>> {
    const configured = options.moderatorGroup;
    if (!configured) return new Set();
    const client = await clientFor(teamId);
    let groupId = configured;
    if (!/^S[A-Z0-9]+$/.test(configured)) {
      const handle = configured.replace(/^@/, '');
      const all = await callSlack('usergroups.list', () => client.usergroups.list({}));
      const found = all.usergroups?.find((g) => g.handle === handle || g.name === handle);
      if (!found?.id) return new Set();
      groupId = found.id;
    }
    const result = await callSlack('usergroups.users.list', () => client.usergroups.users.list({ usergroup: groupId }));
    return new Set(result.users ?? []);
  }

  async function inGroup(teamId: string, userId: string): Promise<boolean> {
    if (!options.moderatorGroup) return false;
    const now = clock.now().getTime();
    let group = groups.get(teamId);
    if (!group || group.expires <= now) {
      const value = loadGroupMembers(teamId);
      group = { value, expires: now + ttl };
      groups.set(teamId, group);
      value.catch(() => groups.delete(teamId));
    }
    return (await group.value).has(userId);
  }

  return {
    async actor(teamId, userId, fallbackName) {
      const memberId = slackMemberId(teamId, userId);
      let info: SlackUserInfo;
      try {
        info = await cached(users, `${teamId}:${userId}`, () => loadUser(teamId, userId));
      } catch (error) {
        // A user Slack will not describe (another workspace in a shared channel, a missing scope,
        // an outage) still takes part; they are just not treated as a moderator on our guess.
        options.logger.warn({ err: error, userId }, 'slack: users.info failed; using the user id as the name');
        return { memberId, displayName: fallbackName ?? userId, isBot: false, isModerator: listed.has(userId) };
      }
      let isModerator = !info.isBot && (listed.has(userId) || info.isAdmin);
      if (!isModerator && !info.isBot && options.moderatorGroup) {
        try {
          isModerator = await inGroup(teamId, userId);
        } catch (error) {
          options.logger.warn({ err: error, group: options.moderatorGroup }, 'slack: could not read the moderator user group');
        }
      }
      return {
        memberId,
        displayName: info.displayName === userId && fallbackName ? fallbackName : info.displayName,
        isBot: info.isBot,
        isModerator,
      };
    },
    async channelName(channelId, teamId = '') {
      try {
        return await cached(channels, `${teamId}:${channelId}`, async () => {
          const client = await clientFor(teamId);
          const result = await callSlack('conversations.info', () => client.conversations.info({ channel: channelId }));
          return result.channel?.name ?? undefined;
        });
      } catch (error) {
        // The name is a nicety (events still count without it), so a failed lookup is logged, not fatal.
        options.logger.warn({ err: error, channelId }, 'slack: conversations.info failed; continuing without the channel name');
        return undefined;
      }
    },
  };
}
