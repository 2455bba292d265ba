// The activity row an event becomes: its kind (a message in a thread or in reply is a "reply"),
// who did it, where, and whom it was aimed at; the payload is the event without its raw platform data.
import type { Actor, ChatEvent } from './events.ts';
import type { ActivityInput } from './ports.ts';

const ACTIVITY_KIND: Record<ChatEvent['type'], string> = {
  'message.posted': 'message',
  'message.edited': 'edit',
  'message.deleted': 'delete',
  'reaction.added': 'reaction',
  'reaction.removed': 'reaction_removed',
  'member.joined': 'join',
  'button.pressed': 'button',
  'thread.tagged': 'tagged',
};

export function activityOf(event: ChatEvent, actor: Actor): ActivityInput {
  const kind = event.type === 'message.posted' && (event.threadId || event.replyTo) ? 'reply' : ACTIVITY_KIND[event.type];
  const { raw: _raw, ...payload } = event;
  const input: ActivityInput = { platformEventId: event.eventId, communityId: event.communityId, memberId: actor.memberId, kind, occurredAt: event.occurredAt, payload };
  if (event.channelId) input.channelId = event.channelId;
  if ('messageId' in event && event.messageId) input.messageId = event.messageId;
  if (event.type === 'message.posted' && event.replyTo?.memberId) input.targetMemberId = event.replyTo.memberId;
  if ((event.type === 'reaction.added' || event.type === 'reaction.removed') && event.targetMemberId) input.targetMemberId = event.targetMemberId;
  return input;
}
