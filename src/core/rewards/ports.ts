// Role rewards: the roles a community gives for funnel stages and score levels (/rewards), where
// they are stored, and what a platform with roles (Discord) provides. Slack and the console have
// no roles: the directory answers null for their communities and /rewards says so.
import type { Stage } from '../ambassadors/stages.ts';
import type { Notice } from '../outbox/notices.ts';

export type RewardKind = 'stage' | 'score';
/** replace: a member holds only the highest reward of each kind they reach; stack: every one. */
export type RewardMode = 'replace' | 'stack';
export const REWARD_MODES = ['replace', 'stack'] as const;

export interface RoleReward {
  id: number;
  communityId: string;
  kind: RewardKind;
  /** A stage's name for kind "stage", the points as text for kind "score". */
  level: string;
  /** The role's opaque id (discord:<guild>:<role>). */
  roleId: string;
  /** What stopped Rapport the last time it tried to grant or remove this role; null when nothing did. */
  problem: RoleProblem | null;
}

export interface RoleRewardRepository {
  list(communityId: string): Promise<RoleReward[]>;
  /** Adds the reward for a level, or gives an existing one a new role; the problem is cleared. */
  set(input: { communityId: string; kind: RewardKind; level: string; roleId: string }): Promise<{ reward: RoleReward; replaced: string | null }>;
  remove(communityId: string, kind: RewardKind, level: string): Promise<RoleReward | null>;
  mode(communityId: string): Promise<RewardMode>;
  setMode(communityId: string, mode: RewardMode): Promise<void>;
  /** Records (or clears, with null) the problem of the rewards that give `roleId`; returns the ids whose problem changed. */
  setProblem(communityId: string, roleId: string, problem: RoleProblem | null, notices?: readonly Notice[]): Promise<number[]>;
  /** Communities with at least one reward. */
  communities(): Promise<string[]>;
  /** The community's members who are people, not bots (what a sync looks at). */
  members(communityId: string): Promise<string[]>;
}

/**
 * Why Rapport cannot grant or remove a role, found before calling the platform (or, for
 * missing_permissions, from its answer: Discord's 50013).
 */
export type RoleProblem = 'missing_manage_roles' | 'role_above_bot' | 'managed_role' | 'unknown_role' | 'missing_permissions';

/** One platform's roles in the communities it serves. Member and role ids are opaque ids. */
export interface CommunityRoles {
  /** What would stop Rapport from granting or removing each role (absent: nothing), without changing anything. */
  check(communityId: string, roleIds: readonly string[]): Promise<Map<string, RoleProblem>>;
  /** Which of `roleIds` the member holds; null when they are no longer in the community. */
  held(memberId: string, roleIds: readonly string[]): Promise<Set<string> | null>;
  /** Throws PlatformError (missing_permissions for Discord's 50013). */
  grant(memberId: string, roleId: string, reason: string): Promise<void>;
  revoke(memberId: string, roleId: string, reason: string): Promise<void>;
  /** The role's name as members see it ("@Advocates"); the id when unknown. */
  label(roleId: string): Promise<string>;
  /** Called with each community this process serves, once it is ready and when it joins one (the start-up sync). */
  onCommunityReady(listener: (communityId: string) => void): void;
}

export interface RoleDirectory {
  /** The roles of the platform a community lives on; null where there are none (Slack, console). */
  forCommunity(communityId: string): CommunityRoles | null;
  /** Every platform with roles that is running. */
  all(): CommunityRoles[];
}

/** What a member has earned: their funnel stage and all-time points. */
export interface MemberStanding {
  stage: Stage;
  points: number;
}
