// `/faq handoffs`: threads handed to the moderators ("Ask a human"), oldest first, with how long
// each has waited and Resume / Close buttons (handled by the routing feature).
import { z } from 'zod';
import { defineSubcommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { UserError } from '../src/core/errors.ts';
import { parseId } from '../src/core/ids.ts';
import type { OutgoingButton } from '../src/core/outgoing.ts';
import { HANDOFF_CLOSE_ACTION, HANDOFF_RESUME_ACTION } from '../src/core/routing/create-routing.ts';
import { waited } from '../src/core/routing/waited.ts';

export { waited };

const short = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/\s+/g, ' ');

export default defineSubcommand({
  description: { en: 'Questions handed to a human, with how long each has waited', bg: 'Въпроси, предадени на човек, и колко време чака всеки' },
  moderatorOnly: true,
  needs: ['routing', 'routingRecords', 'members', 'channels', 'clock'],
  options: z.object({
    resume: option.integer({ en: 'Let Rapport answer in this hand-off\'s thread again', bg: 'Нека Rapport отново отговаря в нишката на това предаване' }, { min: 1 }),
    close: option.integer({ en: 'Close this hand-off', bg: 'Затвори това предаване' }, { min: 1 }),
  }),
  async run({ options, deps: { routing, routingRecords, members, channels, clock }, actor, community, language, reply, t }) {
    const end = options.resume ?? options.close;
    if (end !== undefined) {
      const status = options.resume !== undefined ? 'resumed' : 'closed';
      if (!(await routing.endHandoff(community.id, end, status, actor.memberId, language))) throw new UserError('routing.handoffs.notFound', { id: end });
      await reply(t(status === 'resumed' ? 'routing.handoffs.resumed' : 'routing.handoffs.closed', { id: end }), { ephemeral: true });
      return;
    }
    const open = await routingRecords.openHandoffs(community.id);
    if (open.length === 0) {
      await reply(t('routing.handoffs.empty'), { ephemeral: true });
      return;
    }
    const now = clock.now().getTime();
    const lines: string[] = [];
    for (const h of open) {
      const channel = `#${(await channels.get(h.channelId))?.name ?? parseId(h.channelId).local ?? h.channelId}`;
      const asker = (await members.get(h.askerMemberId))?.displayName ?? parseId(h.askerMemberId).local ?? h.askerMemberId;
      lines.push(t('routing.handoffs.line', { id: h.id, channel, asker, waited: waited(now - h.openedAt.getTime(), t), question: short(h.question || '-') }));
    }
    const buttons: OutgoingButton[] = open.slice(0, 2).flatMap((h) => [
      { actionId: HANDOFF_RESUME_ACTION, value: String(h.id), label: t('routing.handoffs.resume', { id: h.id }), style: 'primary' as const },
      { actionId: HANDOFF_CLOSE_ACTION, value: String(h.id), label: t('routing.handoffs.close', { id: h.id }) },
    ]);
    await reply({ title: t('routing.handoffs.title', { count: open.length }), text: lines.join('\n'), buttons }, { ephemeral: true });
  },
});
