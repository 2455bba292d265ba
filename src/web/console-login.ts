// `npm start` in console mode prints the console moderator's dashboard link. The console member
// only exists in the database after their first line, so make sure the community and the
// member (a moderator, as the console user always is) exist first.
import { parseId, type Platform } from '../core/ids.ts';
import type { Language } from '../core/ports.ts';
import type { Services } from '../core/services.ts';

export interface ConsoleModerator {
  communityId: string;
  platform: Platform;
  memberId: string;
  platformId: string;
  displayName: string;
  language: Language;
  timeZone: string;
}

export async function consoleDashboardLink(services: Services, who: ConsoleModerator): Promise<{ url: string; expiresAt: Date }> {
  const community = await services.repos.communities.ensure({ id: who.communityId, platform: who.platform, name: parseId(who.communityId).scope, language: who.language, timeZone: who.timeZone });
  const member = await services.repos.members.ensure({ id: who.memberId, communityId: community.id, platformId: who.platformId, displayName: who.displayName, isBot: false, isModerator: true });
  return services.dashboard.issueLink({ communityId: community.id, memberId: member.id, language: member.language ?? community.language });
}
