// Proves the distinct-people counter is exact below its size, bounded in memory, and a fair estimate above it.
import { describe, expect, it } from 'vitest';
import { addDistinct, countDistinct, wouldBeNewDistinct } from '../../../src/core/recognition/distinct-sketch.ts';

describe('distinct sketch', () => {
  it('GIVEN fewer members than slots THEN the count is exact and repeats do not count', () => {
    const sketch: number[] = [];
    for (let i = 0; i < 50; i++) addDistinct(sketch, `member-${i % 40}`, 64);
    expect(countDistinct(sketch, 64)).toBe(40);
  });

  it('GIVEN a member already counted THEN wouldBeNewDistinct says no, and yes for a new one', () => {
    const sketch: number[] = [];
    addDistinct(sketch, 'alice', 64);
    expect(wouldBeNewDistinct(sketch, 'alice', 64)).toBe(false);
    expect(wouldBeNewDistinct(sketch, 'bob', 64)).toBe(true);
  });

  it('GIVEN 5,000 members THEN the sketch keeps 64 numbers and the estimate is within 40 %', () => {
    const sketch: number[] = [];
    for (let i = 0; i < 5000; i++) addDistinct(sketch, `slack:T1:U${i}`, 64);
    expect(sketch.length).toBe(64);
    const estimate = countDistinct(sketch, 64);
    expect(Math.abs(estimate - 5000) / 5000).toBeLessThan(0.4);
  });
});
