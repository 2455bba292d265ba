import { z } from 'zod';
import { defineCommand, defineSubcommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { UserError } from '../src/core/errors.ts';
import { REWARD_MODES, type RewardKind } from '../src/core/rewards/ports.ts';
import type { RoleRewards } from '../src/core/rewards/role-rewards.ts';

const REWARD_STAGES = ['like', 'love', 'advocate'] as const;
const STAGE = { en: 'A funnel stage: members at it or above get the role', bg: 'Етап от фунията: членовете на него или по-нагоре получават ролята' };
const SCORE = { en: 'All-time points: members with at least this many get the role', bg: 'Точки за цялото време: членовете с поне толкова получават ролята' };

/** Exactly one level: a stage or a score. */
function levelOf(options: { stage?: string | undefined; score?: number | undefined }): { kind: RewardKind; level: string } {
  if ((options.stage === undefined) === (options.score === undefined)) throw new UserError('rewards.levelNeeded');
  return options.stage !== undefined ? { kind: 'stage', level: options.stage } : { kind: 'score', level: String(options.score) };
}

/** On Slack and the console there are no roles: every subcommand says so first. */
function requireRoles(roleRewards: RoleRewards, communityId: string): void {
  if (!roleRewards.supported(communityId)) throw new UserError('rewards.discordOnly');
}

type T = (key: string, vars?: Record<string, string | number>) => string;
const levelText = (t: T, kind: RewardKind, level: string) => (kind === 'stage' ? t('rewards.levelStage', { stage: t(`ambassadors.stage.${level}`) }) : t('rewards.levelScore', { points: level }));

export default defineCommand({
  name: 'rewards',
  description: { en: 'Discord roles for funnel stages and score levels', bg: 'Роли в Discord за етапи от фунията и нива на точки' },
  moderatorOnly: true,
  subcommands: {
    set: defineSubcommand({
      description: { en: 'Give a role at a stage or a score, e.g. stage:advocate role:@Advocates', bg: 'Дайте роля при етап или точки, напр. stage:advocate role:@Advocates' },
      needs: ['roleRewards'],
      options: z.object({
        role: option.requiredRole({ en: 'The role to give', bg: 'Ролята, която да се дава' }),
        stage: option.choice(REWARD_STAGES, STAGE),
        score: option.integer(SCORE, { min: 1, max: 10_000_000 }),
      }),
      async run({ options, community, deps: { roleRewards }, reply, t }) {
        requireRoles(roleRewards, community.id);
        const { kind, level } = levelOf(options);
        const { reward, replaced, problem } = await roleRewards.set({ communityId: community.id, kind, level, roleId: options.role });
        const role = await roleRewards.label(community.id, reward.roleId);
        const lines = [t('rewards.saved', { level: levelText(t, kind, level), role })];
        if (replaced) lines.push(t('rewards.replaced', { role: await roleRewards.label(community.id, replaced) }));
        lines.push(problem ? t(`rewards.problem.${problem}`, { role }) : t('rewards.syncHint'));
        await reply(lines.join('\n'));
      },
    }),
    remove: defineSubcommand({
      description: { en: 'Stop giving the role of a stage or a score', bg: 'Спрете да давате ролята за етап или точки' },
      needs: ['roleRewards'],
      options: z.object({ stage: option.choice(REWARD_STAGES, STAGE), score: option.integer(SCORE, { min: 1, max: 10_000_000 }) }),
      async run({ options, community, deps: { roleRewards }, reply, t }) {
        requireRoles(roleRewards, community.id);
        const { kind, level } = levelOf(options);
        const removed = await roleRewards.remove(community.id, kind, level);
        if (!removed) await reply(t('rewards.notFound', { level: levelText(t, kind, level) }));
        else await reply(t('rewards.removed', { level: levelText(t, kind, level), role: await roleRewards.label(community.id, removed.roleId) }));
      },
    }),
    mode: defineSubcommand({
      description: { en: 'replace: only the highest role reached; stack: every role reached', bg: 'replace: само най-високата достигната роля; stack: всички достигнати роли' },
      needs: ['roleRewards'],
      options: z.object({ mode: option.choice(REWARD_MODES, { en: 'replace or stack', bg: 'replace или stack' }, { required: true }) as z.ZodType<(typeof REWARD_MODES)[number]> }),
      async run({ options, community, deps: { roleRewards }, reply, t }) {
        requireRoles(roleRewards, community.id);
        await roleRewards.setMode(community.id, options.mode);
        await reply(`${t(`rewards.modeName.${options.mode}`)}\n${t('rewards.syncHint')}`);
      },
    }),
    list: defineSubcommand({
      description: { en: 'The role rewards and anything that stops them', bg: 'Наградите с роли и какво им пречи' },
      needs: ['roleRewards'],
      options: z.object({}),
      async run({ community, deps: { roleRewards }, reply, t }) {
        requireRoles(roleRewards, community.id);
        const { rewards, mode } = await roleRewards.list(community.id);
        if (rewards.length === 0) {
          await reply(t('rewards.listEmpty'));
          return;
        }
        const lines = [t(`rewards.modeName.${mode}`)];
        for (const reward of rewards) {
          const role = await roleRewards.label(community.id, reward.roleId);
          lines.push(t('rewards.listLine', { level: levelText(t, reward.kind, reward.level), role }));
          if (reward.problem) lines.push(`⚠ ${t(`rewards.problem.${reward.problem}`, { role })}`);
        }
        await reply({ title: t('rewards.listTitle'), text: lines.join('\n') });
      },
    }),
    sync: defineSubcommand({
      description: { en: 'Give and remove reward roles for every member now', bg: 'Дайте и отнемете наградните роли на всички членове сега' },
      needs: ['roleRewards'],
      options: z.object({}),
      async run({ community, deps: { roleRewards }, reply, t }) {
        requireRoles(roleRewards, community.id);
        if ((await roleRewards.list(community.id)).rewards.length === 0) {
          await reply(t('rewards.listEmpty'));
          return;
        }
        const report = await roleRewards.syncCommunity(community.id);
        const lines = [t('rewards.synced', { members: report.members, granted: report.granted, revoked: report.revoked })];
        if (report.failed > 0) lines.push(t('rewards.syncFailed', { failed: report.failed }));
        for (const [roleId, problem] of report.problems) lines.push(`⚠ ${t(`rewards.problem.${problem}`, { role: await roleRewards.label(community.id, roleId) })}`);
        await reply(lines.join('\n'));
      },
    }),
  },
});
