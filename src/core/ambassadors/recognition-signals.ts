// Reads MemberSignals from the recognition engine's score states (src/core/recognition), and an
// interim engine for as long as the recognition engine is not yet a shared service: it is fed the
// same events and keeps its states in memory. When recognition is wired into services, pass
// `signalsFromScoreStore(itsStore, itsConfig, clock)` instead and drop the interim engine.
import type { Clock } from '../clock.ts';
import type { ChatEvent } from '../events.ts';
import { currentScore, figuresFor } from '../recognition/member-score-state.ts';
import { createPeriodCalendar } from '../recognition/period-calendar.ts';
import { parseRecognitionConfig, type RecognitionConfig } from '../recognition/recognition-config.ts';
import { createRecognitionEngine } from '../recognition/recognition-engine.ts';
import { createInMemoryScoreStore, type ScoreStore } from '../recognition/score-store.ts';
import type { SignalsSource } from './member-signals.ts';

/** O(1) per call: one state read and a few sums. */
export function signalsFromScoreStore(store: ScoreStore, config: RecognitionConfig, clock: Clock): SignalsSource {
  const calendar = createPeriodCalendar(config.timeZone);
  return async (communityId, memberId) => {
    const state = await store.get(communityId, memberId);
    if (!state) return null;
    const now = clock.now().getTime();
    const { month } = calendar.index(now);
    const current = figuresFor(state, 'month', month, config);
    const previous = figuresFor(state, 'month', month - 1, config);
    return {
      engagement: currentScore(state, 'engagement', now, config),
      helper: currentScore(state, 'helpers', now, config),
      helpedPeople: Math.max(current.helpedPeople, previous.helpedPeople),
      thanksReceived: Math.max(current.thanks, previous.thanks),
      messages: Math.max(current.messages, previous.messages),
    };
  };
}

export interface InterimRecognition {
  signals: SignalsSource;
  observe(event: ChatEvent): Promise<void>;
  forget(memberId: string): Promise<void>;
}

export function createInterimRecognition(deps: { clock: Clock; mayProfile(communityId: string, memberId: string): Promise<boolean> }): InterimRecognition {
  const config = parseRecognitionConfig({ channelScores: false });
  const store = createInMemoryScoreStore();
  const engine = createRecognitionEngine({ config, store, clock: deps.clock });
  return {
    signals: signalsFromScoreStore(store, config, deps.clock),
    async observe(event) {
      if (event.type === 'message.posted') {
        if (await deps.mayProfile(event.communityId, event.author.memberId)) await engine.onMessage(event);
      } else if (event.type === 'reaction.added' || event.type === 'reaction.removed') {
        if (!event.targetMemberId || (await deps.mayProfile(event.communityId, event.targetMemberId))) await engine.onReaction(event);
      } else if (event.type === 'member.joined') {
        await engine.onMemberJoined(event);
      }
    },
    async forget(memberId) {
      await store.deleteMember(memberId);
    },
  };
}
