// Shout-outs where a person linked across Slack and Discord (/link) is one row, as on
// /leaderboard: their account in this community thanks them with the helper scores of their other
// accounts added (the same period, each community counting its own weeks). Most improved stays
// this community's own list, without anyone already thanked. A community with no linked members
// gets recognition's shout-out as it is.
import { communityOf } from '../ids.ts';
import type { Recognition } from '../recognition/create-recognition.ts';
import type { LeaderboardEntry } from '../recognition/leaderboard.ts';
import type { ShoutoutData } from '../recognition/recognition-queries.ts';
import type { LinkedLeaderboardDeps } from './linked-leaderboards.ts';
import { addFigures } from './linked-leaderboards.ts';

type Shoutout = Pick<Recognition, 'shoutout'>;

export function createLinkedShoutouts(deps: Omit<LinkedLeaderboardDeps, 'recognition'> & { recognition: Shoutout }): Shoutout {
  const { recognition, links, communities, members } = deps;
  return {
    async shoutout(community, query) {
      const linked = await links.linkedIn(community.id);
      if (linked.size === 0) return recognition.shoutout(community, query);
      const limit = query.limit ?? 3;
      const all = { ...query, limit: Number.MAX_SAFE_INTEGER };
      const own = await recognition.shoutout(community, all);
      const entries = new Map(own.topHelpers.map((e) => [e.memberId, { ...e }]));
      // Each other community's helpers of the period, asked once however many of its members are linked here.
      const boards = new Map<string, ShoutoutData | null>();
      const helpersOf = async (communityId: string): Promise<ShoutoutData | null> => {
        if (!boards.has(communityId)) {
          const other = await communities.get(communityId);
          boards.set(communityId, other ? await recognition.shoutout(other, all) : null);
        }
        return boards.get(communityId)!;
      };
      for (const [memberId, others] of linked) {
        for (const otherId of others) {
          const other = (await helpersOf(communityOf(otherId)))?.topHelpers.find((e) => e.memberId === otherId);
          if (!other) continue;
          const entry = entries.get(memberId);
          const merged: LeaderboardEntry = entry
            ? { ...entry, score: entry.score + other.score, figures: addFigures(entry.figures, other.figures) }
            : { rank: 0, memberId, displayName: (await members.get(memberId))?.displayName ?? other.displayName, score: other.score, figures: other.figures };
          entries.set(memberId, merged);
        }
      }
      const ranked = [...entries.values()].filter((e) => e.score > 1e-9);
      ranked.sort((a, b) => b.score - a.score || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
      ranked.forEach((e, i) => (e.rank = i + 1));
      const topHelpers = ranked.slice(0, limit);
      const thanked = new Set(topHelpers.map((e) => e.memberId));
      return { ...own, topHelpers, mostImproved: own.mostImproved.filter((e) => !thanked.has(e.memberId)).slice(0, limit) };
    },
  };
}
