// A paused community: its platform took Rapport away (Slack app_uninstalled or tokens_revoked; a
// Discord server that removed the bot, guildDelete) but its data stays. While paused nothing
// is sent there (the repliers refuse, CommunityPausedError) and its scheduled jobs end without
// running; when the app is installed again the community is resumed and everything goes on.
// Adapters report the change through AdapterHandlers.onCommunityStatus (src/core/adapter.ts).
import { LRUCache } from 'lru-cache';
import { PlatformError } from './errors.ts';
import { communityOf, parseId } from './ids.ts';
import type { Logger } from './logger.ts';
import type { OutgoingMessage, PostTarget, Replier, ReplierDirectory } from './outgoing.ts';
import type { JobContext, JobDefinition, JobScheduler } from './scheduler.ts';

export interface CommunityPauseStore {
  /** Sets or clears a community's pause; false when the community is not stored (nothing to pause). */
  setPaused(communityId: string, pause: { at: Date; reason: string } | null): Promise<boolean>;
  pausedAt(communityId: string): Promise<Date | null>;
}

export interface CommunityPauses {
  pause(communityId: string, reason: string): Promise<boolean>;
  resume(communityId: string): Promise<boolean>;
  isPaused(communityId: string): Promise<boolean>;
}

/** Sending into a paused community. Not retryable: the job or handler that tried stops quietly. */
export class CommunityPausedError extends PlatformError {
  readonly communityId: string;
  constructor(communityId: string) {
    super(parseId(communityId).platform, 'community_paused', `Community ${communityId} is paused (its app was uninstalled or its tokens revoked)`, { retryable: false });
    this.name = 'CommunityPausedError';
    this.communityId = communityId;
  }
}

/** How long a community's pause state is reused: another process's pause is seen within this time. */
const PAUSE_CACHE_MS = 5_000;

export function createCommunityPauses(deps: { store: CommunityPauseStore; now(): Date; logger: Logger }): CommunityPauses {
  // Every post asks; a short cache keeps that off the database for busy communities.
  const known = new LRUCache<string, Promise<boolean>>({ max: 10_000, ttl: PAUSE_CACHE_MS });
  return {
    async pause(communityId, reason) {
      known.delete(communityId);
      const done = await deps.store.setPaused(communityId, { at: deps.now(), reason });
      deps.logger.info({ communityId, reason, known: done }, 'community paused');
      return done;
    },
    async resume(communityId) {
      known.delete(communityId);
      const done = await deps.store.setPaused(communityId, null);
      if (done) deps.logger.info({ communityId }, 'community resumed');
      return done;
    },
    isPaused(communityId) {
      const cached = known.get(communityId);
      if (cached) return cached;
      const answer = deps.store.pausedAt(communityId).then((at) => at !== null);
      known.set(communityId, answer);
      answer.catch(() => known.delete(communityId));
      return answer;
    },
  };
}

/** Repliers that refuse to send into a paused community (the id says which community). */
export function pausingRepliers(directory: ReplierDirectory, pauses: Pick<CommunityPauses, 'isPaused'>): ReplierDirectory {
  const check = async (id: string) => {
    const community = communityOf(id);
    if (await pauses.isPaused(community)) throw new CommunityPausedError(community);
  };
  return {
    forId(id) {
      const replier = directory.forId(id);
      const guarded: Replier = Object.assign(Object.create(replier) as Replier, {
        post: async (target: PostTarget, message: OutgoingMessage) => (await check(target.channelId), replier.post(target, message)),
        dm: async (memberId: string, message: OutgoingMessage) => (await check(memberId), replier.dm(memberId, message)),
      });
      const ephemeral = replier.ephemeral?.bind(replier);
      if (ephemeral) guarded.ephemeral = async (channelId, memberId, message) => (await check(channelId), ephemeral(channelId, memberId, message));
      return guarded;
    },
  };
}

/**
 * A scheduler whose jobs skip paused communities: a job naming its community (communityOfJob) does not run for
 * a paused one, and a job that meets a paused community while sending (CommunityPausedError) ends
 * as done instead of failing and being retried.
 */
export function pausingScheduler(scheduler: JobScheduler, pauses: Pick<CommunityPauses, 'isPaused'>, logger: Logger): JobScheduler {
  return Object.assign(Object.create(scheduler) as JobScheduler, {
    define<T>(definition: JobDefinition<T>) {
      scheduler.define({
        ...definition,
        async process(data: T, context: JobContext) {
          const communityId = communityOfJob(data);
          if (communityId && (await pauses.isPaused(communityId))) {
            logger.info({ job: definition.name, communityId }, 'job skipped: its community is paused');
            return;
          }
          try {
            await definition.process(data, context);
          } catch (error) {
            if (!(error instanceof CommunityPausedError)) throw error;
            logger.info({ job: definition.name, communityId: error.communityId }, 'job stopped: its community is paused');
          }
        },
      });
    },
  });
}

/** The community a job's data names: its `communityId`, or the community of its `memberId` or `channelId`. */
function communityOfJob(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const fields = data as { communityId?: unknown; memberId?: unknown; channelId?: unknown };
  if (typeof fields.communityId === 'string') return fields.communityId;
  for (const id of [fields.memberId, fields.channelId]) {
    if (typeof id !== 'string') continue;
    try {
      return communityOf(id);
    } catch {
      // Not an opaque id: the job names no community.
    }
  }
  return undefined;
}
