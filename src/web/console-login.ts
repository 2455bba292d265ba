// `npm start` in console mode prints the console moderator's dashboard link. The console member
// only exists in the database after their first line, so make sure the community and the
// member (a moderator, as the console user always is) exist first.
import { parseId, type Platform } from '../core/ids.ts';
import type { Deps } from '../core/app-ports.ts';
import type { CommunityRepository, Language, MemberRepository } from '../core/ports.ts';

export interface ConsoleModerator {
  communityId: string;
  platform: Platform;
  memberId: string;
  platformId: string;
  displayName: string;
  language: Language;
  timeZone: string;
}

export interface ConsoleLinkDeps extends Deps<'dashboard'> {
  communities: Pick<CommunityRepository, 'ensure'>;
  members: Pick<MemberRepository, 'ensure'>;
}

export async function consoleDashboardLink(deps: ConsoleLinkDeps, who: ConsoleModerator): Promise<{ url: string; expiresAt: Date }> {
  const community = await deps.communities.ensure({ id: who.communityId, platform: who.platform, name: parseId(who.communityId).scope, language: who.language, timeZone: who.timeZone });
  const member = await deps.members.ensure({ id: who.memberId, communityId: community.id, platformId: who.platformId, displayName: who.displayName, isBot: false, isModerator: true });
  return deps.dashboard.issueLink({ communityId: community.id, memberId: member.id, language: member.language ?? community.language });
}
