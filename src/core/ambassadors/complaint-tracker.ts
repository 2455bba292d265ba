// Remembers recent complaints about the brand per channel, so that a member who answers one with
// a fix or a good word is credited with defending the brand. Bounded memory: a few complaints per
// channel, for `windowMinutes`; a restart forgets them (only the next minutes are affected).
import type { MessagePosted } from '../events.ts';
import { FIX, matchesCue } from '../feedback/cues.ts';
import { isSupportive, type BrandMatcher } from './brand-talk.ts';

interface Complaint {
  messageId: string;
  threadId?: string;
  authorId: string;
  at: number;
  defenders: Set<string>;
}

export interface ComplaintTrackerOptions {
  windowMinutes?: number;
  perChannel?: number;
  maxChannels?: number;
}

export class ComplaintTracker {
  readonly #channels = new Map<string, Complaint[]>();
  readonly #windowMs: number;
  readonly #perChannel: number;
  readonly #maxChannels: number;

  constructor(options: ComplaintTrackerOptions = {}) {
    this.#windowMs = (options.windowMinutes ?? 30) * 60_000;
    this.#perChannel = options.perChannel ?? 5;
    this.#maxChannels = options.maxChannels ?? 2_000;
  }

  recordComplaint(message: MessagePosted): void {
    const list = (this.#channels.get(message.channelId) ?? []).filter((c) => message.occurredAt.getTime() - c.at < this.#windowMs);
    const entry: Complaint = { messageId: message.messageId, authorId: message.author.memberId, at: message.occurredAt.getTime(), defenders: new Set() };
    if (message.threadId) entry.threadId = message.threadId;
    list.push(entry);
    if (list.length > this.#perChannel) list.shift();
    this.#channels.delete(message.channelId);
    this.#channels.set(message.channelId, list);
    if (this.#channels.size > this.#maxChannels) this.#channels.delete(this.#channels.keys().next().value!);
  }

  /**
   * The complaint this message defends the brand against, if any: it answers a recent complaint
   * by someone else (a reply, the same thread, a mention, or the next messages in the channel)
   * with a fix or a good word. Each defender is credited once per complaint.
   */
  defends(message: MessagePosted, brand: BrandMatcher): string | null {
    const list = this.#channels.get(message.channelId);
    if (!list || list.length === 0) return null;
    const at = message.occurredAt.getTime();
    const me = message.author.memberId;
    const open = list.filter((c) => c.authorId !== me && at - c.at < this.#windowMs && at >= c.at && !c.defenders.has(me));
    if (open.length === 0) return null;
    const linked = open.filter(
      (c) =>
        message.replyTo?.messageId === c.messageId ||
        message.replyTo?.memberId === c.authorId ||
        (message.threadId !== undefined && (message.threadId === c.messageId || message.threadId === c.threadId)) ||
        message.mentions.includes(c.authorId),
    );
    const explicit = linked.length > 0 || message.replyTo !== undefined || message.threadId !== undefined || message.mentions.length > 0;
    const candidate = linked.at(-1) ?? (explicit ? undefined : open.at(-1));
    if (!candidate) return null;
    if (!matchesCue(FIX, message.text) && !isSupportive(message.text, brand)) return null;
    candidate.defenders.add(me);
    return candidate.messageId;
  }
}
