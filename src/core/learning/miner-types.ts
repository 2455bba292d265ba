// The thread miner's inputs, outputs and settings (thread-miner.ts).
import type { Language } from '../language.ts';
import type { MessagePosted } from '../events.ts';

export interface MinerMessage {
  communityId: string;
  channelId: string;
  messageId: string;
  /** The thread root's message id, for a thread reply. */
  threadId?: string;
  authorId: string;
  authorName: string;
  authorIsBot: boolean;
  /** Epoch milliseconds. */
  at: number;
  text: string;
  mentions: readonly string[];
  replyTo?: { messageId: string; memberId?: string };
}

export type SuggestionSignal = 'thanks' | 'check-mark' | 'saved' | 'solved-tag';

export interface MinedSuggestion {
  communityId: string;
  channelId: string;
  askerId: string;
  questionMessageId: string;
  questionText: string;
  creditedId: string;
  answerText: string;
  answerMessageIds: string[];
  /** The message that said the question was answered (the thanks), or the reply marked. */
  signalMessageId: string;
  signal: SuggestionSignal;
  language: Language;
  at: number;
}

export interface MinerOptions {
  /** How long after the question a thanks or a reply still belongs to it (minutes). */
  windowMinutes: number;
  /** asksForHelp (question-detector.ts, the text alone) an opening message needs. */
  questionThreshold: number;
  /** Messages remembered per channel (with `channels`, what bounds memory: at most 500,000 short texts). */
  messagesPerChannel: number;
  channels: number;
  /** Longest answer kept (characters); longer answers are cut at a line or word end. */
  maxAnswerChars: number;
  /** An unaddressed message this soon after the channel's latest question replies to it (seconds). */
  unaddressedSeconds: number;
}

export const DEFAULT_MINER_OPTIONS: MinerOptions = {
  windowMinutes: 60,
  questionThreshold: 0.5,
  messagesPerChannel: 500,
  channels: 1_000,
  maxAnswerChars: 3_000,
  unaddressedSeconds: 60,
};

export interface ThreadMiner {
  /** Feeds a posted message; returns the suggestion it completes, if any. */
  onMessage(message: MinerMessage): MinedSuggestion | null;
  /** A reaction; a check mark by the asker (or a moderator) on a reply to them completes a suggestion. */
  onReaction(reaction: { channelId: string; messageId: string; actorId: string; actorIsModerator: boolean; emoji: string; at: number }): MinedSuggestion | null;
  /** A moderator's "Save as answer" on a message; null (with the reason) when the message is unknown here. */
  saveAsAnswer(channelId: string, messageId: string, at: number): MinedSuggestion | { unknown: 'message' | 'question' };
  /**
   * A thread marked solved (a Discord forum post's "Solved" tag): the opening post is the question
   * (with its title), the member who replied last in the thread before it was marked is credited
   * with their replies. Null (with the reason) when the post or a reply is unknown here.
   */
  solvedThread(channelId: string, threadId: string, title: string | undefined, at: number): MinedSuggestion | { unknown: 'message' | 'question' };
  /** An edited message's new text (an answer waiting in a suggestion changes with it). */
  onEdit(channelId: string, messageId: string, text: string): void;
  onDelete(channelId: string, messageId: string): void;
  /** The answer these messages make now (after edits); null when the channel is forgotten. */
  answerText(channelId: string, messageIds: readonly string[]): string | null;
}

/** What the miner needs of a posted message. */
export function minerMessageOf(event: MessagePosted): MinerMessage {
  const message: MinerMessage = {
    communityId: event.communityId,
    channelId: event.channelId,
    messageId: event.messageId,
    authorId: event.author.memberId,
    authorName: event.author.displayName,
    authorIsBot: event.author.isBot,
    at: event.occurredAt.getTime(),
    text: event.text,
    mentions: event.mentions,
  };
  if (event.threadId) message.threadId = event.threadId;
  if (event.replyTo) message.replyTo = event.replyTo;
  return message;
}
