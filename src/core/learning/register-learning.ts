// The learning feature: every posted message, check mark, edit and delete goes to the suggestion
// queue (suggestion-queue.ts); the Approve / Edit / Reject buttons under /faq suggestions come
// back here. A failure is logged by the pipeline and never stops the other features.
import type { FormSpec } from '../adapter.ts';
import type { ButtonPressed } from '../events.ts';
import { defineFeature, type EventContext } from '../feature.ts';
import type { Deps } from '../app-ports.ts';
import { UserError } from '../errors.ts';
import type { OutgoingMessage } from '../outgoing.ts';
import { z } from 'zod';
import { CommunityPausedError } from '../community-pauses.ts';
import { gapsMessage } from './gaps-digest.ts';
import { createKnowledgeGaps } from './knowledge-gaps.ts';
import { approvedText } from './suggestion-messages.ts';
import { MAX_ANSWER_CHARS, MAX_QUESTION_CHARS } from './suggestion-queue.ts';

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

type ButtonDeps = Deps<'learning' | 'members' | 'translator' | 'repliers'>;

/** Answers in the channel the button was in, or by DM when it was pressed in a DM. */
async function respond(event: ButtonPressed, repliers: ButtonDeps['repliers'], message: OutgoingMessage): Promise<void> {
  if (event.channelId && !event.channelId.includes('dm:')) await repliers.forId(event.channelId).post({ channelId: event.channelId }, message);
  else await repliers.forId(event.actor.memberId).dm(event.actor.memberId, message);
}

export async function handleLearningButton(deps: ButtonDeps, event: ButtonPressed, context: EventContext): Promise<void> {
  if (!ACTIONS.has(event.actionId)) return;
  const { language, community } = context;
  const { learning, members, translator, repliers } = deps;
  const t = (key: string, vars?: Record<string, string | number>) => translator.t(language, key, vars);
  if (!event.actor.isModerator) {
    await respond(event, repliers, { text: t('errors.moderatorOnly', { command: 'faq suggestions' }) });
    return;
  }
  const id = Number(event.value);
  if (!Number.isSafeInteger(id)) return;
  try {
    if (event.actionId === LEARNING_ACTIONS.edit) {
      // Slack and Discord open a form instead (editForm); elsewhere (the console) the edit is a subcommand.
      await learning.get(community.id, id);
      await respond(event, repliers, { text: t('learning.edit.how', { id }) });
      return;
    }
    if (event.actionId === LEARNING_ACTIONS.reject) {
      await learning.reject(community.id, id, event.actor.memberId);
      await respond(event, repliers, { text: t('learning.rejected', { id }) });
      return;
    }
    const outcome = await learning.approve(community.id, id, event.actor.memberId);
    const credited = await members.get(outcome.suggestion.creditedMemberId);
    await respond(event, repliers, { text: approvedText(t, outcome, credited?.displayName ?? outcome.suggestion.creditedMemberId) });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    await respond(event, repliers, { text: t(error.key, error.vars) });
  }
}

/** The form the Edit button opens: the question and the answer, prefilled; null when there is nothing to edit. */
export async function editForm(learning: Deps<'learning'>['learning'], translator: Deps<'translator'>['translator'], event: ButtonPressed, context: EventContext): Promise<FormSpec | null> {
  const id = Number(event.value);
  // A member is told "moderators only" by the press itself; a decided suggestion, that it was decided.
  if (!event.actor.isModerator || !Number.isSafeInteger(id)) return null;
  let suggestion;
  try {
    suggestion = await learning.get(context.community.id, id);
  } catch (error) {
    if (error instanceof UserError) return null;
    throw error;
  }
  const t = (key: string, vars?: Record<string, string | number>) => translator.t(context.language, key, vars);
  return {
    title: t('learning.form.title', { id }),
    submitLabel: t('learning.form.submit'),
    command: 'faq',
    subcommand: 'suggestions',
    options: { action: 'edit', id },
    fields: [
      { id: 'question', label: t('learning.form.question'), value: suggestion.questionText, multiline: false, maxLength: MAX_QUESTION_CHARS },
      { id: 'answer', label: t('learning.form.answer'), value: suggestion.answerText, multiline: true, maxLength: MAX_ANSWER_CHARS },
    ],
  };
}

export const learningFeature = defineFeature({
  name: 'learning',
  needs: ['learning', 'scheduler', 'openQuestions', 'digestChannels', 'communities', 'members', 'translator', 'repliers', 'clock'],
  async register(registry, deps) {
    const { learning, scheduler, openQuestions, digestChannels, communities, translator, repliers, clock } = deps;
    const gaps = createKnowledgeGaps({ answerLogs: openQuestions, now: () => clock.now() });
    // Every community with a feedback digest channel gets its knowledge gaps there too.
    scheduler.define<Record<string, never>>({
      name: GAPS_DIGEST_JOB,
      schema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
      async process() {
        for (const { communityId, channelId } of await digestChannels.digestSchedules()) {
          const community = await communities.get(communityId);
          if (!community) continue;
          const t = (key: string, vars?: Record<string, string | number>) => translator.t(community.language, key, vars);
          const message = gapsMessage(t, await gaps.report(communityId), await learning.countPending(communityId));
          try {
            await repliers.forId(channelId).post({ channelId }, message);
          } catch (error) {
            // A paused community (app uninstalled) gets no digest; the others still do.
            if (!(error instanceof CommunityPausedError)) throw error;
          }
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
    registry.on('thread.tagged', async (event) => {
      await learning.onThreadTagged(event);
    });
    registry.on('button.pressed', (event, context) => handleLearningButton(deps, event, context));
    // Where the platform shows forms (Slack, Discord), Edit opens one with the texts to change.
    registry.form(LEARNING_ACTIONS.edit, (event, context) => editForm(learning, translator, event, context));
  },
});
