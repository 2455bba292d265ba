// Scores are derived data: a community's scores can be recomputed by replaying its stored chat
// events (ActivityEvent.payload), in order, through a fresh recognition engine into empty score
// state. Used by `rapport scores rebuild` and at start-up for communities whose watermark (how far
// the stored scores go, score-progress.ts) is behind their newest stored event: what a crash lost
// from the write-behind cache comes back. Events stored before payloads were kept cannot be
// replayed; a community that has any is not rebuilt automatically (its scores would lose them).
import type { ChatEvent } from '../events.ts';
import type { Logger } from '../logger.ts';
import { systemClock } from '../clock.ts';
import { createRecognition, type RecognitionDeps } from './create-recognition.ts';
import { randomUUID } from 'node:crypto';
import type { ScoreCounterStore } from './score-counter-store.ts';
import { importedDelta, type ImportedPoints } from './imported-points.ts';

export interface StoredEvent {
  /** The ActivityEvent id (increasing in storing order). */
  id: number;
  event: ChatEvent;
}

export interface ScoreRebuildStore {
  /** Every community with stored events. */
  communities(): Promise<string[]>;
  /** Communities whose newest replayable event is above their watermark (or that have none). */
  lagging(): Promise<string[]>;
  /** Stored events of a community without a payload (from before payloads were kept). */
  unreplayable(communityId: string): Promise<number>;
  /** Removes the community's member scores and pair counters. */
  clear(communityId: string): Promise<void>;
  /** Replayable events after `afterId`, oldest first. */
  events(communityId: string, afterId: number, limit: number): Promise<StoredEvent[]>;
  /** Raises watermarks (never lowers them). */
  saveWatermarks(marks: Map<string, number>): Promise<void>;
  /** Sets a watermark as given (after a rebuild). */
  setWatermark(communityId: string, id: number): Promise<void>;
  /** Points imported from another bot (`rapport import scores`): no event holds them, so a rebuild adds them back. */
  imported?(communityId: string): Promise<Array<{ memberId: string; points: ImportedPoints }>>;
}

export interface RebuildDeps extends Pick<RecognitionDeps, 'config' | 'mayProfile' | 'findMember'> {
  rebuild: ScoreRebuildStore;
  store: ScoreCounterStore;
  timeZoneOf(communityId: string): Promise<string>;
  logger: Logger;
}

export interface RebuildResult {
  communityId: string;
  events: number;
  /** Events that could not be replayed (stored before payloads were kept). */
  skipped: number;
}

const PAGE = 2_000;

export async function rebuildCommunityScores(communityId: string, deps: RebuildDeps): Promise<RebuildResult> {
  const skipped = await deps.rebuild.unreplayable(communityId);
  await deps.rebuild.clear(communityId);
  const recognition = createRecognition({
    store: deps.store,
    clock: systemClock,
    mayProfile: deps.mayProfile,
    ...(deps.config ? { config: deps.config } : {}),
    ...(deps.findMember ? { findMember: deps.findMember } : {}),
  });
  const community = { id: communityId, timeZone: await deps.timeZoneOf(communityId) };
  let last = 0;
  let events = 0;
  for (let page = await deps.rebuild.events(communityId, 0, PAGE); page.length > 0; page = await deps.rebuild.events(communityId, last, PAGE)) {
    for (const { id, event } of page) {
      last = id;
      events++;
      if (event.type === 'message.posted') await recognition.onMessage(community, event);
      else if (event.type === 'reaction.added' || event.type === 'reaction.removed') await recognition.onReaction(community, event);
      else if (event.type === 'member.joined') await recognition.onMemberJoined(community, event);
    }
    await recognition.flush();
  }
  await recognition.flush();
  for (const { memberId, points } of (await deps.rebuild.imported?.(communityId)) ?? []) {
    const member = await deps.findMember?.(memberId);
    const who = { scopeId: communityId, memberId, displayName: member?.displayName ?? memberId, isStaff: member?.isModerator ?? false };
    await deps.store.applyDeltas([importedDelta(who, points, 1)], { writeId: `rebuild:${randomUUID()}`, halfLives: recognition.config });
  }
  if (last > 0) await deps.rebuild.setWatermark(communityId, last);
  deps.logger.info({ communityId, events, skipped }, 'scores rebuilt from stored events');
  return { communityId, events, skipped };
}

/** Rebuilds every community whose scores lag its stored events (start-up). */
export async function rebuildLaggingScores(deps: RebuildDeps): Promise<RebuildResult[]> {
  const results: RebuildResult[] = [];
  for (const communityId of await deps.rebuild.lagging()) {
    if ((await deps.rebuild.unreplayable(communityId)) > 0) {
      deps.logger.warn({ communityId }, 'scores lag the stored events, but some events predate kept payloads: run `rapport scores rebuild` to rebuild from what can be replayed');
      continue;
    }
    results.push(await rebuildCommunityScores(communityId, deps));
  }
  return results;
}
