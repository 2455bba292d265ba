// The learning feature: every posted message, check mark, edit and delete goes to the suggestion
// queue (suggestion-queue.ts); the Approve / Edit / Reject buttons under /faq suggestions come
// back here. A failure is logged by the pipeline and never stops the other features.
import type { ButtonPressed } from '../events.ts';
import type { EventContext, Feature } from '../features.ts';
import { UserError } from '../errors.ts';
import type { OutgoingMessage } from '../outgoing.ts';
import { z } from 'zod';
import { gapsMessage } from './gaps-digest.ts';
import { createKnowledgeGaps } from './knowledge-gaps.ts';
import { approvedText } from './suggestion-messages.ts';

export const GAPS_DIGEST_JOB = 'learning.gaps-digest';
const GAPS_DIGEST_KEY = 'learning-gaps-digest';
/**
 * Every 7 days, in the moderators' feedback digest channel. An interval, not a Monday cron: cron
 * schedules follow each community's time zone (/settings re-registers them), and this one job
 * serves every community. With the in-process scheduler the interval restarts with the process.
 */
const GAPS_DIGEST_EVERY_MS = 7 * 24 * 60 * 60 * 1000;

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

export const registerLearning: Feature = async (registry, services) => {
  const { learning, scheduler, repos, translator } = services;
  const gaps = createKnowledgeGaps({ answerLogs: repos.answerLogs, now: () => services.clock.now() });
  // Every community with a feedback digest channel gets its knowledge gaps there too.
  scheduler.define<Record<string, never>>({
    name: GAPS_DIGEST_JOB,
    schema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    async process() {
      for (const { communityId, channelId } of await repos.ambassadors.digestSchedules()) {
        const community = await repos.communities.get(communityId);
        if (!community) continue;
        const t = (key: string, vars?: Record<string, string | number>) => translator.t(community.language, key, vars);
        const message = gapsMessage(t, await gaps.report(communityId), await learning.countPending(communityId));
        await services.repliers.forId(channelId).post({ channelId }, message);
      }
    },
  });
  await scheduler.repeat(GAPS_DIGEST_KEY, GAPS_DIGEST_JOB, {}, { everyMs: GAPS_DIGEST_EVERY_MS });
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
