// The funnel's stages, lowest first. A member starts as a newcomer; "like" takes part now and
// then, "love" is regular, engaged and positive about the brand, "advocate" also helps others and
// recommends or defends the brand.
export const STAGES = ['newcomer', 'like', 'love', 'advocate'] as const;
export type Stage = (typeof STAGES)[number];

/** Stages an offer can be made to (newcomers are never offered anything). */
export const OFFER_STAGES = ['like', 'love', 'advocate'] as const;
export type OfferStage = (typeof OFFER_STAGES)[number];

export function stageRank(stage: Stage): number {
  return STAGES.indexOf(stage);
}

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

/** The stage one step below (newcomer stays newcomer). */
export function stageBelow(stage: Stage): Stage {
  return STAGES[Math.max(0, stageRank(stage) - 1)]!;
}

/** A reason shown to people: a message-catalogue key and its values, translated when shown. */
export interface Reason {
  key: string;
  vars: Record<string, string | number>;
}
