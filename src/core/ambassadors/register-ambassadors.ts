// The ambassadors feature: listens to messages (brand talk, funnel promotions, feedback capture),
// handles its buttons, and schedules the weekly funnel review and feedback digests.
import { z } from 'zod';
import { defineFeature } from '../feature.ts';
import { createAmbassadorButtons } from './button-actions.ts';
import { OUTBOX_JOB, OUTBOX_KEY, OUTBOX_POLL_MS, REVIEW_CRON, REVIEW_JOB, REVIEW_KEY } from './job-settings.ts';

export const ambassadorsFeature = defineFeature({
  name: 'ambassadors',
  needs: ['ambassadors', 'scheduler', 'communities', 'logger', 'members', 'repliers', 'translator'],
  async register(registry, deps) {
    const { ambassadors, scheduler, communities, logger } = deps;
    const { funnel, offers, feedback } = ambassadors;
    offers.defineJobs();
    feedback.defineJobs();
    scheduler.define<Record<string, never>>({
      name: REVIEW_JOB,
      schema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
      async process() {
        for (const community of await communities.list()) {
          const { reviewed, changed } = await funnel.review(community.id);
          logger.info({ communityId: community.id, reviewed, changed }, 'funnel review done');
        }
      },
    });
    await scheduler.repeat(REVIEW_KEY, REVIEW_JOB, {}, { cron: REVIEW_CRON, timeZone: 'UTC' });
    await feedback.restoreSchedules();
    // The offer outbox relay: DMs owed by approvals whose first job was lost get queued again.
    await scheduler.repeat(OUTBOX_KEY, OUTBOX_JOB, {}, { everyMs: OUTBOX_POLL_MS });

    // Two handlers, so a failure in one (logged by the pipeline) does not skip the other.
    // After recognition (src/feature-list.ts): the funnel reads the scores this message just changed.
    registry.on('message.posted', (event) => funnel.onMessage(event));
    registry.on('message.posted', (event) => feedback.onMessage(event));
    registry.on('button.pressed', createAmbassadorButtons(deps));
  },
});
