// Proves /offer create understands expiry as a duration or a date, and rejects the rest.
import { describe, expect, it } from 'vitest';
import { parseExpiry } from '../../../src/core/ambassadors/format.ts';
import { UserError } from '../../../src/core/errors.ts';

const now = new Date('2026-11-23T10:00:00Z');

describe('parseExpiry', () => {
  it('GIVEN 14d, 2w or 36h THEN that long from now', () => {
    expect(parseExpiry('14d', now).toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(parseExpiry('2w', now).toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(parseExpiry('36h', now).toISOString()).toBe('2026-11-24T22:00:00.000Z');
  });

  it('GIVEN a future date THEN the end of that day (UTC)', () => {
    expect(parseExpiry('2026-12-31', now).toISOString()).toBe('2026-12-31T23:59:59.000Z');
  });

  it('GIVEN a past date, zero or words THEN a user error', () => {
    for (const bad of ['2026-01-01', '0d', 'soon']) expect(() => parseExpiry(bad, now)).toThrow(UserError);
  });
});
