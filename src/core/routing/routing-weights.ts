// How the router weighs what it knows about a member when a question arrives. Every constant
// here was chosen on the TRAIN export (eval/datasets/ubuntu-irc-train) with scripts/fit-routing.ts;
// the dev export only judges them (docs/routing.md has the figures and the commands).

export interface RoutingWeights {
  /** Minutes for the "present now" signal to fall to 1/e after a member last spoke. */
  presenceMinutes: number;
  /** Half-life, in minutes, of the "answering lately" count. */
  recentAnswersHalfLifeMinutes: number;
  presence: number;
  /** Presence in the question's own channel, on top of presence anywhere in the community. */
  channelPresence: number;
  /** log(1 + answers given so far). */
  answers: number;
  /** log(1 + answers given lately), decayed with recentAnswersHalfLifeMinutes. */
  recentAnswers: number;
  /** Overlap of the question's words with the words of questions the member answered (0..1). */
  topic: number;
  /** The member answered this asker before. */
  answeredAsker: number;
  /** The member is waiting for help themselves (asked lately, has not answered since). */
  seeking: number;
  /** Share of the member's messages that were questions (askers rarely answer). */
  askerShare: number;
  /** The question names the member. */
  mentioned: number;
  /** log(1 + messages in the last 30 minutes). */
  recentMessages: number;
  /** Share of the member's messages that answered a question. */
  answerShare: number;
  /** Addressed someone in the last few minutes (in an exchange now), exp(-minutes / 3). */
  busy: number;
}

export const ROUTING_WEIGHTS: RoutingWeights = {
  presenceMinutes: 5,
  recentAnswersHalfLifeMinutes: 5,
  presence: 3,
  channelPresence: 0.3,
  answers: 0.3,
  recentAnswers: 0.2,
  topic: 3,
  answeredAsker: 0.5,
  seeking: -0.3,
  askerShare: -0.2,
  mentioned: 6,
  recentMessages: 0.2,
  answerShare: 0.1,
  busy: 0.1,
};
