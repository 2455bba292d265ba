// How fast Rapport sends offer DMs. Two limits apply together:
// - per platform, a job kind per platform with a queue rate limiter shared by every Rapport
//   process on the same Redis (BullMQ limiter; the in-process scheduler enforces the same rule);
// - per community, DMs are spaced at least `perCommunitySpacingMs` apart (the approval records when
//   each DM may go, and the job is delayed until then), so one busy community cannot use up the
//   platform's budget or flood its members.
// Platform facts: Slack's chat.postMessage allows about one message per second per channel and
// conversations.open is Tier 3 (50+/min) https://api.slack.com/apis/rate-limits ; Discord allows
// 50 requests/s globally but DM channel creation has its own small bucket and mass DMs are
// treated as spam https://discord.com/developers/docs/topics/rate-limits .
import type { Platform } from '../ids.ts';

export interface DmLimits {
  perPlatform: Record<Platform, { max: number; durationMs: number }>;
  perCommunitySpacingMs: number;
}

export const defaultDmLimits: DmLimits = {
  perPlatform: {
    slack: { max: 1, durationMs: 1_000 },
    discord: { max: 1, durationMs: 2_000 },
    console: { max: 5, durationMs: 1_000 },
  },
  perCommunitySpacingMs: 2_000,
};

export function dmJobName(platform: Platform): string {
  return `offers.dm.${platform}`;
}
