// The learning feature: every posted message, check mark, edit and delete goes to the suggestion
// queue (suggestion-queue.ts); the Approve / Edit / Reject buttons under /faq suggestions come
// back here. A failure is logged by the pipeline and never stops the other features.
import type { ButtonPressed } from '../events.ts';
import type { EventContext, Feature } from '../features.ts';
import { UserError } from '../errors.ts';
import type { OutgoingMessage } from '../outgoing.ts';
import { approvedText } from './suggestion-messages.ts';

export const LEARNING_ACTIONS = { approve: 'learning.approve', edit: 'learning.edit', reject: 'learning.reject' } as const;

const ACTIONS = new Set<string>(Object.values(LEARNING_ACTIONS));

/** Answers in the channel the button was in, or by DM when it was pressed in a DM. */
async function respond(event: ButtonPressed, context: EventContext, message: OutgoingMessage): Promise<void> {
  const { repliers } = context.services;
  if (event.channelId && !event.channelId.includes('dm:')) await repliers.forId(event.channelId).post({ channelId: event.channelId }, message);
  else await repliers.forId(event.actor.memberId).dm(event.actor.memberId, message);
}

export async function handleLearningButton(event: ButtonPressed, context: EventContext): Promise<void> {
  if (!ACTIONS.has(event.actionId)) return;
  const { services, language, community } = context;
  const t = (key: string, vars?: Record<string, string | number>) => services.translator.t(language, key, vars);
  if (!event.actor.isModerator) {
    await respond(event, context, { text: t('errors.moderatorOnly', { command: 'faq suggestions' }) });
    return;
  }
  const id = Number(event.value);
  if (!Number.isSafeInteger(id)) return;
  try {
    if (event.actionId === LEARNING_ACTIONS.edit) {
      // Neither adapter opens modals yet: the edit is a subcommand, prefilled here.
      await services.learning.get(community.id, id);
      await respond(event, context, { text: t('learning.edit.how', { id }) });
      return;
    }
    if (event.actionId === LEARNING_ACTIONS.reject) {
      await services.learning.reject(community.id, id, event.actor.memberId);
      await respond(event, context, { text: t('learning.rejected', { id }) });
      return;
    }
    const outcome = await services.learning.approve(community.id, id, event.actor.memberId);
    const credited = await services.repos.members.get(outcome.suggestion.creditedMemberId);
    await respond(event, context, { text: approvedText(t, outcome, credited?.displayName ?? outcome.suggestion.creditedMemberId) });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    await respond(event, context, { text: t(error.key, error.vars) });
  }
}

export const registerLearning: Feature = (registry, services) => {
  const { learning } = services;
  registry.on('message.posted', async (event) => {
    await learning.onMessage(event);
  });
  registry.on('reaction.added', async (event) => {
    await learning.onReaction(event);
  });
  registry.on('message.edited', (event) => learning.onEdit(event));
  registry.on('message.deleted', (event) => learning.onDelete(event));
  registry.on('button.pressed', handleLearningButton);
};
