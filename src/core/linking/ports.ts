// What linking accounts across platforms (/link) keeps: one-time codes (by hash) and which
// accounts belong to one person. src/db/link-repository.ts implements it on PostgreSQL.

export interface LinkCodeRecord {
  memberId: string;
  /** The other account as the issuer named it (a user name or id). */
  target: string;
  /** Where the code must be typed: slack | discord. */
  platform: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface LinkStore {
  createCode(input: { codeHash: string; memberId: string; target: string; platform: string; expiresAt: Date }): Promise<void>;
  findCode(codeHash: string): Promise<LinkCodeRecord | null>;
  /**
   * Marks the code used and links the two accounts, in one transaction; false (nothing written)
   * when the code was used or expired meanwhile. The person is the issuer's (an account already
   * linked keeps its person; the other account joins it).
   */
  redeem(codeHash: string, now: Date, issuerId: string, memberId: string): Promise<boolean>;
  /** Every account of the member's person, the member first; just the member when unlinked. */
  accounts(memberId: string): Promise<string[]>;
  /** Linked accounts of a community's members: member id -> the person's accounts elsewhere. */
  linkedIn(communityId: string): Promise<Map<string, string[]>>;
  /** Sets where the member's person gets DMs (null: each account's own); false when the member is not linked. */
  setDmPlatform(memberId: string, platform: string | null): Promise<boolean>;
  /** The person's account on the platform they chose for DMs, or null (not linked, or no choice). */
  dmAccount(memberId: string): Promise<string | null>;
  /** Separates the member's person into unlinked accounts; returns the accounts that were linked. */
  unlink(memberId: string): Promise<string[]>;
}
