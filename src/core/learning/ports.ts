// Storage the learning feature needs: the suggestion queue. src/db/learning-repository.ts
// implements it with Prisma; in-memory-suggestions.ts for unit tests and replays.
import type { Language } from '../language.ts';
import type { SuggestionSignal } from './miner-types.ts';
import type { Notice } from '../outbox/notices.ts';

export type SuggestionStatus = 'pending' | 'approved' | 'rejected';

export interface SuggestionRecord {
  id: number;
  communityId: string;
  channelId: string;
  questionMessageId: string;
  askerMemberId: string;
  creditedMemberId: string;
  questionText: string;
  answerText: string;
  answerMessageIds: string[];
  signal: SuggestionSignal;
  signalMessageId: string;
  language: Language;
  imported: boolean;
  /** Add the question as a phrasing of this entry (null: a new entry). */
  entryKey: string | null;
  status: SuggestionStatus;
  resultKey: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export type SuggestionInput = Omit<SuggestionRecord, 'id' | 'status' | 'resultKey' | 'decidedBy' | 'decidedAt'>;

export interface LearningRepository {
  /** Stores a suggestion; null when this question already has one (a redelivery, a second signal). */
  add(input: SuggestionInput): Promise<SuggestionRecord | null>;
  /** Stores many in one write, skipping questions that have their suggestion already; returns how many were new. */
  addMany?(inputs: readonly SuggestionInput[]): Promise<number>;
  get(id: number): Promise<SuggestionRecord | null>;
  /** Pending suggestions, oldest first. */
  pending(communityId: string, limit: number): Promise<SuggestionRecord[]>;
  countPending(communityId: string): Promise<number>;
  /** Pending suggestions whose question, answer or signal is this message. */
  pendingWithMessage(communityId: string, messageId: string): Promise<SuggestionRecord[]>;
  /** Changes a pending suggestion's texts; false when it is no longer pending. */
  updateTexts(id: number, texts: { questionText?: string; answerText?: string; answerMessageIds?: string[]; entryKey?: string | null }): Promise<boolean>;
  /** pending -> approved/rejected, once: false when someone decided it first. */
  decide(id: number, decision: { status: 'approved' | 'rejected'; decidedBy: string; decidedAt: Date; resultKey?: string }): Promise<boolean>;
  /** The entry an approval wrote. */
  /** The approved suggestion's entry key; the notices it owes (the answerer's thank-you) are written with it (the outbox). */
  setResult(id: number, resultKey: string, owed?: { notices: readonly Notice[]; at: Date }): Promise<void>;
  /** Back to pending (an approval whose knowledge-base write failed). */
  reopen(id: number): Promise<void>;
  /** Deletes a pending suggestion; false when there is none. */
  removePending(id: number): Promise<boolean>;
  /** Deletes every suggestion the member asked or is credited in (privacy erasure); returns how many. */
  eraseMember(memberId: string): Promise<number>;
}
