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

/** The offer outbox relay: how often it looks for DMs still owed, and when it hands one to the queue again. */
export const OUTBOX_JOB = 'offers.outbox';
export const OUTBOX_KEY = 'offers-outbox';
export const OUTBOX_POLL_MS = 15_000;
/** A DM not done this long after it was due is handed to the queue again (its first job was lost). */
export const OUTBOX_RELAY_AFTER_MS = 60_000;
/** Later hand-offs back off from this, doubling, up to OUTBOX_MAX_BACKOFF_MS. */
export const OUTBOX_BACKOFF_MS = 60_000;
export const OUTBOX_MAX_BACKOFF_MS = 15 * 60_000;
