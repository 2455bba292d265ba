import { z } from 'zod';
import { defineCommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { describeReasons } from '../src/core/recognition/describe-reasons.ts';

/** Scores are fractional (short messages count a quarter); one decimal below 10 is enough. */
export function formatScore(score: number): number {
  return score >= 10 ? Math.round(score) : Math.round(score * 10) / 10;
}

export default defineCommand({
  name: 'leaderboard',
  description: { en: 'Show who helps and takes part the most', bg: 'Покажете кой помага и участва най-много' },
  moderatorOnly: false,
  needs: ['leaderboard', 'channels'],
  options: z.object({
    period: option.choice(['week', 'month', 'all'], { en: 'Time window (week by default)', bg: 'Период (седмица по подразбиране)' }),
    channel: option.channel({ en: 'Only this channel', bg: 'Само този канал' }),
    kind: option.choice(['engagement', 'helpers'], { en: 'Engagement or helpers (engagement by default)', bg: 'Активност или помощници (активност по подразбиране)' }),
  }),
  async run({ options, t, reply, deps: { leaderboard, channels }, community, language }) {
    const period = options.period ?? 'week';
    const kind = options.kind ?? 'engagement';
    const entries = await leaderboard.leaderboard(community, { period, kind, limit: 10, ...(options.channel ? { channelId: options.channel } : {}) });
    const vars = { period: t(`recognition.period.${period}`), kind: t(`recognition.kind.${kind}`) };
    if (entries.length === 0) {
      await reply(t('recognition.leaderboard.empty', vars));
      return;
    }
    const channel = options.channel ? await channels.get(options.channel) : null;
    const title = options.channel ? t('recognition.leaderboard.titleChannel', { ...vars, channel: channel?.name ?? options.channel }) : t('recognition.leaderboard.title', vars);
    const lines = entries.map((e) => t('recognition.leaderboard.line', { position: e.rank, name: e.displayName, count: formatScore(e.score), reasons: describeReasons(e.figures, period, language) }));
    await reply({ title, text: lines.join('\n'), footer: t('recognition.leaderboard.footer') });
  },
});
