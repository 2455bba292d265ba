// What the recognition engine answers: leaderboard, rank and shout-out queries and their results.
import type { ImprovedEntry, LeaderboardEntry, LeaderboardPeriod } from './leaderboard.ts';
import type { PeriodFigures, ScoreKind } from './member-score-state.ts';

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
