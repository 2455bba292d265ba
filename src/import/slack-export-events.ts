// Turns messages read from a Slack export into the core's domain events, with the same opaque
// ids the live Slack adapter uses ("slack:<team>:<channel>", "slack:<team>:<user>"). An export
// does not name its workspace, so the team id is a parameter.
import type { Actor, MemberJoined, MessagePosted, ReactionChanged } from '../core/events.ts';
import { communityId as makeCommunityId, scopedId } from '../core/ids.ts';
import type { SlackExport, SlackExportMessage } from './slack-export-reader.ts';

export type SlackExportEvent = MessagePosted | ReactionChanged | MemberJoined;

export interface SlackExportEventOptions {
  teamId: string;
}

/** The events one exported message stands for: the post (or join) and its reactions. */
export function slackExportMessageToEvents(exp: Pick<SlackExport, 'users'>, message: SlackExportMessage, options: SlackExportEventOptions): SlackExportEvent[] {
  const team = options.teamId;
  const community = makeCommunityId('slack', team);
  const channelId = scopedId('slack', team, message.channel.id);
  const author: Actor = { memberId: scopedId('slack', team, message.userId), displayName: message.displayName, isBot: message.isBot, isModerator: false };
  // Events are written out field by field rather than spread from a common base: V8 builds a
  // spread-then-extended literal several times slower, and a history replay makes one per message.
  const platform = 'slack' as const;
  const occurredAt = message.at;
  const messageLocal = `${message.channel.id}/${message.ts}`;
  if (message.subtype === 'channel_join') {
    return [{ platform, communityId: community, occurredAt, type: 'member.joined', eventId: `slack:export:join:${messageLocal}`, member: author, channelId }];
  }
  if (message.subtype !== undefined && message.subtype !== 'bot_message' && message.subtype !== 'thread_broadcast' && message.subtype !== 'me_message') {
    return []; // topic changes, pins, leaves: not conversation
  }
  const posted: MessagePosted = {
    platform,
    communityId: community,
    occurredAt,
    type: 'message.posted',
    eventId: `slack:export:${messageLocal}`,
    channelId,
    channelName: message.channel.name,
    messageId: scopedId('slack', team, messageLocal),
    author,
    text: message.text,
    mentions: message.mentions.map((id) => scopedId('slack', team, id)),
    mentionsBot: false,
  };
  if (message.threadTs && message.threadTs !== message.ts) {
    posted.threadId = scopedId('slack', team, `${message.channel.id}/${message.threadTs}`);
    posted.replyTo = { messageId: posted.threadId };
    if (message.parentUserId) posted.replyTo.memberId = scopedId('slack', team, message.parentUserId);
  }
  const events: SlackExportEvent[] = [posted];
  for (const reaction of message.reactions) {
    for (const userId of reaction.users) {
      const user = exp.users.get(userId);
      events.push({
        platform,
        communityId: community,
        occurredAt,
        type: 'reaction.added',
        eventId: `slack:export:reaction:${messageLocal}:${reaction.name}:${userId}`,
        channelId,
        messageId: posted.messageId,
        actor: { memberId: scopedId('slack', team, userId), displayName: user?.displayName ?? userId, isBot: user?.isBot ?? false, isModerator: false },
        emoji: reaction.name,
        targetMemberId: author.memberId,
      });
    }
  }
  return events;
}

/** Every event of an export, oldest first. */
export async function* slackExportEvents(exp: SlackExport, options: SlackExportEventOptions): AsyncGenerator<SlackExportEvent> {
  for await (const message of exp.messages()) yield* slackExportMessageToEvents(exp, message, options);
}
