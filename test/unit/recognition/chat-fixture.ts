// Builds domain events for recognition tests: a tiny scripted chat with a moving clock.
import type { Actor, MessagePosted, ReactionChanged } from '../../../src/core/events.ts';

export const COMMUNITY = 'console:test';
export const CHANNEL = 'console:test:general';

export function actor(name: string, options: { bot?: boolean; staff?: boolean } = {}): Actor {
  return { memberId: `console:test:${name}`, displayName: name, isBot: options.bot ?? false, isModerator: options.staff ?? false };
}

export function idOf(name: string): string {
  return `console:test:${name}`;
}

export interface ChatScript {
  /** Posts `text` by `who` `afterSeconds` after the previous event. "@bob" becomes a mention. */
  say(who: string | Actor, text: string, afterSeconds?: number, extra?: Partial<MessagePosted>): MessagePosted;
  react(who: string | Actor, message: MessagePosted, emoji: string, afterSeconds?: number): ReactionChanged;
  now(): Date;
}

export function chatScript(start = new Date('2024-03-04T09:00:00Z'), channelId = CHANNEL): ChatScript {
  let at = start.getTime();
  let n = 0;
  const toActor = (who: string | Actor): Actor => (typeof who === 'string' ? actor(who) : who);
  return {
    say(who, text, afterSeconds = 30, extra = {}) {
      at += afterSeconds * 1000;
      n++;
      const mentions = [...text.matchAll(/@([\w-]+)/g)].map((m) => idOf(m[1] as string));
      return {
        type: 'message.posted',
        platform: 'console',
        eventId: `${channelId}:ev${n}`,
        communityId: COMMUNITY,
        occurredAt: new Date(at),
        channelId,
        messageId: `${channelId}:m${n}`,
        author: toActor(who),
        text,
        mentions,
        mentionsBot: false,
        ...extra,
      };
    },
    react(who, message, emoji, afterSeconds = 10) {
      at += afterSeconds * 1000;
      n++;
      return {
        type: 'reaction.added',
        platform: 'console',
        eventId: `${channelId}:ev${n}`,
        communityId: COMMUNITY,
        occurredAt: new Date(at),
        channelId: message.channelId,
        messageId: message.messageId,
        actor: toActor(who),
        emoji,
        targetMemberId: message.author.memberId,
      };
    },
    now: () => new Date(at),
  };
}
