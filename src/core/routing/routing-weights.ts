// The router's weights, one per feature of routing-score.ts. Every value here was fitted on the
// TRAIN export (eval/datasets/ubuntu-irc-train) by scripts/fit-routing.ts; the dev export only
// judges them (docs/routing.md has the figures and the commands).
import type { RoutingWeights } from './routing-score.ts';

export type { RoutingWeights } from './routing-score.ts';

export const ROUTING_WEIGHTS: RoutingWeights = {
  rank1: -0.07,
  rank2: -0.04,
  rank3: -0.06,
  rank4to5: 0.33,
  rank6to10: 0.5,
  present1: 0.19,
  present3: 0.61,
  present10: 0.92,
  present30: 1.84,
  within30: 0.24,
  channelRank1: 0.18,
  channelRank2: 0.46,
  channelRank3: 0.19,
  channelPresence: 0.74,
  topic: 2.3,
  mentioned: 5.21,
  answeredAsker: -0.05,
  talkedWithAsker: 0.8,
  seeking: -2.25,
  askerShare: -0.1,
  answers: 0.34,
  recentAnswers: 0.13,
  answersLastHour: 0,
  recentMessages: -0.3,
  answerShare: 0.26,
  busy: -0.79,
  partnersLately: 0.69,
};
