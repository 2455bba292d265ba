// Proves the funnel model: which stage signals and brand talk support, that promotion only moves up,
// and that a review demotes one stage at a time and never inside the grace period.
import { describe, expect, it } from 'vitest';
import { defaultFunnelRules, evaluateStage, NO_BRAND_TALK, promote, review, type FunnelInput } from '../../../src/core/ambassadors/funnel-rules.ts';
import { NO_SIGNALS } from '../../../src/core/ambassadors/member-signals.ts';

const DAY = 86_400_000;
const base: FunnelInput = { signals: NO_SIGNALS, activeDays: 0, brand: NO_BRAND_TALK, brandKnown: true };
const regular: FunnelInput = { ...base, activeDays: 6, signals: { ...NO_SIGNALS, messages: 20, engagement: 8 } };

describe('evaluateStage', () => {
  it('GIVEN no activity THEN newcomer, with "quiet" as the reason', () => {
    expect(evaluateStage(base)).toEqual({ stage: 'newcomer', reasons: [{ key: 'ambassadors.reason.quiet', vars: { days: 30 } }] });
  });

  it('GIVEN messages on two days THEN like', () => {
    expect(evaluateStage({ ...base, activeDays: 2, signals: { ...NO_SIGNALS, messages: 3 } }).stage).toBe('like');
  });

  it('GIVEN one very busy day THEN still a newcomer (one burst is not taking part now and then)', () => {
    expect(evaluateStage({ ...base, activeDays: 1, signals: { ...NO_SIGNALS, messages: 300, engagement: 40 } }).stage).toBe('newcomer');
  });

  it('GIVEN a regular member who never says anything good about the brand THEN like, not love', () => {
    expect(evaluateStage(regular).stage).toBe('like');
    expect(evaluateStage({ ...regular, brand: { ...NO_BRAND_TALK, praise: 1, complaints: 2 } }).stage).toBe('like');
  });

  it('GIVEN a regular member who praises the brand THEN love', () => {
    expect(evaluateStage({ ...regular, brand: { ...NO_BRAND_TALK, praise: 1 } }).stage).toBe('love');
  });

  it('GIVEN love, helping three people, thanked and recommending THEN advocate, with every reason', () => {
    const input: FunnelInput = { ...regular, signals: { ...regular.signals, helpedPeople: 3, thanksReceived: 2, helper: 4 }, brand: { ...NO_BRAND_TALK, recommendations: 1, defences: 1 } };
    const result = evaluateStage(input);
    expect(result.stage).toBe('advocate');
    expect(result.reasons.map((r) => r.key.replace('ambassadors.reason.', ''))).toEqual(['activeDays', 'helped', 'thanked', 'recommended', 'defended']);
  });

  it('GIVEN a helper who never recommends or defends the brand THEN love at most', () => {
    const input: FunnelInput = { ...regular, signals: { ...regular.signals, helpedPeople: 9, thanksReceived: 9, helper: 20 }, brand: { ...NO_BRAND_TALK, praise: 2 } };
    expect(evaluateStage(input).stage).toBe('love');
  });

  it('GIVEN a recommender who helps nobody THEN love at most', () => {
    expect(evaluateStage({ ...regular, brand: { ...NO_BRAND_TALK, recommendations: 30 } }).stage).toBe('love');
  });

  it('GIVEN no brand names THEN love needs no brand talk and advocate needs a strong helper standing', () => {
    const input: FunnelInput = { ...regular, brandKnown: false, signals: { ...regular.signals, helpedPeople: 3, thanksReceived: 1, helper: 2 } };
    expect(evaluateStage(input).stage).toBe('love');
    expect(evaluateStage({ ...input, signals: { ...input.signals, helper: defaultFunnelRules.advocate.helperWithoutBrand } }).stage).toBe('advocate');
  });
});

describe('promote and review', () => {
  const since = new Date('2026-10-01T00:00:00Z');
  it('GIVEN lower signals between reviews THEN nobody moves down', () => {
    expect(promote('advocate', 'newcomer')).toEqual({ stage: 'advocate', changed: false });
    expect(promote('like', 'advocate')).toEqual({ stage: 'advocate', changed: true });
  });

  it('GIVEN a review after the grace period THEN a member moves down one stage only', () => {
    expect(review('advocate', 'newcomer', since, new Date(since.getTime() + 30 * DAY))).toEqual({ stage: 'love', changed: true });
  });

  it('GIVEN a review inside the grace period THEN nothing changes', () => {
    expect(review('advocate', 'newcomer', since, new Date(since.getTime() + 13 * DAY))).toEqual({ stage: 'advocate', changed: false });
  });

  it('GIVEN a review with higher signals THEN it promotes like any evaluation', () => {
    expect(review('like', 'advocate', since, since)).toEqual({ stage: 'advocate', changed: true });
  });
});
