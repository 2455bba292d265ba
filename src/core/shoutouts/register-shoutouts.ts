// The shout-outs feature: defines the posting job and re-registers every stored schedule, so a
// restart (or a fresh in-process scheduler) loses none; a tick missed while Rapport or Redis was
// away is queued again at start and whenever Redis answers again.
import { defineFeature } from '../feature.ts';

export const shoutoutsFeature = defineFeature({
  name: 'shoutouts',
  needs: ['shoutouts', 'logger', 'scheduler'],
  async register(_registry, { shoutouts, logger, scheduler }) {
    shoutouts.defineJobs();
    const count = await shoutouts.restoreSchedules();
    if (count > 0) logger.info({ count }, 'shout-out schedules registered');
    const catchUp = async () => {
      const missed = await shoutouts.catchUp();
      if (missed > 0) logger.info({ missed }, 'missed shout-outs queued');
    };
    await catchUp();
    scheduler.onReconnect?.(() => {
      catchUp().catch((error: unknown) => logger.error({ err: error }, 'could not queue missed shout-outs after the Redis outage'));
    });
  },
});
