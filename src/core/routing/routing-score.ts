// How the router turns what it knows about a candidate (routing-model.ts) into one number: a
// weighted sum of features (ROUTING_FEATURES), the weights fitted on the TRAIN export by
// scripts/fit-routing.ts (routing-weights.ts). A learned linear ranking: how recently the candidate
// spoke (in the community and in the question's channel, as a rank among the candidates and as a
// decay at several scales), whether they talked with the asker lately, what they answered before
// (topic, answers, answering lately), and whether they are busy asking themselves.
/** What the router knows about one candidate for one question. */
export interface CandidateFeatures {
  memberId: string;
  minutesSinceSpoke: number;
  /** Infinity when the member never spoke in the question's channel. */
  minutesSinceSpokeInChannel: number;
  answers: number;
  /** Minutes ago of each recent answer, newest first. */
  recentAnswerAges: number[];
  topic: number;
  answeredAsker: boolean;
  seeking: boolean;
  askerShare: number;
  mentioned: boolean;
  /** Messages the member posted in the last 30 minutes. */
  recentMessages: number;
  /** Share of the member's messages that answered someone's question. */
  answerShare: number;
  /** Minutes since the member last addressed someone (Infinity when never): busy in an exchange. */
  minutesSinceAddressed: number;
  /** 0 for the candidate who spoke last, 1 for the one before, ... (among the eligible candidates). */
  recencyRank: number;
  /** The same in the question's channel; Infinity when the member never spoke there. */
  channelRecencyRank: number;
  /** Minutes since the member and the asker last addressed each other (Infinity when never). */
  minutesSinceTalkedWithAsker: number;
  /** Distinct members the member addressed in the last 30 minutes. */
  partnersLately: number;
  /** Answers the member gave in the last hour. */
  answersLastHour: number;
}

export interface Suggestion {
  memberId: string;
  score: number;
}

/** Recency ranks among the candidates (ties by id, so the order is deterministic). */
export function withRanks(candidates: CandidateFeatures[]): void {
  const byId = (a: CandidateFeatures, b: CandidateFeatures) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0);
  [...candidates].sort((a, b) => a.minutesSinceSpoke - b.minutesSinceSpoke || byId(a, b)).forEach((c, i) => (c.recencyRank = i));
  [...candidates]
    .filter((c) => Number.isFinite(c.minutesSinceSpokeInChannel))
    .sort((a, b) => a.minutesSinceSpokeInChannel - b.minutesSinceSpokeInChannel || byId(a, b))
    .forEach((c, i) => (c.channelRecencyRank = i));
}

const decay = (minutes: number, scale: number) => (Number.isFinite(minutes) ? Math.exp(-minutes / scale) : 0);
const flag = (on: boolean) => (on ? 1 : 0);

/** Every feature the ranking weighs, by name (the keys of RoutingWeights). */
export const ROUTING_FEATURES = {
  /** The candidate spoke last (rank 0), second to last, third to last, 4th-5th, 6th-10th. */
  rank1: (c: CandidateFeatures) => flag(c.recencyRank === 0),
  rank2: (c: CandidateFeatures) => flag(c.recencyRank === 1),
  rank3: (c: CandidateFeatures) => flag(c.recencyRank === 2),
  rank4to5: (c: CandidateFeatures) => flag(c.recencyRank === 3 || c.recencyRank === 4),
  rank6to10: (c: CandidateFeatures) => flag(c.recencyRank >= 5 && c.recencyRank < 10),
  /** Present now, at four time scales (exp(-minutes since they spoke / scale)). */
  present1: (c: CandidateFeatures) => decay(c.minutesSinceSpoke, 1),
  present3: (c: CandidateFeatures) => decay(c.minutesSinceSpoke, 3),
  present10: (c: CandidateFeatures) => decay(c.minutesSinceSpoke, 10),
  present30: (c: CandidateFeatures) => decay(c.minutesSinceSpoke, 30),
  /** Spoke in the last 30 minutes (recentlyActive's window). */
  within30: (c: CandidateFeatures) => flag(c.minutesSinceSpoke <= 30),
  channelRank1: (c: CandidateFeatures) => flag(c.channelRecencyRank === 0),
  channelRank2: (c: CandidateFeatures) => flag(c.channelRecencyRank === 1),
  channelRank3: (c: CandidateFeatures) => flag(c.channelRecencyRank === 2),
  channelPresence: (c: CandidateFeatures) => decay(c.minutesSinceSpokeInChannel, 5),
  /** Overlap of the question's words with the questions they answered (0..1). */
  topic: (c: CandidateFeatures) => c.topic,
  mentioned: (c: CandidateFeatures) => flag(c.mentioned),
  answeredAsker: (c: CandidateFeatures) => flag(c.answeredAsker),
  talkedWithAsker: (c: CandidateFeatures) => decay(c.minutesSinceTalkedWithAsker, 30),
  seeking: (c: CandidateFeatures) => flag(c.seeking),
  askerShare: (c: CandidateFeatures) => c.askerShare,
  answers: (c: CandidateFeatures) => Math.log1p(c.answers),
  /** log(1 + answers lately), each decayed with a 5-minute half-life. */
  recentAnswers: (c: CandidateFeatures) => Math.log1p(c.recentAnswerAges.reduce((sum, age) => sum + Math.pow(0.5, age / 5), 0)),
  answersLastHour: (c: CandidateFeatures) => Math.log1p(c.answersLastHour),
  recentMessages: (c: CandidateFeatures) => Math.log1p(c.recentMessages),
  answerShare: (c: CandidateFeatures) => c.answerShare,
  /** Addressed someone in the last few minutes (in an exchange now). */
  busy: (c: CandidateFeatures) => decay(c.minutesSinceAddressed, 3),
  partnersLately: (c: CandidateFeatures) => Math.log1p(c.partnersLately),
} satisfies Record<string, (c: CandidateFeatures) => number>;

export type RoutingFeature = keyof typeof ROUTING_FEATURES;
/** One weight per feature (routing-weights.ts holds the fitted ones). */
export type RoutingWeights = Record<RoutingFeature, number>;
export const FEATURE_NAMES = Object.keys(ROUTING_FEATURES) as RoutingFeature[];

/** The candidate's features in FEATURE_NAMES order (for fitting). */
export function featureVector(c: CandidateFeatures): number[] {
  return FEATURE_NAMES.map((name) => ROUTING_FEATURES[name](c));
}

/** One number per candidate: the weighted sum of its features. */
export function scoreCandidate(c: CandidateFeatures, w: RoutingWeights): number {
  let score = 0;
  for (const name of FEATURE_NAMES) {
    const weight = w[name];
    if (weight !== 0) score += weight * ROUTING_FEATURES[name](c);
  }
  return score;
}

/** The best `limit` candidates; ties go to whoever spoke last, then by id (deterministic). */
export function rankCandidates(candidates: readonly CandidateFeatures[], weights: RoutingWeights, limit: number): Suggestion[] {
  return candidates
    .map((c) => ({ memberId: c.memberId, score: scoreCandidate(c, weights), since: c.minutesSinceSpoke }))
    .sort((a, b) => b.score - a.score || a.since - b.since || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0))
    .slice(0, limit)
    .map(({ memberId, score }) => ({ memberId, score }));
}
