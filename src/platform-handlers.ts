// What buildRapport hands every adapter besides events and commands: a community taken away or
// given back by its platform (uninstalled, removed, installed, present at start-up), a member's
// home page (Slack's App Home) and the form a button opens (features register them).
import { pickPorts, type Ports } from './core/app-ports.ts';
import type { AdapterHandlers } from './core/adapter.ts';
import type { CommunityPauses } from './core/community-pauses.ts';
import type { HandlerTable } from './core/feature.ts';
import { buildHome } from './core/home/member-home.ts';
import { parseId } from './core/ids.ts';
import type { PipelineDefaults } from './core/pipeline.ts';
import type { Repositories } from './core/ports.ts';

export type PlatformHandlers = Required<Pick<AdapterHandlers, 'onCommunityStatus' | 'onCommunitiesPresent' | 'onHomeOpened' | 'formFor'>>;

export function createPlatformHandlers(deps: {
  repos: Pick<Repositories, 'communities' | 'members'>;
  pauses: CommunityPauses;
  defaults: PipelineDefaults;
  ports: Ports;
  registry: Pick<HandlerTable, 'formProvider'>;
}): PlatformHandlers {
  const { repos, pauses, defaults, ports, registry } = deps;
  const ensureCommunity = (id: string, name: string | undefined) => {
    const { platform, scope } = parseId(id);
    return repos.communities.ensure({ id, platform, name: name ?? scope, language: defaults.language, timeZone: defaults.timeZone });
  };
  return {
    async onCommunityStatus(status) {
      if (status.paused) {
        await pauses.pause(status.communityId, status.reason);
        return;
      }
      // A server or workspace present at start-up: only a paused community needs a write.
      if (status.reason === 'present' && !(await pauses.isPaused(status.communityId))) return;
      // Installed (first time or again): the community exists under its platform name, and runs.
      const community = await ensureCommunity(status.communityId, status.communityName);
      if (status.communityName && community.name !== status.communityName) await repos.communities.update(community.id, { name: status.communityName });
      await pauses.resume(status.communityId);
    },
    async onCommunitiesPresent({ platform, present, owns }) {
      const here = new Set(present);
      for (const community of await repos.communities.list()) {
        if (community.platform !== platform || here.has(community.id) || !owns(community.id)) continue;
        if (!(await pauses.isPaused(community.id))) await pauses.pause(community.id, 'absent_at_start');
      }
    },
    async onHomeOpened({ communityId, communityName, actor }) {
      const community = (await repos.communities.get(communityId)) ?? (await ensureCommunity(communityId, communityName));
      const language = (await repos.members.get(actor.memberId))?.language ?? community.language;
      return buildHome(pickPorts(ports, ['leaderboard', 'funnelRecords', 'ambassadors', 'learning', 'members', 'privacy', 'translator']), community, actor, language);
    },
    // The form a button opens (features register them: registry.form), in the presser's language.
    async formFor(event) {
      const provider = registry.formProvider(event.actionId);
      const community = provider ? await repos.communities.get(event.communityId) : null;
      if (!provider || !community) return null;
      const language = (await repos.members.get(event.actor.memberId))?.language ?? community.language;
      return provider(event, { community, language });
    },
  };
}
