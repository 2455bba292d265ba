// The notice that tells a community's moderators, in the community's language, that Rapport
// cannot grant a reward role: in the channel that gets their digests (/feedback schedule), or none
// (only the log and /rewards list) when there is no such channel. It goes through the outbox,
// written with the problem it reports (role-rewards.ts).
import type { Language } from '../language.ts';
import type { Notice } from '../outbox/notices.ts';
import type { Translator } from '../translator.ts';
import type { RoleProblem } from './ports.ts';

export interface RewardNoticeDeps {
  digestChannels(): Promise<Array<{ communityId: string; channelId: string }>>;
  language(communityId: string): Promise<Language>;
  label(communityId: string, roleId: string): Promise<string>;
  translator: Translator;
}

export function createRewardNotice(deps: RewardNoticeDeps): (communityId: string, roleId: string, problem: RoleProblem, at: number) => Promise<Notice | null> {
  return async (communityId, roleId, problem, at) => {
    const target = (await deps.digestChannels()).find((d) => d.communityId === communityId);
    if (!target) return null;
    const language = await deps.language(communityId);
    const role = await deps.label(communityId, roleId);
    const text = `${deps.translator.t(language, 'rewards.notice', { role })} ${deps.translator.t(language, `rewards.problem.${problem}`, { role })}`;
    return { subject: `reward:${roleId}:${problem}:${at}`, to: { channelId: target.channelId }, message: { text } };
  };
}
