// The role-rewards feature: members' reward roles follow their funnel stage (on every stage
// change) and their all-time points (after each message or reaction that may have moved them),
// and every community a platform serves is re-synced when the platform is ready (start-up, and a
// guild joined later). Syncs run one community at a time per process.
import { defineFeature } from '../feature.ts';

export const roleRewardsFeature = defineFeature({
  name: 'role-rewards',
  needs: ['roleRewards', 'ambassadors', 'logger'],
  register(registry, { roleRewards, ambassadors, logger }) {
    const refresh = (communityId: string, memberId: string) =>
      roleRewards.refresh(communityId, memberId).catch((error: unknown) => logger.error({ err: error, memberId }, 'role reward: refresh failed'));

    ambassadors.funnel.onStageChange(({ communityId, memberId }) => refresh(communityId, memberId));
    // After recognition (src/features.ts): the points this message or reaction earned are counted.
    registry.on('message.posted', async (event) => {
      if (!roleRewards.supported(event.communityId) || event.author.isBot) return;
      const touched = new Set([event.author.memberId, ...(event.replyTo?.memberId ? [event.replyTo.memberId] : []), ...event.mentions.slice(0, 3)]);
      for (const memberId of touched) await refresh(event.communityId, memberId);
    });
    for (const type of ['reaction.added', 'reaction.removed'] as const) {
      registry.on(type, async (event) => {
        if (event.targetMemberId && roleRewards.supported(event.communityId)) await refresh(event.communityId, event.targetMemberId);
      });
    }

    // A bot in thousands of guilds: one query finds the few with rewards.
    let withRewards: Promise<Set<string>> | undefined;
    let syncs: Promise<unknown> = Promise.resolve();
    roleRewards.onCommunityReady((communityId) => {
      withRewards ??= roleRewards.communities().then(
        (ids) => new Set(ids),
        (error: unknown) => {
          withRewards = undefined;
          throw error;
        },
      );
      syncs = syncs
        .then(async () => ((await withRewards!).has(communityId) ? roleRewards.syncCommunity(communityId) : undefined))
        .catch((error: unknown) => logger.error({ err: error, communityId }, 'role rewards: start-up sync failed'));
    });
  },
});
