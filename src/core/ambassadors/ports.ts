// Storage the funnel and the offers need. src/db implements these with Prisma.
import type { BrandTalkKind } from './brand-talk.ts';
import type { BrandTalk } from './funnel-rules.ts';
import type { OfferStage, Reason, Stage } from './stages.ts';
import type { Notice } from '../outbox/notices.ts';

export interface AmbassadorSettingsRecord {
  brandNames: string[];
  digestChannelId: string | null;
}

export interface FunnelRecord {
  memberId: string;
  communityId: string;
  displayName: string;
  stage: Stage;
  stageSince: Date;
  lastBrandTalkAt: Date | null;
  reviewedAt: Date | null;
}

export interface FunnelChangeRecord {
  memberId: string;
  fromStage: Stage;
  toStage: Stage;
  reasons: Reason[];
  cause: 'promotion' | 'review';
  at: Date;
}

export interface StageChange {
  memberId: string;
  communityId: string;
  from: Stage;
  to: Stage;
  reasons: Reason[];
  cause: 'promotion' | 'review';
  at: Date;
}

export interface BrandTalkInput {
  communityId: string;
  memberId: string;
  kind: BrandTalkKind;
  channelId: string;
  messageId: string;
  excerpt: string;
  occurredAt: Date;
}

export interface AmbassadorRepository {
  settings(communityId: string): Promise<AmbassadorSettingsRecord>;
  setBrandNames(communityId: string, names: string[]): Promise<void>;
  setDigestChannel(communityId: string, channelId: string | null): Promise<void>;
  /** Communities with a weekly feedback digest. */
  digestSchedules(): Promise<Array<{ communityId: string; channelId: string }>>;
  getFunnel(memberId: string): Promise<FunnelRecord | null>;
  /** Moves a member from `from` to `to` and stores the change; false when their stage was no longer `from`. */
  changeStage(change: StageChange): Promise<boolean>;
  markReviewed(memberIds: string[], at: Date): Promise<void>;
  /** Stores brand talk once per member, message and kind; returns whether it was new. */
  recordBrandTalk(input: BrandTalkInput): Promise<boolean>;
  /** Brand talk since `since`, each kind counted at most once per day. */
  brandTalk(memberId: string, since: Date): Promise<BrandTalk>;
  /** Days (UTC) with a message or reply in [since, until). */
  activeDays(memberId: string, since: Date, until: Date): Promise<number>;
  /** Members in the given stages (all but newcomers when omitted), highest stage first. */
  listStages(communityId: string, stages?: Stage[]): Promise<FunnelRecord[]>;
  history(memberId: string): Promise<FunnelChangeRecord[]>;
}

export const RECIPIENT_STATES = ['proposed', 'skipped', 'approved', 'sending', 'sent', 'accepted', 'declined', 'closed_dms', 'failed', 'opted_out', 'expired'] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];
/** States that hold one of the offer's places. */
export const HOLDS_PLACE: readonly RecipientState[] = ['approved', 'sending', 'sent', 'accepted'];

export interface OfferRecord {
  id: string;
  communityId: string;
  title: string;
  content: string;
  eligibleStage: OfferStage;
  places: number;
  expiresAt: Date;
  createdAt: Date;
}

export interface RecipientRecord {
  offerId: string;
  memberId: string;
  communityId: string;
  displayName: string;
  state: RecipientState;
  reasons: Reason[];
  proposedAt: Date;
  decidedAt: Date | null;
  scheduledFor: Date | null;
  sentAt: Date | null;
  answeredAt: Date | null;
  dmMessageId: string | null;
  error: string | null;
}

/** An approved recipient's DM still owed (the offer outbox); `attempts` counts hand-offs to the queue. */
export interface OutboxItem {
  id: string;
  offerId: string;
  memberId: string;
  dueAt: Date;
  attempts: number;
}

export type ApproveResult = { ok: true; scheduledFor: Date } | { ok: false; why: 'not_proposed' | 'full' | 'expired' };

export interface OfferRepository {
  create(offer: OfferRecord): Promise<void>;
  get(id: string): Promise<OfferRecord | null>;
  list(communityId: string, options?: { openAt?: Date }): Promise<OfferRecord[]>;
  /** Adds proposals; members already proposed for the offer are left alone. Returns how many were new. */
  propose(rows: Array<{ offerId: string; memberId: string; communityId: string; reasons: Reason[]; proposedAt: Date }>): Promise<number>;
  recipients(offerId: string, states?: readonly RecipientState[]): Promise<RecipientRecord[]>;
  recipient(offerId: string, memberId: string): Promise<RecipientRecord | null>;
  /**
   * Approves a proposal while places remain, spacing DMs in the community at least `spacingMs`
   * apart (the DM may not go before the returned time). Atomic per offer.
   */
  approve(offerId: string, memberId: string, at: Date, spacingMs: number, outbox?: { relayAfterMs: number }): Promise<ApproveResult>;
  /**
   * The offer outbox: in the approval's transaction a row records the DM owed. claimOutbox takes
   * up to `limit` rows whose next hand-off is due at `now` (rows another process holds are
   * skipped) and moves each one's next hand-off `backoffMs(attempts)` later.
   */
  claimOutbox(now: Date, limit: number, backoffMs: (attempts: number) => number): Promise<OutboxItem[]>;
  /** Records why handing a row to the queue failed (it is retried at its next hand-off). */
  outboxFailed(id: string, error: string): Promise<void>;
  /** The recipient's DM is done (sent, or it never will be): its outbox row goes. */
  outboxDone(offerId: string, memberId: string): Promise<void>;
  /** Rows still owed, oldest first (for operators and tests). */
  pendingOutbox(offerId?: string): Promise<OutboxItem[]>;
  /** Moves a recipient from one of `from` to `to` (with extra fields); false when it was in another state. */
  /** Moves a recipient from one of `from` to `to`; false when it was elsewhere. The notices it owes (the member's answer DM) are written with the move, only when it moves. */
  transition(offerId: string, memberId: string, from: readonly RecipientState[], to: RecipientState, patch?: Partial<Pick<RecipientRecord, 'decidedAt' | 'sentAt' | 'answeredAt' | 'dmMessageId' | 'error'>>, notices?: readonly Notice[]): Promise<boolean>;
  counts(offerId: string): Promise<Record<RecipientState, number>>;
}
