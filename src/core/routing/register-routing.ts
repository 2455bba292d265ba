// The routing feature: every message teaches the router and may start a question's delayed check;
// "Ask a human" under an answer hands the thread to the moderators; Resume / Close on /faq
// handoffs end a hand-off (moderators only).
import type { AnswerLogRepository } from '../answers/storage/ports.ts';
import type { ButtonPressed } from '../events.ts';
import { defineFeature } from '../feature.ts';
import type { Language } from '../ports.ts';
import { ASK_HUMAN_ACTION, HANDOFF_CLOSE_ACTION, HANDOFF_RESUME_ACTION, type Routing } from './create-routing.ts';

export const routingFeature = defineFeature({
  name: 'routing',
  needs: ['routing', 'answerRecords'],
  register(registry, { routing, answerRecords }) {
    routing.defineJobs();
    registry.on('message.posted', (event) => routing.onMessage(event));
    registry.on('button.pressed', (event, { language }) => onRoutingButton(event, language, { routing, answerLogs: answerRecords }));
  },
});

export async function onRoutingButton(event: ButtonPressed, language: Language, deps: { routing: Routing; answerLogs: Pick<AnswerLogRepository, 'get'> }): Promise<void> {
  const id = Number(event.value);
  if (!Number.isSafeInteger(id) || id <= 0) return;
  if (event.actionId === ASK_HUMAN_ACTION) {
    const log = await deps.answerLogs.get(id);
    if (!log || log.communityId !== event.communityId) return;
    await deps.routing.askHuman({ communityId: log.communityId, channelId: log.channelId, threadOf: log.messageId, askerMemberId: event.actor.memberId, question: log.question }, language);
    return;
  }
  if ((event.actionId === HANDOFF_RESUME_ACTION || event.actionId === HANDOFF_CLOSE_ACTION) && event.actor.isModerator) {
    await deps.routing.endHandoff(event.communityId, id, event.actionId === HANDOFF_RESUME_ACTION ? 'resumed' : 'closed', event.actor.memberId, language);
  }
}
