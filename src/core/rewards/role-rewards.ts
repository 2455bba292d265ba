// Role rewards at work: stores what moderators set, and keeps members' reward roles in line with
// their funnel stage and all-time points. Before any grant or removal it asks the platform whether
// Rapport may (Manage Roles, its own role above the target, not an integration's role) and makes no
// call for a role it may not touch; the problem is stored on the reward, shown by /rewards and told
// to the moderators once. A whole community is synced a few members at a time (discord.js also
// queues requests per route and waits out 429s), so a sync of thousands never floods the API.
import { boundedCache } from '../bounded-cache.ts';
import { PlatformError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { NoticeSender } from '../outbox/notice-sender.ts';
import type { Notice } from '../outbox/notices.ts';
import { desiredRoles, managedRoles, planRoles } from './reward-rules.ts';
import type { CommunityRoles, MemberStanding, RewardKind, RewardMode, RoleDirectory, RoleProblem, RoleReward, RoleRewardRepository } from './ports.ts';

export interface RoleRewardsDeps {
  repo: RoleRewardRepository;
  roles: RoleDirectory;
  /** A member's stage and all-time points (newcomer with 0 points when unknown). */
  standing(communityId: string, memberId: string): Promise<MemberStanding>;
  /** The members a community sync looks at (people, not bots). */
  members(communityId: string): Promise<string[]>;
  logger: Logger;
  /** The notice telling the community's moderators that a role cannot be granted (null: nobody to tell). */
  notice?(communityId: string, roleId: string, problem: RoleProblem, at: number): Promise<Notice | null>;
  /** Sends the notice, written with the new problem (the outbox), once per new problem. */
  notices?: Pick<NoticeSender, 'deliver'>;
  /** Members synced at once in a community sync. */
  concurrency?: number;
  /** How long this process trusts its copy of a community's rewards (other processes may change them). */
  cacheMs?: number;
  now?: () => number;
}

export interface SyncReport {
  members: number;
  granted: number;
  revoked: number;
  /** Roles Rapport could not touch, and why. */
  problems: Map<string, RoleProblem>;
  /** Calls that failed for another reason (logged). */
  failed: number;
}

export interface RewardSet {
  communityId: string;
  rewards: RoleReward[];
  mode: RewardMode;
}

export interface RoleRewards {
  /** False when the community's platform has no roles (Slack, console). */
  supported(communityId: string): boolean;
  list(communityId: string): Promise<RewardSet>;
  /** Stores a reward and checks at once whether Rapport could grant its role. */
  set(input: { communityId: string; kind: RewardKind; level: string; roleId: string }): Promise<{ reward: RoleReward; replaced: string | null; problem: RoleProblem | null }>;
  remove(communityId: string, kind: RewardKind, level: string): Promise<RoleReward | null>;
  setMode(communityId: string, mode: RewardMode): Promise<void>;
  /** Brings every member's reward roles in line (/rewards sync, and at start-up). */
  syncCommunity(communityId: string): Promise<SyncReport>;
  /** After a member's stage or points may have changed: acts only when their reward roles should differ from what was last applied. */
  refresh(communityId: string, memberId: string): Promise<void>;
  label(communityId: string, roleId: string): Promise<string>;
  /** Communities with at least one reward. */
  communities(): Promise<string[]>;
  /** Runs `listener` for each community a platform with roles serves, when it is ready (start-up sync). */
  onCommunityReady(listener: (communityId: string) => void): void;
}

const emptyReport = (): SyncReport => ({ members: 0, granted: 0, revoked: 0, problems: new Map(), failed: 0 });

export function createRoleRewards(deps: RoleRewardsDeps): RoleRewards {
  const { repo, logger } = deps;
  const now = deps.now ?? Date.now;
  const cacheMs = deps.cacheMs ?? 60_000;
  const cached = new Map<string, { at: number; set: RewardSet }>();
  // The reward roles last applied to a member, so a message that changes nothing costs no call.
  const applied = boundedCache<string, string>(50_000);

  async function load(communityId: string, fresh = false): Promise<RewardSet> {
    const hit = cached.get(communityId);
    if (!fresh && hit && now() - hit.at < cacheMs) return hit.set;
    const [rewards, mode] = await Promise.all([repo.list(communityId), repo.mode(communityId)]);
    const set = { communityId, rewards, mode };
    cached.set(communityId, { at: now(), set });
    return set;
  }

  function changed(communityId: string): void {
    cached.delete(communityId);
    for (const key of applied.keys()) if (key.startsWith(`${communityId}|`)) applied.delete(key);
  }

  async function recordProblem(communityId: string, roleId: string, problem: RoleProblem | null): Promise<void> {
    const notice = problem && deps.notice ? await deps.notice(communityId, roleId, problem, (deps.now ?? Date.now)()).catch((error: unknown) => void logger.error({ err: error, communityId }, 'role reward: the moderators\' notice could not be made')) : null;
    const owed = notice ? [notice] : [];
    const changedIds = await repo.setProblem(communityId, roleId, problem, owed);
    if (changedIds.length === 0) return;
    cached.delete(communityId);
    if (problem) {
      logger.warn({ communityId, roleId, problem }, 'role reward: Rapport cannot manage this role');
      await deps.notices?.deliver(owed);
    }
  }

  /** Grants and removes one member's roles; roles in `known` have problems already found (no call). */
  async function syncMember(roles: CommunityRoles, set: RewardSet, memberId: string, report: SyncReport, known?: Map<string, RoleProblem>): Promise<void> {
    const managed = managedRoles(set.rewards);
    const desired = desiredRoles(set.rewards, set.mode, await deps.standing(set.communityId, memberId));
    const key = `${set.communityId}|${memberId}`;
    const want = [...desired].sort().join(',');
    const held = await roles.held(memberId, managed);
    if (!held) return;
    report.members += 1;
    const plan = planRoles(desired, held, managed);
    const touched = [...plan.grant, ...plan.revoke];
    const problems = known ?? (touched.length > 0 ? await roles.check(set.communityId, touched) : new Map<string, RoleProblem>());
    let complete = true;
    for (const [list, action] of [[plan.grant, 'grant'], [plan.revoke, 'revoke']] as const) {
      for (const roleId of list) {
        // After Discord's own refusal, only an explicit sync (or a new /rewards set) asks again:
        // each refusal counts towards Discord's invalid-request limit.
        const refused = !known && set.rewards.some((r) => r.roleId === roleId && r.problem === 'missing_permissions');
        const problem = problems.get(roleId) ?? (refused ? 'missing_permissions' : undefined);
        if (problem) {
          report.problems.set(roleId, problem);
          complete = false;
          if (!known) await recordProblem(set.communityId, roleId, problem);
          continue;
        }
        try {
          if (action === 'grant') await roles.grant(memberId, roleId, 'Rapport role reward');
          else await roles.revoke(memberId, roleId, 'Rapport role reward no longer reached');
          if (action === 'grant') report.granted += 1;
          else report.revoked += 1;
          if (set.rewards.some((r) => r.roleId === roleId && r.problem)) await recordProblem(set.communityId, roleId, null);
        } catch (error) {
          complete = false;
          if (error instanceof PlatformError && error.code.endsWith('.missing_permissions')) {
            // Discord's 50013: the checks passed on a stale view (a role moved meanwhile).
            report.problems.set(roleId, 'missing_permissions');
            problems.set(roleId, 'missing_permissions');
            await recordProblem(set.communityId, roleId, 'missing_permissions');
          } else {
            report.failed += 1;
            logger.error({ err: error, memberId, roleId, action }, 'role reward: the platform refused a role change');
          }
        }
      }
    }
    if (complete) applied.set(key, want);
  }

  return {
    supported: (communityId) => deps.roles.forCommunity(communityId) !== null,
    list: (communityId) => load(communityId, true),
    async set(input) {
      const result = await repo.set(input);
      changed(input.communityId);
      const roles = deps.roles.forCommunity(input.communityId);
      const problem = roles ? ((await roles.check(input.communityId, [input.roleId])).get(input.roleId) ?? null) : null;
      if (problem) await repo.setProblem(input.communityId, input.roleId, problem);
      return { ...result, problem };
    },
    async remove(communityId, kind, level) {
      const removed = await repo.remove(communityId, kind, level);
      changed(communityId);
      return removed;
    },
    async setMode(communityId, mode) {
      await repo.setMode(communityId, mode);
      changed(communityId);
    },
    async syncCommunity(communityId) {
      const report = emptyReport();
      const roles = deps.roles.forCommunity(communityId);
      if (!roles) return report;
      const set = await load(communityId, true);
      if (set.rewards.length === 0) return report;
      // Checked once for the whole community: a role Rapport may not touch gets no call at all.
      const problems = await roles.check(communityId, managedRoles(set.rewards));
      for (const roleId of managedRoles(set.rewards)) await recordProblem(communityId, roleId, problems.get(roleId) ?? null);
      const members = await deps.members(communityId);
      const limit = Math.max(1, deps.concurrency ?? 4);
      let next = 0;
      const worker = async () => {
        while (next < members.length) {
          const memberId = members[next++]!;
          try {
            await syncMember(roles, set, memberId, report, problems);
          } catch (error) {
            report.failed += 1;
            logger.error({ err: error, memberId }, 'role reward: a member could not be synced');
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(limit, members.length) }, worker));
      for (const [roleId, problem] of problems) report.problems.set(roleId, problem);
      logger.info({ communityId, members: report.members, granted: report.granted, revoked: report.revoked, problems: report.problems.size, failed: report.failed }, 'role rewards synced');
      return report;
    },
    async refresh(communityId, memberId) {
      const roles = deps.roles.forCommunity(communityId);
      if (!roles) return;
      const set = await load(communityId);
      if (set.rewards.length === 0) return;
      const desired = [...desiredRoles(set.rewards, set.mode, await deps.standing(communityId, memberId))].sort().join(',');
      if (applied.get(`${communityId}|${memberId}`) === desired) return;
      await syncMember(roles, set, memberId, emptyReport());
    },
    async label(communityId, roleId) {
      return deps.roles.forCommunity(communityId)?.label(roleId) ?? roleId;
    },
    communities: () => repo.communities(),
    onCommunityReady(listener) {
      for (const roles of deps.roles.all()) roles.onCommunityReady(listener);
    },
  };
}
