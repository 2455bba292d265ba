import { z } from 'zod';
import { defineCommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { PERIODS, periodStart } from '../src/core/engagement/periods.ts';

export default defineCommand({
  name: 'leaderboard',
  description: { en: 'Show the most active members', bg: 'Покажи най-активните членове' },
  moderatorOnly: false,
  options: z.object({
    period: option.choice(PERIODS, { en: 'Time window', bg: 'Период' }),
    channel: option.channel({ en: 'Only this channel', bg: 'Само този канал' }),
  }),
  async run({ options, t, reply, services, community }) {
    const period = options.period ?? 'week';
    const since = periodStart(period, services.clock.now());
    const rows = await services.repos.activity.totals(community.id, { limit: 10, ...(since ? { since } : {}), ...(options.channel ? { channelId: options.channel } : {}) });
    const periodName = t(`common.period.${period}`);
    if (rows.length === 0) {
      await reply(t('common.leaderboard.empty', { period: periodName }));
      return;
    }
    const lines = rows.map((row, index) => t('common.leaderboard.line', { position: index + 1, name: row.displayName, score: Math.round(row.weight), messages: row.count }));
    await reply({ title: t('common.leaderboard.title', { period: periodName }), text: lines.join('\n') });
  },
});
