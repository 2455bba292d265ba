// The shout-outs feature: defines the posting job and re-registers every stored schedule, so a
// restart (or a fresh in-process scheduler) loses none.
import type { Feature } from '../features.ts';

export const registerShoutouts: Feature = async (_registry, services) => {
  services.shoutouts.defineJobs();
  const count = await services.shoutouts.restoreSchedules();
  if (count > 0) services.logger.info({ count }, 'shout-out schedules registered');
};
