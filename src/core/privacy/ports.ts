// Storage for members' privacy choices, and the export and erasure of everything about a member.
export interface PrivacyChoices {
  /** Never scored, ranked, placed in the funnel or offered anything. */
  noProfiling: boolean;
  /** Never sent a DM by Rapport. */
  noDms: boolean;
}

export const DEFAULT_CHOICES: PrivacyChoices = { noProfiling: false, noDms: false };

export interface PrivacyRepository {
  get(memberId: string): Promise<PrivacyChoices>;
  set(memberId: string, communityId: string, patch: Partial<PrivacyChoices>): Promise<PrivacyChoices>;
  /** Members of a community who opted out of profiling or of DMs. */
  optedOut(communityId: string): Promise<{ noProfiling: string[]; noDms: string[] }>;
  /** Every stored row about the member, by table. */
  exportMember(memberId: string): Promise<Record<string, Array<Record<string, unknown>>>>;
  /** Deletes every row about the member in every table; returns the rows removed per table. */
  eraseMember(memberId: string): Promise<Record<string, number>>;
}
