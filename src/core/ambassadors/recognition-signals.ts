// Reads MemberSignals from the recognition engine's score states (src/core/recognition): main.ts
// passes `signalsFromScoreStore(recognition.store, recognition.config, clock)` to the ambassadors.
// Months are counted in the config's time zone; recognition's own tallies use each community's,
// which can only differ for a few hours at a month boundary.
import type { Clock } from '../clock.ts';
import { currentScore, figuresFor } from '../recognition/member-score-state.ts';
import { createPeriodCalendar } from '../recognition/period-calendar.ts';
import type { RecognitionConfig } from '../recognition/recognition-config.ts';
import type { ScoreStore } from '../recognition/score-store.ts';
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
