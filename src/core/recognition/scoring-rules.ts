// The scoring rules as pure functions of a member's state and the configuration (the model is
// described in recognition-config.ts): what a message, a pair's repeated credit and a piece of
// help are worth. The engine (recognition-engine.ts) decides who gets them; the store keeps them.
import type { MemberScoreState } from './member-score-state.ts';
import type { RecognitionConfig } from './recognition-config.ts';

/** Engagement for posting, with cooldown and diminishing returns; moves the member's pace on. */
export function messageEngagement(state: MemberScoreState, words: number, at: number, config: RecognitionConfig): number {
  const pace = state.pace;
  if (at - pace.lastAt < config.messageCooldownSeconds * 1000) return 0;
  if (at - pace.windowStart > config.messageWindowMinutes * 60_000) {
    pace.windowStart = at;
    pace.windowCount = 0;
  }
  const weight = config.messageWeight * (words <= config.shortMessageMaxWords ? config.shortMessageFactor : 1);
  const amount = weight / (1 + pace.windowCount * config.diminishingFactor);
  pace.windowCount++;
  pace.lastAt = at;
  return amount;
}

/** In a channel scope the message engagement mirrors what the community scope just granted. */
export function channelMessageEngagement(credits: ReadonlyArray<{ reason: string; engagement: number }>): number {
  const granted = credits.find((c) => c.reason === 'message');
  return granted ? granted.engagement : 0;
}

/** The share of a credit still due for a pair that had `before` credits today (pairDecay^n, zero past the cap). */
export function pairShare(before: number, config: RecognitionConfig): number {
  return before >= config.pairCapPerDay ? 0 : Math.pow(config.pairDecay, before);
}

/**
 * Helper points for one piece of help. Helping someone new this month is worth more than helping
 * the same person again: a community is better served by a member who helps many people than by
 * one who talks long with one. The bonus counts a person, so it is not scaled by how sure the
 * inference is (the inference already had to clear `minConfidence` to count at all); the
 * per-message part is. This opens no new way to farm points: mentioning each asker always earned
 * the full bonus, and either way it is paid once per person and month.
 */
export function helpAmount(weight: number, share: number, confidence: number, newPerson: boolean, config: RecognitionConfig): number {
  return weight * share * confidence + (newPerson ? config.newPersonWeight : 0);
}
