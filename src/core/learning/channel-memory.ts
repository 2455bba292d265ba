// What the thread miner remembers of each channel (recent messages, each member's open question,
// the names people go by) and the pure readings of it: whom a message addresses, whom a thanks
// names, the answer a set of replies makes, and the open question a reply answers.
import { BoundedMap } from '../recognition/bounded-map.ts';
import type { MinerMessage } from './miner-types.ts';

/** Check marks as Slack names them and as Discord sends them (unicode, with or without VS16). */
const CHECK_MARKS = new Set(['white_check_mark', 'heavy_check_mark', 'ballot_box_with_check', 'check', '✅', '✔', '✔️', '☑', '☑️']);

export function isCheckMark(emoji: string): boolean {
  return CHECK_MARKS.has(emoji.replace(/::skin-tone-\d$/u, '').replace(/^:|:$/gu, '').toLowerCase());
}

export interface Tracked {
  authorId: string;
  at: number;
  text: string;
  threadId?: string;
  /** Whom this message is addressed to (mentions, reply, thread root's author, name prefix). */
  to: readonly string[];
}

export interface OpenQuestion {
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

export interface ChannelState {
  messages: BoundedMap<string, Tracked>;
  /** Each member's latest opening question here. */
  open: BoundedMap<string, OpenQuestion>;
  /** Lower-cased names of members who spoke here, for "ta bob" and "bob: try apt". */
  names: BoundedMap<string, string>;
  /** The latest opening question here: an unaddressed message right after it answers it. */
  latest?: { askerId: string; at: number };
}

export function createChannelState(messagesPerChannel: number): ChannelState {
  return { messages: new BoundedMap(messagesPerChannel), open: new BoundedMap(messagesPerChannel), names: new BoundedMap(messagesPerChannel) };
}

const NAME_PREFIX_RE = /^\s*@?([^\s:,;!?]{2,40})\s*(?:[:,;]|\s-\s)/u;
const FIRST_WORD_RE = /^\s*@?([^\s:,;!?]{2,40})/u;
const NAME_TOKEN_RE = /[\p{L}\p{N}_\-[\]\\`^{}|]+/gu;
const MENTION_RE = /<[@#!][^>]*>/g;

export function addressees(state: ChannelState, m: MinerMessage): string[] {
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
export function thanked(state: ChannelState, m: MinerMessage, helpers: ReadonlyMap<string, string[]>): string[] {
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

export function answerOf(state: ChannelState, ids: readonly string[], maxChars: number): { text: string; ids: string[] } {
  const parts: string[] = [];
  const kept: string[] = [];
  let length = 0;
  for (const id of ids) {
    const text = state.messages.get(id)?.text.replace(MENTION_RE, ' ').replace(NAME_PREFIX_RE, '').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    if (length + text.length > maxChars) {
      // One huge reply (a log paste) still gives its opening; later replies stop at the limit.
      if (parts.length === 0) {
        parts.push(text.slice(0, maxChars));
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

/** The open question a reply (or a marked message) answers: the asker it addresses, within the window. */
export function questionFor(state: ChannelState, tracked: Tracked, at: number, window: number): { askerId: string; question: OpenQuestion } | null {
  const candidates = tracked.threadId ? [state.messages.get(tracked.threadId)?.authorId, ...tracked.to] : tracked.to;
  for (const askerId of candidates) {
    if (!askerId || askerId === tracked.authorId) continue;
    const question = state.open.get(askerId);
    if (question && !question.done && at - question.at <= window * 2) return { askerId, question };
  }
  return null;
}

