// Recognition as a service of the running bot: one engine per process (one per community time
// zone, since weeks and months start at local midnight) over one shared store, the write-behind
// cache in front of the database. Members who opted out of profiling are never scored or ranked:
// the engine skips them (mayScore) and the boards filter them again, for choices made after
// scoring. Commands and shout-outs call leaderboard / rank / shoutout; the event feature calls
// onMessage / onReaction / onMemberJoined.
import type { Clock } from '../clock.ts';
import type { Actor, MemberJoined, MessagePosted, ReactionChanged } from '../events.ts';
import type { LeaderboardEntry } from './leaderboard.ts';
import { DAY_MS } from './decayed-value.ts';
import type { QuestionDetector } from '../answers/detect/question-detector.ts';
import { parseRecognitionConfig, type RecognitionConfig, type RecognitionConfigInput } from './recognition-config.ts';
import {
  createRecognitionEngine,
  type GivenCredit,
  type LeaderboardQuery,
  type MessageOutcome,
  type RankResult,
  type RecognitionEngine,
  type ShoutoutData,
  type ShoutoutQuery,
} from './recognition-engine.ts';
import type { ScoreProgress } from './score-progress.ts';
import type { ScoreCounterStore } from './score-counter-store.ts';
import { createWriteBehindScoreStore, type WriteBehindScoreStore } from './write-behind-score-store.ts';

/** The community fields recognition needs. */
export interface RecognitionCommunity {
  id: string;
  timeZone: string;
}

export interface Recognition {
  /** The model's settings (time zone aside: each community's own is used). */
  readonly config: RecognitionConfig;
  /** The cached store every engine shares (the ambassadors' signals read it). */
  readonly store: WriteBehindScoreStore;
  onMessage(community: RecognitionCommunity, message: MessagePosted): Promise<MessageOutcome>;
  /** Told when a message is taken as the answer to an earlier question message (the unanswered list counts it as a reply). */
  onAnswerAttributed(listener: (message: MessagePosted, questionMessageId: string) => Promise<void>): void;
  onReaction(community: RecognitionCommunity, reaction: ReactionChanged): Promise<GivenCredit[]>;
  onMemberJoined(community: RecognitionCommunity, event: MemberJoined): Promise<void>;
  /** The member's answer was accepted into the knowledge base (see RecognitionEngine.onAnswerAccepted). */
  onAnswerAccepted(community: RecognitionCommunity, input: Parameters<RecognitionEngine['onAnswerAccepted']>[0]): Promise<GivenCredit | null>;
  leaderboard(community: RecognitionCommunity, query: Omit<LeaderboardQuery, 'communityId'>): Promise<LeaderboardEntry[]>;
  rank(community: RecognitionCommunity, memberId: string, options?: { channelId?: string }): Promise<RankResult | null>;
  shoutout(community: RecognitionCommunity, query: Omit<ShoutoutQuery, 'communityId'>): Promise<ShoutoutData>;
  /** Writes cached changes to the database (on an interval and at shutdown). */
  flush(): Promise<number>;
  /** Forgets a member everywhere (after a privacy erasure). */
  forget(memberId: string): Promise<void>;
}

export interface RecognitionDeps {
  store: ScoreCounterStore;
  clock: Clock;
  config?: RecognitionConfigInput;
  detectQuestion?: QuestionDetector;
  /** Looks a member up (the members table) when the engine has not seen them since it started. */
  findMember?: (memberId: string) => Promise<{ id: string; communityId: string; displayName: string; isBot: boolean; isModerator: boolean } | null>;
  /** Privacy: false for members who opted out of profiling. */
  mayProfile(communityId: string, memberId: string): Promise<boolean>;
  /** Write-behind bounds (states kept in memory, dirty states that force a flush). */
  cache?: { maxCached?: number; flushEvery?: number };
  /**
   * Score watermarks: after each successful flush, the events `progress` had settled before it
   * are saved as reflected in the stored scores (a crash loses at most what came after).
   */
  watermarks?: { progress: ScoreProgress; save(marks: Map<string, number>): Promise<void> };
}

export function createRecognition(deps: RecognitionDeps): Recognition {
  const config = parseRecognitionConfig(deps.config ?? {});
  // 20,000 cached states (a member in the community and a channel or two) is about 60 MB at most.
  // The store adds what each process credited (atomic increments), so several may share it.
  const store = createWriteBehindScoreStore(deps.store, {
    maxCached: 20_000,
    ...deps.cache,
    halfLives: config,
    sketchSize: config.distinctSketchSize,
    // Pair days are local days: a day within one of the current UTC day may be today somewhere.
    recentDay: (day) => day >= Math.floor(deps.clock.now().getTime() / DAY_MS) - 1,
  });
  const engines = new Map<string, RecognitionEngine>();
  // Members looked up and not found, so a mention of a stranger costs one query a minute at most.
  const misses = new Map<string, number>();
  const resolveMember = deps.findMember
    ? async (communityId: string, memberId: string): Promise<Actor | null> => {
        const now = deps.clock.now().getTime();
        const missed = misses.get(memberId);
        if (missed !== undefined && now - missed < 60_000) return null;
        const member = await deps.findMember!(memberId);
        if (!member || member.communityId !== communityId) {
          if (misses.size > 10_000) misses.clear();
          misses.set(memberId, now);
          return null;
        }
        return { memberId: member.id, displayName: member.displayName, isBot: member.isBot, isModerator: member.isModerator };
      }
    : undefined;

  function engineFor(community: RecognitionCommunity): RecognitionEngine {
    const timeZone = community.timeZone || config.timeZone;
    let engine = engines.get(timeZone);
    if (!engine) {
      engine = createRecognitionEngine({
        store,
        clock: deps.clock,
        config: { ...config, timeZone },
        mayScore: deps.mayProfile,
        ...(resolveMember ? { resolveMember } : {}),
        ...(deps.detectQuestion ? { detectQuestion: deps.detectQuestion } : {}),
      });
      engines.set(timeZone, engine);
    }
    return engine;
  }

  const answerListeners: Array<(message: MessagePosted, questionMessageId: string) => Promise<void>> = [];

  /** Drops opted-out members from a board and renumbers it. */
  async function visible<T extends LeaderboardEntry>(communityId: string, entries: T[]): Promise<T[]> {
    const kept: T[] = [];
    for (const entry of entries) if (await deps.mayProfile(communityId, entry.memberId)) kept.push(entry);
    kept.forEach((entry, i) => {
      entry.rank = i + 1;
    });
    return kept;
  }

  return {
    config,
    store,
    async onMessage(community, message) {
      const outcome = await engineFor(community).onMessage(message);
      if (!outcome.thanks) {
        for (const target of outcome.targets) {
          if (!target.questionMessageId || target.confidence < config.minConfidence) continue;
          for (const listener of answerListeners) await listener(message, target.questionMessageId);
        }
      }
      return outcome;
    },
    onAnswerAttributed(listener) {
      answerListeners.push(listener);
    },
    onReaction: (community, reaction) => engineFor(community).onReaction(reaction),
    onMemberJoined: (community, event) => engineFor(community).onMemberJoined(event),
    onAnswerAccepted: (community, input) => engineFor(community).onAnswerAccepted(input),
    async leaderboard(community, query) {
      const limit = query.limit ?? 10;
      // Ask for a few more than shown, in case some of them opted out since.
      const board = await engineFor(community).leaderboard({ ...query, communityId: community.id, limit: limit + 50 });
      return (await visible(community.id, board)).slice(0, limit);
    },
    async rank(community, memberId, options) {
      if (!(await deps.mayProfile(community.id, memberId))) return null;
      return engineFor(community).rank(community.id, memberId, options);
    },
    async shoutout(community, query) {
      const limit = query.limit ?? 3;
      const data = await engineFor(community).shoutout({ ...query, communityId: community.id, limit: limit + 20 });
      return {
        ...data,
        topHelpers: (await visible(community.id, data.topHelpers)).slice(0, limit),
        mostImproved: (await visible(community.id, data.mostImproved)).slice(0, limit),
      };
    },
    async flush() {
      // Taken before the states are written: every event settled by now is in what is written.
      const marks = deps.watermarks?.progress.settled();
      const written = await store.flush();
      if (marks && marks.size > 0) await deps.watermarks!.save(marks);
      return written;
    },
    async forget(memberId) {
      await store.deleteMember(memberId);
    },
  };
}
