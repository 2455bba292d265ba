// Infers who answers whom from what a platform shows, strongest evidence first: an explicit reply
// link, a thread, mentions, a known name at the start of a line ("bob: try apt"), and timing —
// continuing a recent exchange, or answering the latest open question in the channel (or, inside
// an exchange, the open question it shares topic words with). Keeps a few bounded maps per channel
// (recent messages, who last talked with whom, open questions, each member's last topic words),
// so each message costs O(mentions + message length) and memory stays bounded.
import { BoundedMap } from './bounded-map.ts';
import type { MemberDirectory } from './member-directory.ts';
import type { RecognitionConfig } from './recognition-config.ts';
import { sharedCount, topicWords } from './topic-words.ts';

export type InferenceVia = 'reply' | 'thread' | 'mention' | 'name' | 'conversation' | 'question';

export interface ReplyTarget {
  memberId: string;
  via: InferenceVia;
  /** How sure the inference is, 0..1. */
  confidence: number;
  /** The target asked a question shortly before (or the replied-to message was a question). */
  toQuestion: boolean;
  /**
   * The author is the one seeking help in this exchange (they opened with a question the target
   * is answering): a follow-up to their helper, not help given.
   */
  followUp: boolean;
  /** The question message this one answers, when known (a reply to it, its thread, or the target's open question). */
  questionMessageId?: string;
}

export interface TrackedMessage {
  communityId: string;
  channelId: string;
  messageId: string;
  threadId?: string;
  authorId: string;
  /** Epoch ms. */
  at: number;
  text: string;
  mentions: readonly string[];
  replyTo?: { messageId: string; memberId?: string };
  isQuestion: boolean;
}

interface Stamp {
  id: string;
  at: number;
}

interface ChannelTrack {
  messages: BoundedMap<string, { authorId: string; isQuestion: boolean }>;
  /** Last opening question (a question addressed to nobody) or follow-up of one, per member. */
  seekingSince: BoundedMap<string, number>;
  lastSpokeAt: BoundedMap<string, number>;
  /** Lower-cased display names of members who spoke here lately, for names in text. */
  recentNames: BoundedMap<string, string>;
  partner: BoundedMap<string, Stamp>;
  /** Who addressed each member lately, newest first (at most 4). */
  addressedBy: BoundedMap<string, Stamp[]>;
  /** Recent questions nobody has answered yet, oldest first (at most 8), with their topic words. */
  open: Array<{ authorId: string; messageId: string; at: number; words: readonly string[] }>;
  /** Topic words of each member's latest message here. */
  lastWords: BoundedMap<string, readonly string[]>;
  threadLast: BoundedMap<string, Stamp>;
}

const OPEN_QUESTIONS = 8;
// "bob: ..." / "@bob, ..." / "bob - ..."; IRC nicks may contain []|`^{}_-.
const NAME_PREFIX_RE = /^\s*@?([^\s:,;!?]{2,40})\s*(?:[:,;]|\s-\s)/u;
// Name-like tokens: letters, digits and the characters IRC nicks use.
const NAME_TOKEN_RE = /[\p{L}\p{N}_\-\[\]\\`^{}|]+/gu;

export class ConversationTracker {
  readonly #config: RecognitionConfig;
  readonly #directory: MemberDirectory;
  readonly #channels: BoundedMap<string, ChannelTrack>;

  constructor(config: RecognitionConfig, directory: MemberDirectory) {
    this.#config = config;
    this.#directory = directory;
    this.#channels = new BoundedMap(config.maxTrackedChannels);
  }

  /** Whom this message replies to. Call `record` afterwards to remember the message. */
  infer(msg: TrackedMessage): ReplyTarget[] {
    const track = this.#track(msg.channelId);
    const targets = new Map<string, ReplyTarget>();
    const add = (memberId: string | undefined, via: InferenceVia, confidence: number, repliedQuestion?: string): void => {
      if (!memberId || memberId === msg.authorId || targets.has(memberId)) return;
      if (this.#directory.get(memberId)?.isBot) return;
      const authorSeeks = this.#seeking(track, msg.authorId, msg.at);
      const targetSeeks = this.#seeking(track, memberId, msg.at);
      // The seeker talking back to someone who answered them; if both asked, whoever asked later is
      // the one being helped.
      const answeredAuthor = authorSeeks !== undefined && (track.addressedBy.get(msg.authorId) ?? []).some((b) => b.id === memberId && b.at >= authorSeeks);
      const followUp = answeredAuthor && (targetSeeks === undefined || targetSeeks < (authorSeeks as number));
      const toQuestion = !followUp && (repliedQuestion !== undefined || targetSeeks !== undefined);
      const questionMessageId = toQuestion ? repliedQuestion ?? track.open.find((q) => q.authorId === memberId)?.messageId : undefined;
      targets.set(memberId, { memberId, via, confidence, toQuestion, followUp, ...(questionMessageId ? { questionMessageId } : {}) });
    };

    if (msg.replyTo) {
      const replied = track.messages.get(msg.replyTo.messageId);
      add(msg.replyTo.memberId ?? replied?.authorId, 'reply', 1, replied?.isQuestion ? msg.replyTo.messageId : undefined);
    }
    if (msg.threadId && msg.threadId !== msg.messageId) {
      const root = track.messages.get(msg.threadId);
      if (root && root.authorId !== msg.authorId) add(root.authorId, 'thread', 0.9, root.isQuestion ? msg.threadId : undefined);
      else add(track.threadLast.get(msg.threadId)?.id, 'thread', this.#config.conversationConfidence);
    }
    // A message addressed to many people at once is a broadcast: each gets a share.
    const mentionConfidence = msg.mentions.length <= 2 ? 1 : 2 / msg.mentions.length;
    for (const id of msg.mentions) add(id, 'mention', mentionConfidence);
    if (targets.size === 0) this.#inferFromName(msg, track, add);
    if (targets.size === 0) this.#inferFromTiming(msg, track, add);
    return [...targets.values()];
  }

  /** Remembers the message and the exchanges it took part in. */
  record(msg: TrackedMessage, targets: readonly ReplyTarget[]): void {
    const track = this.#track(msg.channelId);
    track.messages.set(msg.messageId, { authorId: msg.authorId, isQuestion: msg.isQuestion });
    track.lastSpokeAt.set(msg.authorId, msg.at);
    track.lastWords.set(msg.authorId, this.#wordsOf(msg));
    const nameKey = this.#directory.get(msg.authorId)?.nameKey;
    if (nameKey) track.recentNames.set(nameKey, msg.authorId);
    if (msg.threadId) track.threadLast.set(msg.threadId, { id: msg.authorId, at: msg.at });
    for (const target of targets) {
      if (target.confidence < this.#config.minConfidence) continue;
      track.partner.set(msg.authorId, { id: target.memberId, at: msg.at });
      track.partner.set(target.memberId, { id: msg.authorId, at: msg.at });
      const by = (track.addressedBy.get(target.memberId) ?? []).filter((b) => b.id !== msg.authorId);
      by.unshift({ id: msg.authorId, at: msg.at });
      if (by.length > 4) by.length = 4;
      track.addressedBy.set(target.memberId, by);
      track.open = track.open.filter((q) => q.authorId !== target.memberId);
    }
    // A question addressed to nobody in particular (timing guesses aside) asks for help; a
    // question to someone ("bob: are you on kde?") is part of helping. Follow-ups keep seeking.
    const addressed = targets.some((t) => t.via !== 'conversation' && t.via !== 'question');
    if (msg.isQuestion && !addressed) {
      track.seekingSince.set(msg.authorId, msg.at);
      track.open = track.open.filter((q) => q.authorId !== msg.authorId);
      track.open.push({ authorId: msg.authorId, messageId: msg.messageId, at: msg.at, words: this.#wordsOf(msg) });
      if (track.open.length > OPEN_QUESTIONS) track.open.shift();
    } else if (targets.some((t) => t.followUp)) {
      track.seekingSince.set(msg.authorId, msg.at);
    }
  }

  /** How much is remembered: channels, and the largest per-channel message memory. */
  sizes(): { channels: number; maxMessagesPerChannel: number } {
    let max = 0;
    for (const track of this.#channels.values()) max = Math.max(max, track.messages.size);
    return { channels: this.#channels.size, maxMessagesPerChannel: max };
  }

  /** Who most likely helped `memberId` just now: whoever last addressed them, else their partner. */
  recentHelperOf(channelId: string, memberId: string, at: number): string | undefined {
    const track = this.#channels.get(channelId);
    if (!track) return undefined;
    const window = this.#config.answerWindowMinutes * 60_000 * 2;
    const by = track.addressedBy.get(memberId)?.[0];
    if (by && at - by.at <= window) return by.id;
    const partner = track.partner.get(memberId);
    if (partner && at - partner.at <= window) return partner.id;
    return undefined;
  }

  /** A known member named at the start of a line ("bob: try apt"). */
  nameAtLineStart(communityId: string, text: string, authorId: string): string | undefined {
    for (let start = 0, lines = 0; start < text.length && lines < 3; lines++) {
      const end = text.indexOf('\n', start);
      const line = end < 0 ? (start === 0 ? text : text.slice(start)) : text.slice(start, end);
      start = end < 0 ? text.length : end + 1;
      const match = NAME_PREFIX_RE.exec(line);
      const member = match?.[1] ? this.#directory.findByName(communityId, match[1]) : undefined;
      if (member && member.memberId !== authorId) return member.memberId;
    }
    return undefined;
  }

  #inferFromName(msg: TrackedMessage, track: ChannelTrack, add: (id: string | undefined, via: InferenceVia, c: number) => void): void {
    const named = this.nameAtLineStart(msg.communityId, msg.text, msg.authorId);
    if (named) {
      add(named, 'name', this.#config.namePrefixConfidence);
      return;
    }
    // The name of someone who spoke here recently, anywhere in the message ("try LXDE bob",
    // "sorry bob.. don't know"): IRC and chat people address each other like that.
    const window = this.#config.answerWindowMinutes * 60_000;
    for (const token of msg.text.toLowerCase().match(NAME_TOKEN_RE) ?? []) {
      if (token.length < 3) continue;
      const memberId = track.recentNames.get(token);
      if (memberId === undefined || memberId === msg.authorId) continue;
      const spokeAt = track.lastSpokeAt.get(memberId);
      if (spokeAt !== undefined && msg.at - spokeAt <= window) {
        add(memberId, 'name', this.#config.nameInTextConfidence);
        return;
      }
    }
  }

  #inferFromTiming(msg: TrackedMessage, track: ChannelTrack, add: (id: string | undefined, via: InferenceVia, c: number) => void): void {
    const window = this.#config.answerWindowMinutes * 60_000;
    const partner = track.partner.get(msg.authorId);
    if (partner && msg.at - partner.at <= this.#config.conversationWindowMinutes * 60_000) {
      // Busy channels interleave several conversations: a message that shares more topic words
      // with someone else's open question than with the partner's last message ("irq 11 is
      // overloaded" after "too much work for irq 11, what is that?") answers that question.
      const topical = msg.isQuestion ? undefined : this.#topicalQuestion(msg, track, window);
      if (topical && topical.authorId !== partner.id && topical.shared > sharedCount(topical.words, track.lastWords.get(partner.id) ?? [])) {
        add(topical.authorId, 'question', this.#config.conversationConfidence);
        return;
      }
      add(partner.id, 'conversation', this.#config.conversationConfidence);
      return;
    }
    if (msg.isQuestion) return; // a new question, not an answer
    for (let i = track.open.length - 1; i >= 0; i--) {
      const question = track.open[i];
      if (!question || msg.at - question.at > window) break;
      if (question.authorId !== msg.authorId) {
        add(question.authorId, 'question', this.#config.openQuestionConfidence);
        return;
      }
    }
  }

  /** The open question (not the author's) sharing the most topic words with the message, if any. */
  #topicalQuestion(msg: TrackedMessage, track: ChannelTrack, window: number): { authorId: string; shared: number; words: string[] } | undefined {
    const words = this.#wordsOf(msg);
    if (words.length === 0) return undefined;
    let best: { authorId: string; shared: number; words: string[] } | undefined;
    for (let i = track.open.length - 1; i >= 0; i--) {
      const question = track.open[i];
      if (!question || msg.at - question.at > window) break;
      if (question.authorId === msg.authorId) continue;
      const shared = sharedCount(words, question.words);
      if (shared > (best?.shared ?? 0)) best = { authorId: question.authorId, shared, words };
    }
    return best;
  }

  /** When the member last opened with a question (or followed one up), if within the answer window. */
  #seeking(track: ChannelTrack, memberId: string, at: number): number | undefined {
    const since = track.seekingSince.get(memberId);
    return since !== undefined && at - since <= this.#config.answerWindowMinutes * 60_000 ? since : undefined;
  }

  // infer and record read a message's topic words up to three times: worked out once (never mutated).
  #lastWords: { msg: TrackedMessage; words: string[] } | undefined;
  #wordsOf(msg: TrackedMessage): string[] {
    if (this.#lastWords?.msg !== msg) this.#lastWords = { msg, words: topicWords(msg.text) };
    return this.#lastWords.words;
  }

  #track(channelId: string): ChannelTrack {
    let track = this.#channels.get(channelId);
    if (!track) {
      const cap = this.#config.maxTrackedPerChannel;
      track = {
        messages: new BoundedMap(cap * 2),
        seekingSince: new BoundedMap(cap),
        lastSpokeAt: new BoundedMap(cap),
        recentNames: new BoundedMap(cap),
        partner: new BoundedMap(cap),
        addressedBy: new BoundedMap(cap),
        open: [],
        threadLast: new BoundedMap(cap),
        lastWords: new BoundedMap(cap),
      };
      this.#channels.set(channelId, track);
    }
    return track;
  }
}
