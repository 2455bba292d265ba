// Platform-neutral domain events. Adapters translate Slack/Discord/console payloads into these;
// the core never sees a platform SDK type. `raw` keeps the original payload for debugging only.
import type { Platform } from './ids.ts';

/** Who did something. Ids are opaque (see ids.ts). */
export interface Actor {
  memberId: string;
  displayName: string;
  isBot: boolean;
  /** Known moderator (platform admin, configured list or role). Adapters decide. */
  isModerator: boolean;
}

interface EventBase {
  platform: Platform;
  /** Unique per platform event ("slack:Ev123", "discord:message:42"); redeliveries repeat it. */
  eventId: string;
  communityId: string;
  /** The workspace's or guild's name, when the platform payload carries it. */
  communityName?: string;
  occurredAt: Date;
  raw?: unknown;
}

export interface MessagePosted extends EventBase {
  type: 'message.posted';
  channelId: string;
  channelName?: string;
  messageId: string;
  /** The thread root's message id when the message is a thread reply. */
  threadId?: string;
  author: Actor;
  text: string;
  /** Member ids mentioned in the text. */
  mentions: string[];
  /** The bot itself was mentioned (always treated as a question for the bot). */
  mentionsBot: boolean;
  /** The message replied to, when the platform shows it (Discord replies, Slack threads). */
  replyTo?: { messageId: string; memberId?: string };
}

export interface MessageEdited extends EventBase {
  type: 'message.edited';
  channelId: string;
  messageId: string;
  author: Actor;
  text: string;
}

export interface MessageDeleted extends EventBase {
  type: 'message.deleted';
  channelId: string;
  messageId: string;
  author?: Actor;
}

export interface ReactionChanged extends EventBase {
  type: 'reaction.added' | 'reaction.removed';
  channelId: string;
  messageId: string;
  actor: Actor;
  /** Emoji name without colons ("thumbsup", "🙏" for unicode on Discord). */
  emoji: string;
  /** Author of the message reacted to, when known. */
  targetMemberId?: string;
}

export interface MemberJoined extends EventBase {
  type: 'member.joined';
  member: Actor;
  channelId?: string;
}

export interface ButtonPressed extends EventBase {
  type: 'button.pressed';
  channelId?: string;
  messageId?: string;
  actor: Actor;
  /** Stable action id chosen by the feature that rendered the button ("answer.helped"). */
  actionId: string;
  value: string;
}

/**
 * Tags were applied to a thread (a Discord forum post). The platform does not say who applied
 * them: the event is attributed to the post's author (`actor`), who usually marks it solved. The
 * learning feature reads a "Solved" tag as the question answered.
 */
export interface ThreadTagged extends EventBase {
  type: 'thread.tagged';
  actor: Actor;
  /** The forum channel. */
  channelId: string;
  /** The thread (the post); its opening message has the same id on Discord. */
  threadId: string;
  /** The post's title. */
  title?: string;
  /** Names of the tags just applied. */
  added: string[];
}

export type ChatEvent = MessagePosted | MessageEdited | MessageDeleted | ReactionChanged | MemberJoined | ButtonPressed | ThreadTagged;
export type ChatEventType = ChatEvent['type'];
export type EventOfType<T extends ChatEventType> = Extract<ChatEvent, { type: T }>;

/** The member an event is attributed to. */
export function actorOf(event: ChatEvent): Actor | undefined {
  switch (event.type) {
    case 'message.posted':
    case 'message.edited':
      return event.author;
    case 'message.deleted':
      return event.author;
    case 'reaction.added':
    case 'reaction.removed':
    case 'button.pressed':
      return event.actor;
    case 'member.joined':
      return event.member;
    case 'thread.tagged':
      return event.actor;
  }
}
