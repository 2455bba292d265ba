// What the recognition engine answers: leaderboard, rank and shout-out queries and their results,
// read from the score store and ranked by leaderboard.ts (never on the per-message path).
import type { Clock } from '../clock.ts';
import { mostImproved, rankStates, scoreOf, type ImprovedEntry, type LeaderboardEntry, type LeaderboardPeriod } from './leaderboard.ts';
import type { PeriodFigures, ScoreKind } from './member-score-state.ts';
import type { PeriodCalendar } from './period-calendar.ts';
import type { RecognitionConfig } from './recognition-config.ts';
import type { ScoreStore } from './score-store.ts';

export interface LeaderboardQuery {
  communityId: string;
  period: LeaderboardPeriod;
  kind: ScoreKind;
  channelId?: string;
  limit?: number;
}

export interface RankResult {
  memberId: string;
  displayName: string;
  /** Position on the all-time and current (decayed) helper boards; null when not ranked. */
  helperRank: { all: number | null; current: number | null };
  engagementRank: { all: number | null; current: number | null };
  standing: { helper: number; engagement: number };
  /** The reasons: this week, this month and all time. */
  week: PeriodFigures;
  month: PeriodFigures;
  all: PeriodFigures;
}

export interface ShoutoutQuery {
  communityId: string;
  period: 'week' | 'month';
  /** 'previous' is the period that just ended (what a Monday-morning post thanks). */
  which: 'current' | 'previous';
  limit?: number;
}

export interface ShoutoutData {
  period: 'week' | 'month';
  key: number;
  topHelpers: LeaderboardEntry[];
  mostImproved: ImprovedEntry[];
}

export interface RecognitionQueries {
  leaderboard(query: LeaderboardQuery): Promise<LeaderboardEntry[]>;
  rank(communityId: string, memberId: string, options?: { channelId?: string }): Promise<RankResult | null>;
  shoutout(query: ShoutoutQuery): Promise<ShoutoutData>;
}

export function createRecognitionQueries(deps: { store: Pick<ScoreStore, 'list'>; clock: Clock; calendar: PeriodCalendar; config: RecognitionConfig }): RecognitionQueries {
  const { store, clock, calendar, config } = deps;
  return {
    async leaderboard(query) {
      const now = clock.now().getTime();
      const states = await store.list(query.channelId ?? query.communityId);
      const entries = rankStates(states, { period: query.period, kind: query.kind, now, index: calendar.index(now), config });
      return entries.slice(0, query.limit ?? 10);
    },

    async rank(communityId, memberId, options = {}) {
      const now = clock.now().getTime();
      const index = calendar.index(now);
      const states = await store.list(options.channelId ?? communityId);
      const state = states.find((s) => s.memberId === memberId);
      if (!state) return null;
      const position = (period: LeaderboardPeriod, kind: ScoreKind): number | null =>
        rankStates(states, { period, kind, now, index, config }).find((e) => e.memberId === memberId)?.rank ?? null;
      const base = { now, index, config, kind: 'helpers' as const };
      return {
        memberId,
        displayName: state.displayName,
        helperRank: { all: position('all', 'helpers'), current: position('current', 'helpers') },
        engagementRank: { all: position('all', 'engagement'), current: position('current', 'engagement') },
        standing: {
          helper: scoreOf(state, { ...base, period: 'current' }).score,
          engagement: scoreOf(state, { ...base, kind: 'engagement', period: 'current' }).score,
        },
        week: scoreOf(state, { ...base, period: 'week' }).figures,
        month: scoreOf(state, { ...base, period: 'month' }).figures,
        all: scoreOf(state, { ...base, period: 'all' }).figures,
      };
    },

    async shoutout(query) {
      const now = clock.now().getTime();
      const index = calendar.index(now);
      const key = (query.period === 'week' ? index.week : index.month) - (query.which === 'previous' ? 1 : 0);
      const states = await store.list(query.communityId);
      const limit = query.limit ?? 3;
      const topHelpers = rankStates(states, { period: query.period, kind: 'helpers', key, now, index, config }).slice(0, limit);
      const thanked = new Set(topHelpers.map((e) => e.memberId));
      const improved = mostImproved(states, query.period, key, config).filter((e) => !thanked.has(e.memberId));
      return { period: query.period, key, topHelpers, mostImproved: improved.slice(0, limit) };
    },
  };
}
