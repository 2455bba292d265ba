// The notices relay as a feature: every NOTICE_RELAY_EVERY_MS one process sends the notices still
// owed (notice-sender.ts). It listens to no event.
import { z } from 'zod';
import { defineFeature } from '../feature.ts';
import { NOTICE_RELAY_EVERY_MS, NOTICE_RELAY_JOB, NOTICE_RELAY_KEY } from './notice-sender.ts';

export const noticesFeature = defineFeature({
  name: 'notices',
  needs: ['notices', 'scheduler'],
  async register(_registry, { notices, scheduler }) {
    scheduler.define<Record<string, never>>({
      name: NOTICE_RELAY_JOB,
      schema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
      async process() {
        await notices.relay();
      },
    });
    await scheduler.repeat(NOTICE_RELAY_KEY, NOTICE_RELAY_JOB, {}, { everyMs: NOTICE_RELAY_EVERY_MS });
  },
});
