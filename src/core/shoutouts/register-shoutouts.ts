// The shout-outs feature: defines the posting job and re-registers every stored schedule, so a
// restart (or a fresh in-process scheduler) loses none.
import { defineFeature } from '../features.ts';

export const shoutoutsFeature = defineFeature({
  name: 'shoutouts',
  needs: ['shoutouts', 'logger'],
  async register(_registry, { shoutouts, logger }) {
    shoutouts.defineJobs();
    const count = await shoutouts.restoreSchedules();
    if (count > 0) logger.info({ count }, 'shout-out schedules registered');
  },
});
