// Storage for captured feedback. src/db implements it with Prisma.
import type { FeedbackKind } from './classify-feedback.ts';

export interface FeedbackInput {
  communityId: string;
  memberId: string;
  kind: FeedbackKind;
  channelId: string;
  messageId: string;
  text: string;
  keywords: string[];
  link: string;
  occurredAt: Date;
}

export interface FeedbackRecord extends FeedbackInput {
  displayName: string;
}

export interface FeedbackRepository {
  /** Stores an item once per message; returns whether it was new. */
  record(input: FeedbackInput): Promise<boolean>;
  /** Items in [since, until), oldest first. */
  list(communityId: string, since: Date, until: Date): Promise<FeedbackRecord[]>;
}
