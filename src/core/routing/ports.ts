import type { MessagePosted } from '../events.ts';

// Storage the routing feature needs; src/db/routing-repository.ts implements it with Prisma and
// in-memory-routing-repository.ts for tests. Status changes are conditional ("only from waiting"),
// so a check that runs twice, or in two processes, acts once.
import type { Notice } from '../outbox/notices.ts';

export type RoutingMode = 'mention' | 'dm';

export interface RoutingSettingsRecord {
  enabled: boolean;
  delayMinutes: number;
  mode: RoutingMode;
  dailyLimit: number;
  /** Channels routed; empty means every watched channel. */
  channels: string[];
}

export const DEFAULT_ROUTING_SETTINGS: RoutingSettingsRecord = { enabled: false, delayMinutes: 10, mode: 'mention', dailyLimit: 3, channels: [] };

export type RoutingQuestionStatus = 'waiting' | 'answered' | 'routed' | 'nobody' | 'failed';

export interface RoutingQuestionRecord {
  id: number;
  communityId: string;
  channelId: string;
  messageId: string;
  askerMemberId: string;
  question: string;
  askedAt: Date;
  status: RoutingQuestionStatus;
}

export type HandoffStatus = 'open' | 'resumed' | 'closed';

export interface HandoffRecord {
  id: number;
  communityId: string;
  channelId: string;
  threadOf: string;
  askerMemberId: string;
  question: string;
  status: HandoffStatus;
  openedAt: Date;
}

export interface StoredMessageCursor {
  at: Date;
  id: string;
}

export interface RoutingRepository {
  settings(communityId: string): Promise<RoutingSettingsRecord>;
  saveSettings(communityId: string, patch: Partial<RoutingSettingsRecord>): Promise<RoutingSettingsRecord>;
  /** null when this message is already recorded (a redelivery). */
  recordQuestion(input: Omit<RoutingQuestionRecord, 'id' | 'status'>): Promise<RoutingQuestionRecord | null>;
  getQuestion(id: number): Promise<RoutingQuestionRecord | null>;
  /** Moves a question from `from` to `to`; false when it was no longer at `from`. The notices it owes are written with the move (the outbox), only when it moves. */
  moveQuestion(id: number, from: RoutingQuestionStatus, to: RoutingQuestionStatus, at: Date, notices?: readonly Notice[]): Promise<boolean>;
  /** Marks waiting questions answered: the one with this message id, or (askerMemberId) the asker's in the channel since `since`. */
  markAnswered(communityId: string, match: { messageId: string } | { channelId: string; askerMemberId: string; since: Date }): Promise<number>;
  /** How many times each helper was asked on `day` (YYYY-MM-DD, UTC). */
  asksOn(communityId: string, helperIds: readonly string[], day: string): Promise<Map<string, number>>;
  /** Records that a helper was asked about a question; false when already recorded. */
  recordAsk(input: { communityId: string; questionId: number; helperMemberId: string; day: string; askedAt: Date }): Promise<boolean>;
  /** Members of the community who opted out of being mentioned as helpers. */
  mentionOptOuts(communityId: string): Promise<Set<string>>;
  setMentionOptOut(memberId: string, communityId: string, optedOut: boolean): Promise<void>;
  /** Opens a hand-off for the thread, or returns the one already open (created false). Its notices (the moderators' ping) are written with it, only when it is created. */
  openHandoff(input: Omit<HandoffRecord, 'id' | 'status'>, notices?: readonly Notice[]): Promise<{ handoff: HandoffRecord; created: boolean }>;
  openHandoffFor(communityId: string, channelId: string, threadOf: string): Promise<HandoffRecord | null>;
  getHandoff(id: number): Promise<HandoffRecord | null>;
  openHandoffs(communityId: string): Promise<HandoffRecord[]>;
  /** Ends an open hand-off; false when it was not open. */
  endHandoff(id: number, status: 'resumed' | 'closed', byMemberId: string, at: Date): Promise<boolean>;
  /** The member's latest question in the channel since `since` (the answer log, or a routed question), for /ask-human. */
  latestQuestion(communityId: string, channelId: string, askerMemberId: string, since: Date): Promise<{ messageId: string; question: string } | null>;
  /** Communities with stored messages since `since` (the router's warm-up after a restart). */
  messageCommunities(since: Date): Promise<string[]>;
  /**
   * Where the warm-up of a community starts: `since`, or later when the community stored more
   * than `maxMessages` messages since then (the time of the newest `maxMessages`-th).
   */
  messageWindowStart(communityId: string, since: Date, maxMessages: number): Promise<Date>;
  /** Stored messages of the community from `since`, oldest first, after `after` (a page's last cursor). */
  storedMessages(communityId: string, since: Date, after: StoredMessageCursor | null, limit: number): Promise<Array<{ cursor: StoredMessageCursor; event: MessagePosted }>>;
  /** Moderators Rapport knows in the community (adapters flag them: Discord role, Slack admins, list or group). */
  moderators(communityId: string): Promise<string[]>;
}
