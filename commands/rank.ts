import { z } from 'zod';
import { defineCommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { periodStart } from '../src/core/engagement/periods.ts';

export default defineCommand({
  name: 'rank',
  description: { en: 'Show a member\'s rank and activity', bg: 'Покажи класирането и активността на член' },
  moderatorOnly: false,
  options: z.object({
    member: option.member({ en: 'Whose rank (you by default)', bg: 'Чие класиране (вашето по подразбиране)' }),
  }),
  async run({ options, actor, t, reply, services, community }) {
    const memberId = options.member ?? actor.memberId;
    const member = await services.repos.members.get(memberId);
    const name = member?.displayName ?? actor.displayName;
    const since = periodStart('month', services.clock.now());
    const rows = await services.repos.activity.totals(community.id, { limit: 10_000, ...(since ? { since } : {}) });
    const position = rows.findIndex((row) => row.memberId === memberId);
    const period = t('common.period.month');
    if (position < 0) {
      await reply(t('common.rank.none', { name, period }));
      return;
    }
    const row = rows[position]!;
    await reply({ title: t('common.rank.title', { name }), text: t('common.rank.line', { position: position + 1, total: rows.length, score: Math.round(row.weight), messages: row.count, period }) });
  },
});
