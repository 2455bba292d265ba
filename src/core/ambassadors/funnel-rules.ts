// The funnel model: which stage a member's signals and brand talk put them in, and the reasons.
// Pure functions; the thresholds are documented defaults a community may override.
//
// - like:     active on `like.activeDays`+ days of the last `windowDays`, with `like.messages`+ messages.
// - love:     like, and active on `love.activeDays`+ days, engagement standing >= `love.engagement`,
//             and positive about the brand (recommended, defended or praised it more often than
//             complained) when the community has named its brand.
// - advocate: love, and helped `advocate.helpedPeople`+ different people, was thanked
//             `advocate.thanks`+ times, and recommended or defended the brand `advocate.advocacy`+
//             times (without brand names: a helper standing >= `advocate.helperWithoutBrand`).
// Brand talk counts at most once per kind and day, within `brandWindowDays`.
// Promotion happens as soon as the signals allow it; demotion only at the periodic review, one
// stage at a time, and never within `graceDays` of their last stage change, so nobody flickers.
import type { MemberSignals } from './member-signals.ts';
import { stageBelow, stageRank, type Reason, type Stage } from './stages.ts';

export interface FunnelRules {
  windowDays: number;
  brandWindowDays: number;
  graceDays: number;
  like: { activeDays: number; messages: number };
  love: { activeDays: number; engagement: number };
  advocate: { helpedPeople: number; thanks: number; advocacy: number; helperWithoutBrand: number };
}

export const defaultFunnelRules: FunnelRules = {
  windowDays: 30,
  brandWindowDays: 90,
  graceDays: 14,
  like: { activeDays: 2, messages: 3 },
  love: { activeDays: 4, engagement: 4 },
  advocate: { helpedPeople: 3, thanks: 1, advocacy: 1, helperWithoutBrand: 5 },
};

export interface BrandTalk {
  recommendations: number;
  defences: number;
  praise: number;
  complaints: number;
}

export const NO_BRAND_TALK: BrandTalk = { recommendations: 0, defences: 0, praise: 0, complaints: 0 };

export interface FunnelInput {
  signals: MemberSignals;
  /** Days with at least one message in the last `windowDays`. */
  activeDays: number;
  brand: BrandTalk;
  /** The community has named its brand (so brand talk can be recognised at all). */
  brandKnown: boolean;
}

export interface Evaluation {
  stage: Stage;
  reasons: Reason[];
}

function reason(key: string, vars: Record<string, number> = {}): Reason {
  return { key: `ambassadors.reason.${key}`, vars };
}

/** The stage the signals support right now, with the reasons behind it. */
export function evaluateStage(input: FunnelInput, rules: FunnelRules = defaultFunnelRules): Evaluation {
  const { signals, activeDays, brand, brandKnown } = input;
  const reasons: Reason[] = [];
  if (activeDays > 0) reasons.push(reason('activeDays', { count: activeDays, days: rules.windowDays }));
  if (signals.helpedPeople > 0) reasons.push(reason('helped', { count: signals.helpedPeople }));
  if (signals.thanksReceived > 0) reasons.push(reason('thanked', { count: signals.thanksReceived }));
  if (brand.recommendations > 0) reasons.push(reason('recommended', { count: brand.recommendations }));
  if (brand.defences > 0) reasons.push(reason('defended', { count: brand.defences }));
  if (brand.praise > 0) reasons.push(reason('praised', { count: brand.praise }));
  if (brand.complaints > 0) reasons.push(reason('complained', { count: brand.complaints }));

  const likes = activeDays >= rules.like.activeDays && signals.messages >= rules.like.messages;
  const advocacy = brand.recommendations + brand.defences;
  const positive = advocacy + brand.praise;
  const positiveAboutBrand = !brandKnown || (positive > 0 && positive > brand.complaints);
  const loves = likes && activeDays >= rules.love.activeDays && signals.engagement >= rules.love.engagement && positiveAboutBrand;
  const helps = signals.helpedPeople >= rules.advocate.helpedPeople && signals.thanksReceived >= rules.advocate.thanks;
  const advocates = loves && helps && (brandKnown ? advocacy >= rules.advocate.advocacy : signals.helper >= rules.advocate.helperWithoutBrand);

  const stage: Stage = advocates ? 'advocate' : loves ? 'love' : likes ? 'like' : 'newcomer';
  if (reasons.length === 0) reasons.push(reason('quiet', { days: rules.windowDays }));
  return { stage, reasons };
}

export interface StageDecision {
  stage: Stage;
  changed: boolean;
}

/** Between reviews a member can only move up. */
export function promote(current: Stage, evaluated: Stage): StageDecision {
  return stageRank(evaluated) > stageRank(current) ? { stage: evaluated, changed: true } : { stage: current, changed: false };
}

/**
 * At a review a member moves up as far as the signals allow, or down one stage when the signals
 * no longer hold them, unless they were promoted less than `graceDays` ago.
 */
export function review(current: Stage, evaluated: Stage, stageSince: Date, now: Date, rules: FunnelRules = defaultFunnelRules): StageDecision {
  const up = promote(current, evaluated);
  if (up.changed) return up;
  if (stageRank(evaluated) >= stageRank(current)) return { stage: current, changed: false };
  if (now.getTime() - stageSince.getTime() < rules.graceDays * 86_400_000) return { stage: current, changed: false };
  return { stage: stageBelow(current), changed: true };
}
