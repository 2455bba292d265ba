// Starting points brought from another bot (`rapport import scores`): MEE6 XP become engagement,
// karma or HeyTaco points become helper points. They count towards all-time totals and the
// decayed current standing (so a member does not start from nothing), never towards the current
// week or month: those stay what happened here, so "most improved" and weekly shout-outs are fair.
// Each import is kept (ImportedScore) and applied again after a rebuild from events, which cannot
// know about it; importing the same source again first takes the previous import back out.
import { addDecayed, DAY_MS } from './decayed-value.ts';
import { createScoreState, type MemberScoreState } from './member-score-state.ts';
import type { RecognitionConfig } from './recognition-config.ts';

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

/** Adds (sign 1) or takes back (sign -1) imported points in a member's community-wide state. */
export function applyImportedPoints(state: MemberScoreState, imported: ImportedPoints, sign: 1 | -1, config: RecognitionConfig): void {
  const points = sign * imported.points;
  const count = sign * imported.count;
  if (imported.kind === 'engagement') {
    addDecayed(state.engagement, points, imported.at, config.engagementHalfLifeDays * DAY_MS);
    state.all.engagement += points;
    state.all.messages += count;
  } else {
    addDecayed(state.helper, points, imported.at, config.helperHalfLifeDays * DAY_MS);
    state.all.helper += points;
    state.all.thanks += count;
  }
  if (imported.at < state.firstSeenAt) state.firstSeenAt = imported.at;
}

/** The member's community-wide state with the points applied (a new state when there was none). */
export function withImportedPoints(state: MemberScoreState | undefined, who: { scopeId: string; memberId: string; displayName: string; isStaff: boolean }, imported: ImportedPoints, config: RecognitionConfig): MemberScoreState {
  const next = state ?? createScoreState(who.scopeId, who.memberId, who.displayName, who.isStaff, imported.at);
  applyImportedPoints(next, imported, 1, config);
  return next;
}
