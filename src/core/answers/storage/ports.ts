// Storage the answering feature needs: the knowledge base of each community (with a version that
// moves on every change, so several processes know when to reload) and the log of questions,
// votes and member replies behind the unanswered list. src/db implements both with Prisma.
import type { KbEntry } from '../knowledge-base/kb-entry.ts';

export interface AnswerSettingsRecord {
  /** null: DEFAULT_ANSWER_THRESHOLD. */
  threshold: number | null;
  kbVersion: number;
  feedbackVersion: number;
}

export interface KnowledgeBaseRepository {
  list(communityId: string): Promise<KbEntry[]>;
  get(communityId: string, key: string): Promise<KbEntry | null>;
  count(communityId: string): Promise<number>;
  /** Adds an entry; false (nothing written) when the key is taken. Bumps kbVersion. */
  add(communityId: string, entry: KbEntry): Promise<{ added: boolean; version: number }>;
  /** Replaces an existing entry; false when there is none. Bumps kbVersion. */
  update(communityId: string, entry: KbEntry): Promise<{ updated: boolean; version: number }>;
  remove(communityId: string, key: string): Promise<{ removed: boolean; version: number }>;
  /**
   * Writes every entry in one transaction (new keys added, existing ones replaced; with `replace`
   * the entries not in the file are removed): all or nothing. Bumps kbVersion once.
   */
  importAll(communityId: string, entries: readonly KbEntry[], options: { replace: boolean }): Promise<{ added: number; updated: number; removed: number; version: number }>;
  settings(communityId: string): Promise<AnswerSettingsRecord>;
  setThreshold(communityId: string, threshold: number | null): Promise<void>;
  /** Bumps feedbackVersion (an asker's "Didn't help" changed what Rapport learned). */
  touchFeedback(communityId: string): Promise<number>;
}

export type AnswerLogStatus = 'open' | 'adopted' | 'dismissed';

export interface AnswerLogRecord {
  id: number;
  communityId: string;
  channelId: string;
  messageId: string;
  askerMemberId: string;
  question: string;
  normalized: string;
  entryKey: string | null;
  confidence: number;
  answered: boolean;
  replyMessageId: string | null;
  status: AnswerLogStatus;
  createdAt: Date;
}

export type AnswerLogInput = Omit<AnswerLogRecord, 'id' | 'replyMessageId' | 'status'>;

/**
 * A member's message that may be a candidate answer to an open log: the one whose question (or
 * Rapport's reply to it) is `parentMessageId`. It counts unless it is that question itself, or,
 * with `notByAsker`, unless its author asked the question.
 */
export interface CandidateReply {
  communityId: string;
  parentMessageId: string;
  authorId: string;
  messageId: string;
  text: string;
  createdAt: Date;
  notByAsker: boolean;
}

export interface AnswerReplyRecord {
  id: number;
  answerLogId: number;
  authorId: string;
  messageId: string;
  text: string;
  reactions: number;
  createdAt: Date;
}

/** An open log row for the unanswered list, with its vote and reply counts. */
export interface OpenQuestionRow extends AnswerLogRecord {
  unhelpfulVotes: number;
  replies: number;
}

/** A "Didn't help" from the asker: the entry did not answer this question. */
export interface NegativeFeedback {
  entryKey: string;
  question: string;
}

export interface AnswerReplyInput {
  answerLogId: number;
  authorId: string;
  messageId: string;
  text: string;
  createdAt: Date;
}

export interface AnswerLogRepository {
  /** Stores a considered question; null when this message was already logged (a redelivery). */
  record(input: AnswerLogInput): Promise<AnswerLogRecord | null>;
  /**
   * Stores many considered questions in one write (a redelivered message is skipped, and so is a
   * question whose asker was erased meanwhile); returns how many rows were new. Optional: a store
   * that has it lets the answering feature write silent questions behind (answer-log-buffer.ts).
   */
  recordMany?(inputs: readonly AnswerLogInput[]): Promise<number>;
  setReply(id: number, replyMessageId: string): Promise<void>;
  get(id: number): Promise<AnswerLogRecord | null>;
  /** The open log whose question (or Rapport's reply to it) is this message. */
  findByMessage(communityId: string, messageId: string): Promise<AnswerLogRecord | null>;
  /** One vote per member and answer; returns the member's previous vote (null when first). */
  vote(input: { answerLogId: number; memberId: string; helpful: boolean; byAsker: boolean }): Promise<{ previous: boolean | null }>;
  votes(answerLogId: number): Promise<Array<{ memberId: string; helpful: boolean; byAsker: boolean }>>;
  addReply(input: { answerLogId: number; authorId: string; messageId: string; text: string; createdAt: Date }): Promise<void>;
  /**
   * Stores many candidate replies in one write, each under the open log its parent message names
   * (as findByMessage finds it), skipping those that name none, fail the checks of CandidateReply
   * or whose author was erased meanwhile; returns how many rows were new. Optional: a store that
   * has it lets the answering feature write candidate replies behind (answer-log-buffer.ts).
   */
  addReplies?(inputs: readonly CandidateReply[]): Promise<number>;
  /** Counts a reaction on a candidate reply (+1 or -1); nothing when the message is not one. */
  reactToReply(messageId: string, delta: number): Promise<void>;
  replies(answerLogIds: number[]): Promise<AnswerReplyRecord[]>;
  /** Open questions Rapport did not answer or whose answer someone said did not help, newest first. */
  openQuestions(communityId: string, limit: number): Promise<OpenQuestionRow[]>;
  /** Open logs with the same normalized question (the group a moderator adopts at once). */
  openWithSameQuestion(communityId: string, normalized: string): Promise<AnswerLogRecord[]>;
  setStatus(ids: number[], status: AnswerLogStatus): Promise<void>;
  /** Every asker's "Didn't help" on an answer (what the confidence penalty learns from). */
  negatives(communityId: string): Promise<NegativeFeedback[]>;
}
