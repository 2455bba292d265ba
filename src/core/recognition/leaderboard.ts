// Ranking member states: leaderboards per period and kind, a member's rank with the reasons, and
// what a shout-out needs (top helpers and most improved of a period). Pure functions over states;
// they run when someone asks, never on the per-message path.
import { currentScore, figuresFor, type MemberScoreState, type PeriodFigures, type ScoreKind } from './member-score-state.ts';
import type { PeriodIndex } from './period-calendar.ts';
import type { RecognitionConfig } from './recognition-config.ts';

/** 'current' is the decayed standing; the others are plain totals for the calendar period. */
export type LeaderboardPeriod = 'week' | 'month' | 'all' | 'current';

export interface LeaderboardEntry {
  rank: number;
  memberId: string;
  displayName: string;
  score: number;
  figures: PeriodFigures;
}

export interface RankOptions {
  period: LeaderboardPeriod;
  kind: ScoreKind;
  /** Week or month index to read; defaults to the one containing `now`. */
  key?: number;
  now: number;
  index: PeriodIndex;
  config: RecognitionConfig;
}

export function scoreOf(state: MemberScoreState, options: RankOptions): { score: number; figures: PeriodFigures } {
  const { period, kind, config, index } = options;
  const figuresPeriod = period === 'current' ? 'month' : period;
  const key = options.key ?? (figuresPeriod === 'week' ? index.week : figuresPeriod === 'month' ? index.month : 0);
  const figures = figuresFor(state, figuresPeriod, key, config);
  if (period === 'current') return { score: currentScore(state, kind, options.now, config), figures };
  return { score: kind === 'helpers' ? figures.helper : figures.engagement, figures };
}

/** Members with a positive score, best first; ties broken by member id so output is stable. */
export function rankStates(states: readonly MemberScoreState[], options: RankOptions): LeaderboardEntry[] {
  const scored: LeaderboardEntry[] = [];
  for (const state of states) {
    if (options.config.excludeStaff && state.isStaff) continue;
    const { score, figures } = scoreOf(state, options);
    if (score > 1e-9) scored.push({ rank: 0, memberId: state.memberId, displayName: state.displayName, score, figures });
  }
  scored.sort((a, b) => b.score - a.score || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  scored.forEach((entry, i) => {
    entry.rank = i + 1;
  });
  return scored;
}

export interface ImprovedEntry extends LeaderboardEntry {
  /** Score this period minus the period before. */
  gain: number;
  previous: number;
}

/**
 * Members whose helper + engagement score grew most from period `key - 1` to `key`.
 * Combined score: helper points count fully, engagement at half (helping is what we reward).
 */
export function mostImproved(states: readonly MemberScoreState[], period: 'week' | 'month', key: number, config: RecognitionConfig): ImprovedEntry[] {
  const out: ImprovedEntry[] = [];
  for (const state of states) {
    if (config.excludeStaff && state.isStaff) continue;
    const now = figuresFor(state, period, key, config);
    const before = figuresFor(state, period, key - 1, config);
    const score = now.helper + now.engagement / 2;
    const previous = before.helper + before.engagement / 2;
    const gain = score - previous;
    if (gain > 1e-9) out.push({ rank: 0, memberId: state.memberId, displayName: state.displayName, score, figures: now, gain, previous });
  }
  out.sort((a, b) => b.gain - a.gain || (a.memberId < b.memberId ? -1 : 1));
  out.forEach((entry, i) => {
    entry.rank = i + 1;
  });
  return out;
}
