// Leaderboards where a person linked across Slack and Discord (/link) is one row: their account in
// this community ranks with the scores of their other accounts added (the same period and kind, as
// each community counts it). A community with no linked members gets recognition's boards as they
// are; channel boards stay what was said in the channel.
import { communityOf } from '../ids.ts';
import type { Leaderboards } from '../app-ports.ts';
import type { LeaderboardEntry } from '../recognition/leaderboard.ts';
import type { PeriodFigures } from '../recognition/member-score-state.ts';
import type { RankResult } from '../recognition/recognition-queries.ts';
import type { LinkStore } from './ports.ts';

const ZERO: PeriodFigures = { engagement: 0, helper: 0, helpedPeople: 0, messages: 0, replies: 0, answers: 0, thanks: 0, reactions: 0 };

export function addFigures(a: PeriodFigures, b: PeriodFigures): PeriodFigures {
  const out = { ...a };
  for (const key of Object.keys(ZERO) as Array<keyof PeriodFigures>) out[key] = a[key] + b[key];
  return out;
}

export interface LinkedLeaderboardDeps {
  recognition: Leaderboards;
  links: Pick<LinkStore, 'linkedIn' | 'accounts'>;
  communities: { get(id: string): Promise<{ id: string; timeZone: string } | null> };
  members: { get(id: string): Promise<{ displayName: string } | null> };
}

export function createLinkedLeaderboards(deps: LinkedLeaderboardDeps): Leaderboards {
  const { recognition, links, communities, members } = deps;

  /** The member's other accounts' ranks, each in its own community. */
  async function elsewhere(memberIds: readonly string[]): Promise<RankResult[]> {
    const out: RankResult[] = [];
    for (const id of memberIds) {
      const community = await communities.get(communityOf(id));
      const rank = community ? await recognition.rank(community, id) : null;
      if (rank) out.push(rank);
    }
    return out;
  }

  const leaderboard: Leaderboards['leaderboard'] = async (community, query) => {
    if (query.channelId) return recognition.leaderboard(community, query);
    const linked = await links.linkedIn(community.id);
    if (linked.size === 0) return recognition.leaderboard(community, query);
    const entries = new Map((await recognition.leaderboard(community, { ...query, limit: Number.MAX_SAFE_INTEGER })).map((e) => [e.memberId, { ...e }]));
    for (const [memberId, others] of linked) {
      for (const other of await elsewhere(others)) {
        const figures = query.period === 'current' ? other.month : other[query.period];
        const score = query.period === 'current' ? (query.kind === 'helpers' ? other.standing.helper : other.standing.engagement) : query.kind === 'helpers' ? figures.helper : figures.engagement;
        const entry: LeaderboardEntry = entries.get(memberId) ?? { rank: 0, memberId, displayName: (await members.get(memberId))?.displayName ?? other.displayName, score: 0, figures: ZERO };
        entries.set(memberId, { ...entry, score: entry.score + score, figures: addFigures(entry.figures, figures) });
      }
    }
    const ranked = [...entries.values()].filter((e) => e.score > 1e-9);
    ranked.sort((a, b) => b.score - a.score || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
    ranked.forEach((e, i) => (e.rank = i + 1));
    return ranked.slice(0, query.limit ?? 10);
  };

  return {
    leaderboard,
    async rank(community, memberId, options) {
      const own = await recognition.rank(community, memberId, options);
      const accounts = options?.channelId ? [memberId] : await links.accounts(memberId);
      if (accounts.length < 2) return own;
      const others = await elsewhere(accounts.slice(1));
      const all = own ? [own, ...others] : others;
      if (all.length === 0) return null;
      const sum = (pick: (r: RankResult) => PeriodFigures) => all.reduce((acc, r) => addFigures(acc, pick(r)), ZERO);
      const position = async (period: 'all' | 'current', kind: 'helpers' | 'engagement') =>
        (await leaderboard(community, { period, kind, limit: Number.MAX_SAFE_INTEGER })).find((e) => e.memberId === memberId)?.rank ?? null;
      return {
        memberId,
        displayName: own?.displayName ?? (await members.get(memberId))?.displayName ?? all[0]!.displayName,
        helperRank: { all: await position('all', 'helpers'), current: await position('current', 'helpers') },
        engagementRank: { all: await position('all', 'engagement'), current: await position('current', 'engagement') },
        standing: { helper: all.reduce((n, r) => n + r.standing.helper, 0), engagement: all.reduce((n, r) => n + r.standing.engagement, 0) },
        week: sum((r) => r.week),
        month: sum((r) => r.month),
        all: sum((r) => r.all),
      };
    },
  };
}
