// Proves scores decay exponentially with the configured half-life, in O(1) per update, and late events never move time back.
import { describe, expect, it } from 'vitest';
import { addDecayed, DAY_MS, emptyDecayed, readDecayed } from '../../../src/core/recognition/decayed-value.ts';

const HALF_LIFE = 10 * DAY_MS;

describe('decayed values', () => {
  it('GIVEN 8 points THEN after one half-life 4 remain and after two 2 remain', () => {
    const acc = addDecayed(emptyDecayed(), 8, 0, HALF_LIFE);
    expect(readDecayed(acc, HALF_LIFE, HALF_LIFE)).toBeCloseTo(4);
    expect(readDecayed(acc, 2 * HALF_LIFE, HALF_LIFE)).toBeCloseTo(2);
  });

  it('GIVEN points added at different times THEN the value equals the sum of each decayed separately', () => {
    const acc = emptyDecayed();
    addDecayed(acc, 1, 0, HALF_LIFE);
    addDecayed(acc, 1, HALF_LIFE, HALF_LIFE);
    addDecayed(acc, 1, 3 * HALF_LIFE, HALF_LIFE);
    const now = 4 * HALF_LIFE;
    expect(readDecayed(acc, now, HALF_LIFE)).toBeCloseTo(2 ** -4 + 2 ** -3 + 2 ** -1);
    expect(acc.at).toBe(3 * HALF_LIFE);
  });

  it('GIVEN a late event older than the accumulator THEN it is decayed to the accumulator time and time does not go back', () => {
    const acc = addDecayed(emptyDecayed(), 1, 2 * HALF_LIFE, HALF_LIFE);
    addDecayed(acc, 1, HALF_LIFE, HALF_LIFE);
    expect(acc.at).toBe(2 * HALF_LIFE);
    expect(acc.value).toBeCloseTo(1.5);
  });

  it('GIVEN a read before the last update THEN the value is not inflated', () => {
    const acc = addDecayed(emptyDecayed(), 4, HALF_LIFE, HALF_LIFE);
    expect(readDecayed(acc, 0, HALF_LIFE)).toBe(4);
  });
});
