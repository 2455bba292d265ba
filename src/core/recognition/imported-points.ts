// Starting points brought from another bot (`rapport import scores`): MEE6 XP become engagement,
// karma or HeyTaco points become helper points. They count towards all-time totals and the
// decayed current standing (so a member does not start from nothing), never towards the current
// week or month: those stay what happened here, so "most improved" and weekly shout-outs are fair.
// Each import is kept (ImportedScore) and applied again after a rebuild from events, which cannot
// know about it; importing the same source again first takes the previous import back out.
import type { RecognitionConfig } from './recognition-config.ts';
import type { ScoreDelta, TallyDelta } from './score-delta.ts';

export type ImportSource = 'mee6' | 'csv';

export interface ImportedPoints {
  source: ImportSource;
  kind: 'engagement' | 'helper';
  /** The figure in the file (MEE6 XP, karma points). */
  raw: number;
  /** Points added to the score. */
  points: number;
  /** Messages (engagement) or thanks (helper) added to the all-time counters. */
  count: number;
  /** Epoch ms of the import: the decayed standing counts the points from then. */
  at: number;
}

/**
 * MEE6 grants 15-25 XP for at most one message a minute (its default `xp_per_message`), so XP / 20
 * is about the number of messages it counted: one Rapport message's engagement (`messageWeight`)
 * each. Karma and tacos are thank-yous from others: each point is one thank-you received.
 */
export const MEE6_XP_PER_MESSAGE = 20;

export function importedPoints(source: ImportSource, raw: number, count: number, at: number, config: RecognitionConfig): ImportedPoints {
  return source === 'mee6'
    ? { source, kind: 'engagement', raw, points: (raw / MEE6_XP_PER_MESSAGE) * config.messageWeight, count, at }
    : { source, kind: 'helper', raw, points: raw * config.thanksWeight, count, at };
}

/**
 * The points as an increment of the member's community-wide scores (sign 1), or one that takes an
 * earlier import back out (sign -1): the decayed standing from the moment of the import, and the
 * all-time tally. First seen moves back to the import's moment when earlier; last seen stays.
 */
export function importedDelta(who: { scopeId: string; memberId: string; displayName: string; isStaff: boolean }, imported: ImportedPoints, sign: 1 | -1): ScoreDelta {
  const points = sign * imported.points;
  const count = sign * imported.count;
  const engagement = imported.kind === 'engagement';
  const all: TallyDelta = { period: 'all', key: 0, engagement: engagement ? points : 0, helper: engagement ? 0 : points, messages: engagement ? count : 0, replies: 0, answers: 0, thanks: engagement ? 0 : count, reactions: 0 };
  return {
    scopeId: who.scopeId,
    memberId: who.memberId,
    displayName: who.displayName,
    isStaff: who.isStaff,
    engagement: { value: engagement ? points : 0, at: imported.at },
    helper: { value: engagement ? 0 : points, at: imported.at },
    tallies: new Map([['all:0', all]]),
    helped: new Map(),
    pace: { lastAt: Number.NEGATIVE_INFINITY, windowStart: Number.NEGATIVE_INFINITY, windowCount: 0 },
    firstSeenAt: sign === 1 ? imported.at : Number.POSITIVE_INFINITY,
    lastSeenAt: Number.NEGATIVE_INFINITY,
  };
}
