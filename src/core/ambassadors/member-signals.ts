// What the funnel needs to know about a member's participation. The recognition engine owns the
// scores (src/core/recognition); the funnel only reads them through this small interface, passed
// in as a function, so either side can change without the other.
export interface MemberSignals {
  /** Decayed engagement standing (recognition units: about 1 per ordinary message). */
  engagement: number;
  /** Decayed helper standing. */
  helper: number;
  /** Distinct people helped recently (this month, or last month when that was more). */
  helpedPeople: number;
  /** Thank-you messages and reactions received recently (same period rule). */
  thanksReceived: number;
  /** Messages posted recently (same period rule). */
  messages: number;
}

/** Scores of one member; null when recognition knows nothing about them. */
export type SignalsSource = (communityId: string, memberId: string) => Promise<MemberSignals | null>;

export const NO_SIGNALS: MemberSignals = { engagement: 0, helper: 0, helpedPeople: 0, thanksReceived: 0, messages: 0 };
