import { z } from 'zod';
import { defineCommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { UserError } from '../src/core/errors.ts';
import { reasonsText } from '../src/core/ambassadors/format.ts';

export default defineCommand({
  name: 'member',
  description: { en: 'Show a member\'s funnel stage and its history', bg: 'Етапът на член във фунията и историята му' },
  moderatorOnly: false,
  needs: ['members', 'privacy', 'funnelRecords'],
  options: z.object({
    who: option.member({ en: 'Which member (you by default; others for moderators)', bg: 'Кой член (Вие по подразбиране; други за модератори)' }),
  }),
  async run({ options, actor, deps: { members, privacy, funnelRecords }, community, reply, t }) {
    const memberId = options.who ?? actor.memberId;
    if (memberId !== actor.memberId && !actor.isModerator) throw new UserError('errors.moderatorOnly', { command: 'member <who>' });
    const member = await members.get(memberId);
    const name = member?.displayName ?? actor.displayName;
    if (!(await privacy.mayProfile(community.id, memberId))) {
      await reply(t('ambassadors.member.optedOut', { name }), { ephemeral: true });
      return;
    }
    const [record, history] = await Promise.all([funnelRecords.getFunnel(memberId), funnelRecords.history(memberId)]);
    const stage = record?.stage ?? 'newcomer';
    const lines = [t('ambassadors.member.current', { stage: t(`ambassadors.stage.${stage}`), since: (record?.stageSince ?? new Date()).getTime(), timeZone: community.timeZone })];
    if (history.length === 0) lines.push(t('ambassadors.member.noHistory'));
    for (const change of history.slice(-15)) {
      lines.push(
        t('ambassadors.member.change', {
          date: change.at.getTime(),
          timeZone: community.timeZone,
          from: t(`ambassadors.stage.${change.fromStage}`),
          to: t(`ambassadors.stage.${change.toStage}`),
          cause: t(`ambassadors.cause.${change.cause}`),
          reasons: reasonsText(change.reasons, t),
        }),
      );
    }
    await reply({ title: t('ambassadors.member.title', { name }), text: lines.join('\n') }, { ephemeral: true });
  },
});
