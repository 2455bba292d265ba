// /faq suggestions: the knowledge-base suggestions mined from solved threads (src/core/learning),
// for moderators. Without an action it lists the waiting ones with Approve / Edit / Reject buttons;
// `approve|reject|edit id:N` does the same by command. The Edit button opens a form on Slack and
// Discord (register-learning.ts) whose submission runs `edit` with the texts typed.
import { z } from 'zod';
import { defineSubcommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { UserError } from '../src/core/errors.ts';
import { approvedText, suggestionMessage } from '../src/core/learning/suggestion-messages.ts';

export const faqSuggestions = defineSubcommand({
  description: { en: 'Knowledge-base suggestions from solved threads: list, approve, edit, reject', bg: 'Предложения за базата знания от решени разговори: списък, одобряване, редакция, отхвърляне' },
  moderatorOnly: true,
  needs: ['learning', 'members', 'clock'],
  options: z.object({
    action: option.choice(['list', 'approve', 'edit', 'reject', 'save'], { en: 'What to do (list when omitted)', bg: 'Какво да се направи (list, ако липсва)' }),
    id: option.integer({ en: 'The suggestion number', bg: 'Номерът на предложението' }, { min: 1 }),
    entry: option.string({ en: 'Approve as another way to ask this entry', bg: 'Одобрете като друг начин да се попита този запис' }, { max: 100 }),
    // Checked by learning.edit (empty, or longer than 500 / 4,000 characters: a clear message, nothing written).
    question: option.text({ en: 'New question (edit)', bg: 'Нов въпрос (edit)' }),
    message: option.string({ en: 'Save this reply (its message id) as the answer to its question (save)', bg: 'Запази този отговор (id на съобщението) като отговор на въпроса му (save)' }, { max: 300 }),
    answer: option.text({ en: 'New answer (edit)', bg: 'Нов отговор (edit)' }, { rest: true }),
  }),
  async run({ options, deps: { learning, members, clock }, community, channelId, actor, reply, t }) {
    const action = options.action ?? 'list';
    const name = async (memberId: string) => (await members.get(memberId))?.displayName ?? memberId;
    if (action === 'list') {
      const waiting = await learning.list(community.id, 5);
      if (waiting.length === 0) {
        await reply(t('learning.list.empty'), { ephemeral: true });
        return;
      }
      const count = await learning.countPending(community.id);
      await reply(t('learning.list.title', { count }), { ephemeral: true });
      for (const s of waiting) await reply(suggestionMessage(t, s, { asker: await name(s.askerMemberId), credited: await name(s.creditedMemberId) }), { ephemeral: true });
      if (count > waiting.length) await reply(t('learning.list.more', { count: count - waiting.length }), { ephemeral: true });
      return;
    }
    if (action === 'save') {
      // "Save as answer", in the reply's channel: Slack's message shortcut and Discord's message
      // context menu run this (src/core/commands/message-actions.ts); the console shows message ids.
      if (!options.message) throw new UserError('learning.save.needsMessage');
      const saved = await learning.saveAsAnswer({ communityId: community.id, channelId, messageId: options.message, at: clock.now() });
      await reply(t('learning.save.done', { id: saved.id }));
      await reply(suggestionMessage(t, saved, { asker: await name(saved.askerMemberId), credited: await name(saved.creditedMemberId) }), { ephemeral: true });
      return;
    }
    if (options.id === undefined) throw new UserError('learning.needsId', { action });
    if (action === 'approve') {
      const outcome = await learning.approve(community.id, options.id, actor.memberId, options.entry ? { entry: options.entry } : {});
      await reply(approvedText(t, outcome, await name(outcome.suggestion.creditedMemberId)));
    } else if (action === 'reject') {
      await learning.reject(community.id, options.id, actor.memberId);
      await reply(t('learning.rejected', { id: options.id }));
    } else {
      const s = await learning.edit(community.id, options.id, { ...(options.question !== undefined ? { question: options.question } : {}), ...(options.answer !== undefined ? { answer: options.answer } : {}) });
      await reply(t('learning.edited', { id: s.id }));
      await reply(suggestionMessage(t, s, { asker: await name(s.askerMemberId), credited: await name(s.creditedMemberId) }), { ephemeral: true });
    }
  },
});
