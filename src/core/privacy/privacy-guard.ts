// The one place that answers "may Rapport profile / DM this member?", for the funnel, the offers
// and (through mayProfile, wired in main.ts) the recognition engine. Opted-out members still get
// answers; they are never scored, ranked, placed in the funnel or offered anything.
// Answers come from a per-community cache (refreshed every `cacheMs`, and at once in this process
// when a member changes their choices); the DM job asks the database directly before sending.
import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock.ts';
import type { PrivacyChoices, PrivacyRepository } from './ports.ts';

export interface PrivacyGuard {
  /** False for members who opted out of profiling. Cheap: cached per community. */
  mayProfile(communityId: string, memberId: string): Promise<boolean>;
  /** False for members who opted out of profiling or of DMs. Cached. */
  mayDm(communityId: string, memberId: string): Promise<boolean>;
  /** The same as mayDm, read from the database (used right before sending a DM). */
  mayDmNow(memberId: string): Promise<boolean>;
  choices(memberId: string): Promise<PrivacyChoices>;
  set(memberId: string, communityId: string, patch: Partial<PrivacyChoices>): Promise<PrivacyChoices>;
  exportMember(memberId: string): Promise<Record<string, Array<Record<string, unknown>>>>;
  /** Deletes every row about the member, and whatever registered erasers hold outside the database. */
  erase(communityId: string, memberId: string): Promise<Record<string, number>>;
  /** Stores outside the database (in-memory scores, caches) register here to forget a member after erasure. */
  onErase(eraser: (memberId: string) => Promise<void>): void;
}

interface CacheEntry {
  noProfiling: Set<string>;
  noDms: Set<string>;
}

export function createPrivacyGuard(deps: { repo: PrivacyRepository; clock: Clock; cacheMs?: number }): PrivacyGuard {
  const { repo, clock } = deps;
  const cacheMs = deps.cacheMs ?? 60_000;
  // One entry per community, each valid for cacheMs on the injected clock (lru-cache's perf hook).
  const cache = new LRUCache<string, CacheEntry>({ max: 10_000, ttl: cacheMs, ttlResolution: 0, perf: { now: () => clock.now().getTime() } });
  const erasers: Array<(memberId: string) => Promise<void>> = [];

  async function entry(communityId: string): Promise<CacheEntry> {
    const cached = cache.get(communityId);
    if (cached) return cached;
    const out = await repo.optedOut(communityId);
    const fresh = { noProfiling: new Set(out.noProfiling), noDms: new Set(out.noDms) };
    cache.set(communityId, fresh);
    return fresh;
  }

  return {
    async mayProfile(communityId, memberId) {
      return !(await entry(communityId)).noProfiling.has(memberId);
    },
    async mayDm(communityId, memberId) {
      const e = await entry(communityId);
      return !e.noProfiling.has(memberId) && !e.noDms.has(memberId);
    },
    async mayDmNow(memberId) {
      const choices = await repo.get(memberId);
      return !choices.noProfiling && !choices.noDms;
    },
    choices: (memberId) => repo.get(memberId),
    async set(memberId, communityId, patch) {
      const choices = await repo.set(memberId, communityId, patch);
      cache.delete(communityId);
      return choices;
    },
    exportMember: (memberId) => repo.exportMember(memberId),
    async erase(communityId, memberId) {
      const removed = await repo.eraseMember(memberId);
      cache.delete(communityId);
      for (const eraser of erasers) await eraser(memberId);
      return removed;
    },
    onErase(eraser) {
      erasers.push(eraser);
    },
  };
}
