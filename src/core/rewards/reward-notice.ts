// Tells a community's moderators, in the community's language, that Rapport cannot grant a reward
// role: in the channel that gets their digests (/feedback schedule), or only in the log and in
// /rewards list when there is none.
import type { Language } from '../language.ts';
import type { Logger } from '../logger.ts';
import type { ReplierDirectory } from '../outgoing.ts';
import type { Translator } from '../translator.ts';
import type { RoleProblem } from './ports.ts';

export interface RewardNoticeDeps {
  digestChannels(): Promise<Array<{ communityId: string; channelId: string }>>;
  language(communityId: string): Promise<Language>;
  label(communityId: string, roleId: string): Promise<string>;
  repliers: ReplierDirectory;
  translator: Translator;
  logger: Logger;
}

export function createRewardNotice(deps: RewardNoticeDeps): (communityId: string, roleId: string, problem: RoleProblem) => Promise<void> {
  return async (communityId, roleId, problem) => {
    const target = (await deps.digestChannels()).find((d) => d.communityId === communityId);
    if (!target) return;
    const language = await deps.language(communityId);
    const role = await deps.label(communityId, roleId);
    const text = `${deps.translator.t(language, 'rewards.notice', { role })} ${deps.translator.t(language, `rewards.problem.${problem}`, { role })}`;
    await deps.repliers.forId(target.channelId).post({ channelId: target.channelId }, { text });
  };
}
