// `rapport import ... --community NAME`: history imported into a community of its own, the one the
// console opens with `rapport start --community NAME` (and its dashboard link shows). Every id an
// event carries is moved into that community ("slack:T1:U1" -> "console:NAME:U1"); the local parts
// stay, so people, channels, threads and replies keep pointing at each other. Event ids get the
// community in front, so the same export imported into two communities is stored in both, and
// twice into one stores nothing new.
import type { ChatEvent } from '../core/events.ts';
import { communityId, parseId, scopedId } from '../core/ids.ts';

/** What a community name may be: it becomes part of ids and of a command line. */
export const COMMUNITY_NAME = /^[\p{L}\p{N}_.-]{1,64}$/u;

export function isCommunityName(name: string): boolean {
  return COMMUNITY_NAME.test(name);
}

export function intoCommunity(event: ChatEvent, name: string): ChatEvent {
  const move = (id: string): string => {
    const { local } = parseId(id);
    return local === undefined ? communityId('console', name) : scopedId('console', name, local);
  };
  const moved = { ...event, platform: 'console' as const, eventId: `${communityId('console', name)}/${event.eventId}`, communityId: communityId('console', name), communityName: name } as ChatEvent;
  const record = moved as unknown as Record<string, unknown>;
  for (const key of ['channelId', 'messageId', 'threadId', 'targetMemberId'] as const) {
    const value = record[key];
    if (typeof value === 'string') record[key] = move(value);
  }
  for (const key of ['author', 'actor', 'member'] as const) {
    const actor = record[key] as { memberId: string } | undefined;
    if (actor) record[key] = { ...actor, memberId: move(actor.memberId) };
  }
  if (moved.type === 'message.posted') {
    moved.mentions = moved.mentions.map(move);
    if (moved.replyTo) moved.replyTo = { messageId: move(moved.replyTo.messageId), ...(moved.replyTo.memberId ? { memberId: move(moved.replyTo.memberId) } : {}) };
  }
  return moved;
}

export async function* eventsIntoCommunity<E extends ChatEvent>(events: AsyncIterable<E> | Iterable<E>, name: string | undefined): AsyncGenerator<ChatEvent> {
  for await (const event of events) yield name === undefined ? event : intoCommunity(event, name);
}
