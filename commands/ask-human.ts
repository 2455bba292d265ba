import { z } from 'zod';
import { defineCommand } from '../src/core/commands/define.ts';

const DAY_MS = 24 * 60 * 60_000;

export default defineCommand({
  name: 'ask-human',
  description: { en: 'Ask the moderators to answer your latest question here; Rapport stays quiet in its thread', bg: 'Помолете модераторите да отговорят на последния Ви въпрос тук; Rapport мълчи в нишката му' },
  moderatorOnly: false,
  needs: ['routing', 'routingRecords', 'clock'],
  options: z.object({}),
  async run({ deps: { routing, routingRecords, clock }, actor, community, channelId, language, reply, t }) {
    const since = new Date(clock.now().getTime() - DAY_MS);
    const latest = await routingRecords.latestQuestion(community.id, channelId, actor.memberId, since);
    // Without a question of theirs here (Slack slash commands carry no thread), the channel itself is handed off.
    const result = await routing.askHuman({ communityId: community.id, channelId, threadOf: latest?.messageId ?? channelId, askerMemberId: actor.memberId, question: latest?.question ?? '' }, language);
    await reply(t(result.created ? 'routing.askHuman.opened' : 'routing.askHuman.already'), { ephemeral: true });
  },
});
