// Proves opaque ids carry their platform and round-trip, even with separators in the parts.
import { describe, expect, it } from 'vitest';
import { communityId, communityOf, localPart, parseId, scopedId } from '../../src/core/ids.ts';

describe('opaque ids', () => {
  it('GIVEN platform parts THEN ids round-trip', () => {
    for (const [platform, scope, local] of [['slack', 'T1', 'C1'], ['discord', '123', '456'], ['console', 'local', 'a:b c']] as const) {
      const id = scopedId(platform, scope, local);
      expect(parseId(id)).toEqual({ platform, scope, local });
      expect(communityOf(id)).toBe(communityId(platform, scope));
      expect(localPart(id)).toBe(local);
    }
  });
  it('GIVEN something that is not an id THEN parsing fails loudly', () => {
    expect(() => parseId('teams:1:2')).toThrow(/Not a Rapport id/);
    expect(() => parseId('slack')).toThrow();
    expect(() => localPart('slack:T1')).toThrow(/no local part/);
  });
});
