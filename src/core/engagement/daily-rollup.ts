// A repeating job that rolls activity up into per-member, per-day counts (the dashboard and
// slow reports read these instead of raw events). It recomputes the last two days, so a missed
// or repeated run changes nothing.
import { z } from 'zod';
import type { Deps } from '../app-ports.ts';
import { defineFeature } from '../feature.ts';

export const ROLLUP_JOB = 'activity.rollup';
export const ROLLUP_SCHEDULE_KEY = 'activity-rollup-daily';
const DAY_MS = 86_400_000;

export const dailyRollupFeature = defineFeature({
  name: 'daily-rollup',
  needs: ['scheduler', 'clock', 'communities', 'activity', 'logger'],
  register(_registry, { scheduler, clock, communities, activity, logger }) {
    scheduler.define({
      name: ROLLUP_JOB,
      schema: z.object({ days: z.number().int().min(1).max(31).default(2) }),
      async process({ days }) {
        const to = clock.now();
        const from = new Date(to.getTime() - days * DAY_MS);
        for (const community of await communities.list()) {
          const rows = await activity.rollUp(community.id, from, to, community.timeZone);
          logger.debug({ community: community.id, rows }, 'activity rolled up');
        }
      },
    });
  },
});

/** Schedules the roll-up hourly: cheap, idempotent, and always fresh for "today". */
export async function scheduleDailyRollup({ scheduler }: Deps<'scheduler'>): Promise<void> {
  await scheduler.repeat(ROLLUP_SCHEDULE_KEY, ROLLUP_JOB, { days: 2 }, { cron: '7 * * * *', timeZone: 'UTC' });
}
