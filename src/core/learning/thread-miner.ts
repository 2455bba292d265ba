// Finds answered questions in the stream of messages and reactions the pipeline sees, and turns
// each into a suggestion for the knowledge base: the asker's opening question, the credited
// member's replies to them, who gave them and where. Pure and synchronous (no storage, no clock
// of its own): the learning feature feeds it events, `rapport eval learning` feeds it an export.
//
// The signals that a question was answered (strongest evidence first):
// - a check-mark reaction (✅ ✔️ ☑️) by the asker or a moderator on a reply: the reply's author;
// - a moderator's "Save as answer" on a reply: its author;
// - the asker thanks someone after their question (thanks-detector.ts, English and Bulgarian):
//   the member the thanks names (mention, or a recent speaker's name in the text) when that member
//   replied to the asker since the question; otherwise the one member who replied to the asker
//   since the question (several repliers and no name: nobody is credited, a guess would be wrong
//   too often).
// A reply "to the asker" is one that mentions them, replies to their message, sits in their
// thread, or opens with their name ("bob: try apt"). The rules and windows were chosen on the
// train export of the Ubuntu IRC set (docs/learning.md), never on dev.
import { BoundedMap } from '../recognition/bounded-map.ts';
import { defaultQuestionDetector, questionScore } from '../recognition/question-detector.ts';
import { detectThanks } from '../recognition/thanks-detector.ts';
import { detectLanguage } from '../answers/index.ts';
import type { Language } from '../language.ts';

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
  /** Question score (question-detector.ts) an opening message needs. */
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

/** Check marks as Slack names them and as Discord sends them (unicode, with or without VS16). */
const CHECK_MARKS = new Set(['white_check_mark', 'heavy_check_mark', 'ballot_box_with_check', 'check', '✅', '✔', '✔️', '☑', '☑️']);

export function isCheckMark(emoji: string): boolean {
  return CHECK_MARKS.has(emoji.replace(/::skin-tone-\d$/u, '').replace(/^:|:$/gu, '').toLowerCase());
}

interface Tracked {
  authorId: string;
  at: number;
  text: string;
  threadId?: string;
  /** Whom this message is addressed to (mentions, reply, thread root's author, name prefix). */
  to: readonly string[];
}

interface OpenQuestion {
  messageId: string;
  text: string;
  at: number;
  /** Members who replied to the asker since the question, with their replies, in order. */
  helpers: Map<string, string[]>;
  /** Helpers whose first reply came before the asker said anything more: they answered the question itself. */
  direct: Set<string>;
  /** Helpers whose first reply was only guessed from timing (it named nobody). */
  guessed: Set<string>;
  /** The asker posted again after someone replied. */
  askerSpoke: boolean;
  /** Members the asker addressed first since the question: their replies are that other conversation. */
  askerAddressed: Set<string>;
  done: boolean;
}

interface ChannelState {
  messages: BoundedMap<string, Tracked>;
  /** Each member's latest opening question here. */
  open: BoundedMap<string, OpenQuestion>;
  /** Lower-cased names of members who spoke here, for "ta bob" and "bob: try apt". */
  names: BoundedMap<string, string>;
  /** The latest opening question here: an unaddressed message right after it answers it. */
  latest?: { askerId: string; at: number };
}

const NAME_PREFIX_RE = /^\s*@?([^\s:,;!?]{2,40})\s*(?:[:,;]|\s-\s)/u;
const FIRST_WORD_RE = /^\s*@?([^\s:,;!?]{2,40})/u;
const NAME_TOKEN_RE = /[\p{L}\p{N}_\-[\]\\`^{}|]+/gu;
const MENTION_RE = /<[@#!][^>]*>/g;
// The asker saying the answer worked is as good as thanks (English and Bulgarian).
const WORKED_RE = /(?<![\p{L}])(?:(?:that|this|it)\s+(?:worked|works|did\s+it|fixed\s+it)|works\s+now|worked!|got\s+it\s+working|(?:problem\s+)?solved|fixed\s+it|(?:това\s+)?(?:проработи|сработи|свърши\s+работа)|вече\s+работи|стана)(?![\p{L}])/iu;

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

export function createThreadMiner(options: Partial<MinerOptions> = {}): ThreadMiner {
  const opts = { ...DEFAULT_MINER_OPTIONS, ...options };
  const window = opts.windowMinutes * 60_000;
  const channels = new BoundedMap<string, ChannelState>(opts.channels);

  function stateOf(channelId: string): ChannelState {
    let state = channels.get(channelId);
    if (!state) {
      state = { messages: new BoundedMap(opts.messagesPerChannel), open: new BoundedMap(opts.messagesPerChannel), names: new BoundedMap(opts.messagesPerChannel) };
      channels.set(channelId, state);
    }
    return state;
  }

  function addressees(state: ChannelState, m: MinerMessage): string[] {
    const to = new Set<string>();
    for (const id of m.mentions) to.add(id);
    if (m.replyTo) {
      const target = m.replyTo.memberId ?? state.messages.get(m.replyTo.messageId)?.authorId;
      if (target) to.add(target);
    }
    if (m.threadId && m.threadId !== m.messageId) {
      const root = state.messages.get(m.threadId);
      if (root) to.add(root.authorId);
    }
    if (to.size === 0) {
      // "bob: try apt", "bob - try apt", "bob, try apt", or a recent speaker's name opening the line.
      const first = FIRST_WORD_RE.exec(m.text.replace(MENTION_RE, ' '))?.[1];
      const named = first ? state.names.get(first.toLowerCase()) : undefined;
      if (named) to.add(named);
    }
    to.delete(m.authorId);
    return [...to];
  }

  /** Members named in a thanks message: its mentions, else recent speakers' names in the text. */
  function thanked(state: ChannelState, m: MinerMessage, helpers: ReadonlyMap<string, string[]>): string[] {
    const named = m.mentions.filter((id) => id !== m.authorId);
    if (named.length > 0) return named;
    const out: string[] = [];
    for (const token of m.text.replace(MENTION_RE, ' ').toLowerCase().match(NAME_TOKEN_RE) ?? []) {
      if (token.length < 2) continue;
      const id = state.names.get(token);
      if (id && id !== m.authorId && helpers.has(id) && !out.includes(id)) out.push(id);
    }
    return out;
  }

  function answerOf(state: ChannelState, ids: readonly string[]): { text: string; ids: string[] } {
    const parts: string[] = [];
    const kept: string[] = [];
    let length = 0;
    for (const id of ids) {
      const text = state.messages.get(id)?.text.replace(MENTION_RE, ' ').replace(NAME_PREFIX_RE, '').replace(/\s+/g, ' ').trim();
      if (!text) continue;
      if (length + text.length > opts.maxAnswerChars) {
        // One huge reply (a log paste) still gives its opening; later replies stop at the limit.
        if (parts.length === 0) {
          parts.push(text.slice(0, opts.maxAnswerChars));
          kept.push(id);
        }
        break;
      }
      parts.push(text);
      kept.push(id);
      length += text.length + 1;
    }
    return { text: parts.join('\n'), ids: kept };
  }

  function suggestion(communityId: string, channelId: string, state: ChannelState, askerId: string, question: OpenQuestion, creditedId: string, replyIds: readonly string[], signal: SuggestionSignal, signalMessageId: string, at: number): MinedSuggestion | null {
    // An empty answer (a deleted reply, a reply of mentions only) is still returned: the caller
    // refuses it with a log line rather than it vanishing here.
    const answer = answerOf(state, replyIds);
    question.done = true;
    return {
      communityId,
      channelId,
      askerId,
      questionMessageId: question.messageId,
      questionText: question.text,
      creditedId,
      answerText: answer.text,
      answerMessageIds: answer.ids,
      signalMessageId,
      signal,
      language: detectLanguage(`${question.text}\n${answer.text}`),
      at,
    };
  }

  /** The open question a reply (or a marked message) answers: the asker it addresses, within the window. */
  function questionFor(state: ChannelState, tracked: Tracked, at: number): { askerId: string; question: OpenQuestion } | null {
    const candidates = tracked.threadId ? [state.messages.get(tracked.threadId)?.authorId, ...tracked.to] : tracked.to;
    for (const askerId of candidates) {
      if (!askerId || askerId === tracked.authorId) continue;
      const question = state.open.get(askerId);
      if (question && !question.done && at - question.at <= window * 2) return { askerId, question };
    }
    return null;
  }

  const communityOfChannel = new BoundedMap<string, string>(opts.channels);

  return {
    onMessage(m) {
      if (m.authorIsBot) return null;
      const state = stateOf(m.channelId);
      communityOfChannel.set(m.channelId, m.communityId);
      const to = addressees(state, m);
      // IRC and busy channels answer the latest question without naming the asker ("there is none").
      const isReply0 = m.threadId !== undefined && m.threadId !== m.messageId;
      const guessed = to.length === 0 && !isReply0 && state.latest !== undefined && state.latest.askerId !== m.authorId && m.at - state.latest.at <= opts.unaddressedSeconds * 1000 && questionScore(defaultQuestionDetector, m.text) < opts.questionThreshold;
      if (guessed && state.latest) to.push(state.latest.askerId);
      const tracked: Tracked = { authorId: m.authorId, at: m.at, text: m.text, to, ...(m.threadId ? { threadId: m.threadId } : {}) };
      state.messages.set(m.messageId, tracked);
      const name = m.authorName.trim().replace(/^@/u, '').toLowerCase();
      if (name.length >= 2) state.names.set(name, m.authorId);

      // A reply to someone with an open question: remember it as a candidate answer.
      for (const askerId of to) {
        const question = state.open.get(askerId);
        if (question && !question.done && m.at - question.at <= window && (question.helpers.has(m.authorId) || !question.askerAddressed.has(m.authorId))) {
          const replies = question.helpers.get(m.authorId) ?? [];
          if (replies.length === 0 && !question.askerSpoke) question.direct.add(m.authorId);
          if (replies.length === 0 && guessed) question.guessed.add(m.authorId);
          replies.push(m.messageId);
          question.helpers.set(m.authorId, replies);
        }
      }

      // The asker thanks: credit whom they thanked, if that member replied to them.
      const own = state.open.get(m.authorId);
      if (own && !own.done && m.at - own.at <= window && own.helpers.size > 0 && (detectThanks(m.text) || WORKED_RE.test(m.text))) {
        const named = thanked(state, m, own.helpers).filter((id) => own.direct.has(id));
        const sure = [...own.direct].filter((id) => !own.guessed.has(id));
        const credited = named.length === 1 ? named[0] : named.length > 0 ? undefined : sure.length > 0 ? sure[0] : own.helpers.size === 1 && own.direct.size === 1 ? [...own.direct][0] : undefined;
        if (credited) return suggestion(m.communityId, m.channelId, state, m.authorId, own, credited, own.helpers.get(credited) ?? [], 'thanks', m.messageId, m.at);
        return null;
      }

      // An opening question: a question addressed to nobody (or a thread root).
      const isReply = m.threadId !== undefined && m.threadId !== m.messageId;
      if (!isReply && to.length === 0 && questionScore(defaultQuestionDetector, m.text) >= opts.questionThreshold) {
        const current = state.open.get(m.authorId);
        // A new question before anyone replied replaces the first (what a reply answers is the latest
        // question); once someone replied, the conversation stays on the question they answered.
        if (!current || current.done || current.helpers.size === current.guessed.size || m.at - current.at > window) {
          state.latest = { askerId: m.authorId, at: m.at };
          state.open.set(m.authorId, { messageId: m.messageId, text: m.text, at: m.at, helpers: new Map(), direct: new Set(), guessed: new Set(), askerSpoke: false, askerAddressed: new Set(), done: false });
          return null;
        }
      }
      if (own && !own.done) {
        if (own.helpers.size > own.guessed.size) own.askerSpoke = true;
        for (const id of to) own.askerAddressed.add(id);
      }
      return null;
    },

    onReaction(r) {
      if (!isCheckMark(r.emoji)) return null;
      const state = channels.get(r.channelId);
      const tracked = state?.messages.get(r.messageId);
      if (!state || !tracked) return null;
      const found = questionFor(state, tracked, r.at);
      if (!found || (found.askerId !== r.actorId && !r.actorIsModerator)) return null;
      const replies = found.question.helpers.get(tracked.authorId) ?? [];
      const ids = replies.includes(r.messageId) ? replies : [...replies, r.messageId];
      return suggestion(communityOfChannel.get(r.channelId) ?? '', r.channelId, state, found.askerId, found.question, tracked.authorId, ids, 'check-mark', r.messageId, r.at);
    },

    solvedThread(channelId, threadId, title, at) {
      const state = channels.get(channelId);
      const root = state?.messages.get(threadId);
      if (!state || !root) return { unknown: 'message' };
      const askerId = root.authorId;
      // The replies in the thread by others, oldest first (the miner keeps a channel's latest messages).
      const replies = [...state.messages.entries()].filter(([id, m]) => m.threadId === threadId && id !== threadId && m.authorId !== askerId).sort((a, b) => a[1].at - b[1].at);
      const last = replies.at(-1);
      if (!last) return { unknown: 'question' };
      const creditedId = last[1].authorId;
      const text = title && !root.text.toLowerCase().includes(title.toLowerCase()) ? `${title}\n${root.text}` : root.text;
      const open = state.open.get(askerId);
      const question: OpenQuestion = open && open.messageId === threadId ? open : { messageId: threadId, text, at: root.at, helpers: new Map(), direct: new Set(), guessed: new Set(), askerSpoke: false, askerAddressed: new Set(), done: false };
      question.text = text;
      return suggestion(communityOfChannel.get(channelId) ?? '', channelId, state, askerId, question, creditedId, replies.filter(([, m]) => m.authorId === creditedId).map(([id]) => id), 'solved-tag', threadId, at) ?? { unknown: 'message' };
    },

    saveAsAnswer(channelId, messageId, at) {
      const state = channels.get(channelId);
      const tracked = state?.messages.get(messageId);
      if (!state || !tracked) return { unknown: 'message' };
      const found = questionFor(state, tracked, at) ?? (() => {
        // A moderator may save a reply whose question was answered already, or asked long ago.
        for (const askerId of tracked.threadId ? [state.messages.get(tracked.threadId)?.authorId] : tracked.to) {
          const question = askerId ? state.open.get(askerId) : undefined;
          if (askerId && question) return { askerId, question };
        }
        return null;
      })();
      if (!found) return { unknown: 'question' };
      const replies = found.question.helpers.get(tracked.authorId) ?? [];
      const ids = replies.includes(messageId) ? replies : [...replies, messageId];
      return suggestion(communityOfChannel.get(channelId) ?? '', channelId, state, found.askerId, found.question, tracked.authorId, ids, 'saved', messageId, at) ?? { unknown: 'message' };
    },

    answerText(channelId, messageIds) {
      const state = channels.get(channelId);
      return state ? answerOf(state, messageIds).text : null;
    },

    onEdit(channelId, messageId, text) {
      const tracked = channels.get(channelId)?.messages.get(messageId);
      if (tracked) tracked.text = text;
    },

    onDelete(channelId, messageId) {
      const state = channels.get(channelId);
      const tracked = state?.messages.get(messageId);
      if (!state || !tracked) return;
      tracked.text = '';
      const question = state.open.get(tracked.authorId);
      if (question?.messageId === messageId) question.done = true;
    },
  };
}

/** What the miner needs of a posted message. */
export function minerMessageOf(event: import('../events.ts').MessagePosted): MinerMessage {
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
