// Job names, schedules and retry settings of the ambassadors and feedback features.

/** Attempts for an offer DM on transient errors (rate limits, network), with exponential backoff. */
export const DEFAULT_ATTEMPTS_FOR_DM = 5;

export const REVIEW_JOB = 'ambassadors.review';
export const REVIEW_KEY = 'ambassadors-review';
/** Weekly, Monday 04:00 UTC: the only time members move down a stage. */
export const REVIEW_CRON = '0 4 * * 1';

export const DIGEST_JOB = 'feedback.digest';
export const digestKey = (communityId: string) => `feedback-digest:${communityId}`;
/** Weekly, Monday 09:00 in the community's time zone. */
export const DIGEST_CRON = '0 9 * * 1';
