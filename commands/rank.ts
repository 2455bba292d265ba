import { z } from 'zod';
import { defineCommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { describeReasons } from '../src/core/recognition/describe-reasons.ts';

export default defineCommand({
  name: 'rank',
  description: { en: 'Show a member\'s rank and the reasons behind it', bg: 'Покажете класирането на член и причините за него' },
  moderatorOnly: false,
  needs: ['leaderboard', 'members'],
  options: z.object({
    member: option.member({ en: 'Whose rank (you by default)', bg: 'Чие класиране (Вашето по подразбиране)' }),
  }),
  async run({ options, actor, t, reply, deps: { leaderboard, members }, community, language }) {
    const memberId = options.member ?? actor.memberId;
    const result = await leaderboard.rank(community, memberId);
    const name = result?.displayName ?? (await members.get(memberId))?.displayName ?? actor.displayName;
    if (!result) {
      await reply(t('recognition.rank.none', { name }));
      return;
    }
    const position = (n: number | null) => (n === null ? t('recognition.rank.unranked') : t('recognition.rank.position', { position: n }));
    const lines = [
      t('recognition.rank.standing', { helpers: position(result.helperRank.all), engagement: position(result.engagementRank.all) }),
      ...(['week', 'month', 'all'] as const).map((period) => t('recognition.rank.reasons', { period: t(`recognition.periodTitle.${period}`), reasons: describeReasons(result[period], period, language) })),
    ];
    await reply({ title: t('recognition.rank.title', { name }), text: lines.join('\n') });
  },
});
