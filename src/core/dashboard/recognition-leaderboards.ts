// The dashboard's leaderboards from the recognition service (through the linked view: a person
// linked across platforms with /link is one row, as on /leaderboard): the same decay-free period totals,
// anti-gaming rules and privacy filter as /leaderboard, so the page and the command never
// disagree. Recognition counts calendar periods in the community's time zone, so the picker maps
// onto them: 7 days → this week, 30 days → this month, longer → all time.
import type { CommunityRepository } from '../ports.ts';
import type { LeaderboardEntry, LeaderboardPeriod } from '../recognition/leaderboard.ts';
import type { Recognition } from '../recognition/create-recognition.ts';
import type { DashboardData, DashboardPeriodKey, LeaderboardRow, LeaderboardsData, Reason } from './ports.ts';

const WINDOW: Record<DashboardPeriodKey, Exclude<LeaderboardPeriod, 'current'>> = { '7d': 'week', '30d': 'month', '90d': 'all', '365d': 'all' };
const SIZE = 20;

export function reasonsOf(entry: LeaderboardEntry, kind: 'engagement' | 'helpers'): Reason[] {
  const f = entry.figures;
  const ordered: Array<[string, number]> =
    kind === 'helpers'
      ? [['helped', f.helpedPeople], ['answers', f.answers], ['thanks', f.thanks], ['replies', f.replies], ['reactions', f.reactions]]
      : [['messages', f.messages], ['replies', f.replies], ['reactions', f.reactions], ['thanks', f.thanks], ['helped', f.helpedPeople]];
  return ordered.filter(([, count]) => count > 0).map(([key, count]) => ({ key: `dashboard.reason.${key}`, vars: { count } }));
}

export function withRecognitionLeaderboards(data: DashboardData, recognition: Pick<Recognition, 'leaderboard'>, communities: Pick<CommunityRepository, 'get'>): DashboardData {
  return {
    ...data,
    async leaderboards(communityId, period): Promise<LeaderboardsData> {
      const community = (await communities.get(communityId)) ?? { id: communityId, timeZone: period.timeZone };
      const window = WINDOW[period.key];
      const board = async (kind: 'engagement' | 'helpers'): Promise<LeaderboardRow[]> =>
        (await recognition.leaderboard(community, { period: window, kind, limit: SIZE }))
          .filter((e) => e.score > 0)
          .map((e) => ({ memberId: e.memberId, displayName: e.displayName, score: Math.round(e.score * 10) / 10, reasons: reasonsOf(e, kind) }));
      return { engagement: await board('engagement'), helpers: await board('helpers'), window };
    },
  };
}
