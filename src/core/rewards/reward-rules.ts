// Which reward roles a member should hold, and what to change: pure functions over the rewards,
// the mode and the member's standing. A stage reward is reached at that stage or above; a score
// reward at that many all-time points or more. In "replace" mode only the highest reward reached
// of each kind counts (one stage role and one score role at most); in "stack" mode all of them.
import { isStage, stageRank } from '../ambassadors/stages.ts';
import type { MemberStanding, RewardMode, RoleReward } from './ports.ts';

function rankOf(reward: RoleReward): number {
  if (reward.kind === 'stage') return isStage(reward.level) ? stageRank(reward.level) : -1;
  return Number(reward.level);
}

function reached(reward: RoleReward, standing: MemberStanding): boolean {
  if (reward.kind === 'stage') return isStage(reward.level) && stageRank(standing.stage) >= stageRank(reward.level);
  return standing.points >= Number(reward.level);
}

/** The roles the member should hold among the rewards' roles. */
export function desiredRoles(rewards: readonly RoleReward[], mode: RewardMode, standing: MemberStanding): Set<string> {
  const earned = rewards.filter((r) => reached(r, standing));
  if (mode === 'stack') return new Set(earned.map((r) => r.roleId));
  const best = new Map<string, RoleReward>();
  for (const reward of earned) {
    const current = best.get(reward.kind);
    if (!current || rankOf(reward) > rankOf(current)) best.set(reward.kind, reward);
  }
  return new Set([...best.values()].map((r) => r.roleId));
}

/** Every role a community's rewards give: the roles Rapport manages. */
export function managedRoles(rewards: readonly RoleReward[]): string[] {
  return [...new Set(rewards.map((r) => r.roleId))];
}

export interface RolePlan {
  grant: string[];
  revoke: string[];
}

/** What to grant and remove so the member holds exactly `desired` among the managed roles. */
export function planRoles(desired: ReadonlySet<string>, held: ReadonlySet<string>, managed: readonly string[]): RolePlan {
  return {
    grant: managed.filter((role) => desired.has(role) && !held.has(role)),
    revoke: managed.filter((role) => !desired.has(role) && held.has(role)),
  };
}

/** Levels as a person types them: a stage's name, or whole points from 1 to 10,000,000. */
export function parseScoreLevel(raw: number): string | null {
  return Number.isInteger(raw) && raw >= 1 && raw <= 10_000_000 ? String(raw) : null;
}
