// /faq gaps: the knowledge gaps of the last days (questions Rapport could not answer, answers that
// did not help), grouped by topic, for moderators; the same message the weekly digest posts.
import { z } from 'zod';
import { defineSubcommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { gapsMessage } from '../src/core/learning/gaps-digest.ts';
import { createKnowledgeGaps } from '../src/core/learning/knowledge-gaps.ts';

export const faqGaps = defineSubcommand({
  description: { en: 'Questions Rapport could not answer well, grouped by topic', bg: 'Въпроси, на които Rapport не можа да отговори добре, по теми' },
  moderatorOnly: true,
  needs: ['learning', 'openQuestions', 'clock'],
  options: z.object({ days: option.integer({ en: 'How many days back (default 7)', bg: 'Колко дни назад (по подразбиране 7)' }, { min: 1, max: 365 }) }),
  async run({ options, deps: { learning, openQuestions, clock }, community, reply, t }) {
    const report = await createKnowledgeGaps({ answerLogs: openQuestions, now: () => clock.now() }).report(community.id, { days: options.days ?? 7 });
    await reply(gapsMessage(t, report, await learning.countPending(community.id)), { ephemeral: true });
  },
});
