// Proves which reward roles a member should hold (replace vs stack, stages and score levels) and what to change, and that /rewards on a platform without roles says it is Discord-only.
import { describe, expect, it } from 'vitest';
import rewardsCommand from '../../../commands/rewards.ts';
import { isUserError } from '../../../src/core/errors.ts';
import type { RoleReward } from '../../../src/core/rewards/ports.ts';
import type { RoleRewards } from '../../../src/core/rewards/role-rewards.ts';
import { desiredRoles, planRoles } from '../../../src/core/rewards/reward-rules.ts';
import { createTranslator } from '../../../src/i18n/create-translator.ts';
import { runCommand } from '../../support/run-command.ts';

const reward = (kind: 'stage' | 'score', level: string, roleId: string): RoleReward => ({ id: 0, communityId: 'discord:G', kind, level, roleId, problem: null });
const rewards = [reward('stage', 'like', 'R-like'), reward('stage', 'advocate', 'R-adv'), reward('score', '100', 'R-100'), reward('score', '500', 'R-500')];

describe('role reward rules', () => {
  it('GIVEN replace mode THEN only the highest stage role and the highest score role reached', () => {
    expect([...desiredRoles(rewards, 'replace', { stage: 'advocate', points: 600 })].sort()).toEqual(['R-500', 'R-adv']);
    expect([...desiredRoles(rewards, 'replace', { stage: 'love', points: 100 })].sort()).toEqual(['R-100', 'R-like']);
  });

  it('GIVEN stack mode THEN every role reached', () => {
    expect([...desiredRoles(rewards, 'stack', { stage: 'advocate', points: 600 })].sort()).toEqual(['R-100', 'R-500', 'R-adv', 'R-like']);
    expect([...desiredRoles(rewards, 'stack', { stage: 'newcomer', points: 99 })]).toEqual([]);
  });

  it('GIVEN held and desired roles THEN grants what is missing and removes only managed roles no longer reached', () => {
    const plan = planRoles(new Set(['R-adv', 'R-500']), new Set(['R-like', 'R-500']), ['R-like', 'R-adv', 'R-100', 'R-500']);
    expect(plan).toEqual({ grant: ['R-adv'], revoke: ['R-like'] });
  });

  it('GIVEN /rewards on Slack or the console THEN it says role rewards are Discord-only, in both languages', async () => {
    const unsupported = { supported: () => false } as unknown as RoleRewards;
    const failure = await runCommand(rewardsCommand.subcommands.list, { deps: { roleRewards: unsupported } }).catch((error: unknown) => error);
    expect(isUserError(failure) && failure.key).toBe('rewards.discordOnly');
    const translator = await createTranslator();
    expect(translator.t('en', 'rewards.discordOnly')).toContain('Discord only');
    expect(translator.t('bg', 'rewards.discordOnly')).toContain('само за Discord');
  });
});
