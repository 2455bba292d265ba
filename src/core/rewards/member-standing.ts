// What a member has earned, for role rewards: their funnel stage and all-time points (engagement
// plus helper points, all time, as /rank's reasons count them), read from the recognition store
// (its write-behind cache, so a message's points count at once). Members who opted out of
// profiling have no standing: they reach no reward.
import type { FunnelRecord } from '../ambassadors/ports.ts';
import type { ScoreStore } from '../recognition/score-store.ts';
import type { MemberStanding } from './ports.ts';

export interface StandingSources {
  store: Pick<ScoreStore, 'get'>;
  funnel(memberId: string): Promise<Pick<FunnelRecord, 'stage'> | null>;
  mayProfile(communityId: string, memberId: string): Promise<boolean>;
}

export function standingFrom(sources: StandingSources): (communityId: string, memberId: string) => Promise<MemberStanding> {
  return async (communityId, memberId) => {
    if (!(await sources.mayProfile(communityId, memberId))) return { stage: 'newcomer', points: 0 };
    const [state, funnel] = await Promise.all([sources.store.get(communityId, memberId), sources.funnel(memberId)]);
    return { stage: funnel?.stage ?? 'newcomer', points: state ? Math.floor(state.all.engagement + state.all.helper) : 0 };
  };
}
