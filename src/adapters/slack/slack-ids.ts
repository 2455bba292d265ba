// Slack ids <-> Rapport's opaque ids. A workspace is the community ("slack:T1"); channels and
// members live inside it ("slack:T1:C1", "slack:T1:U1"); a message is its channel plus its
// timestamp ("slack:T1:C1%2F1700000000.000100"), because Slack identifies a message by (channel, ts).
// https://docs.slack.dev/messaging/retrieving-messages
import { communityId, parseId, scopedId } from '../../core/ids.ts';

export const slackCommunityId = (teamId: string): string => communityId('slack', teamId);
export const slackChannelId = (teamId: string, channel: string): string => scopedId('slack', teamId, channel);
export const slackMemberId = (teamId: string, user: string): string => scopedId('slack', teamId, user);
export const slackMessageId = (teamId: string, channel: string, ts: string): string => scopedId('slack', teamId, `${channel}/${ts}`);

/** Event id shared by every delivery of one message: `message` and `app_mention` both carry it. */
export const slackMessageEventId = (teamId: string, channel: string, ts: string): string => `slack:message:${teamId}:${channel}:${ts}`;
/** Event id for everything else: Slack's own event_id, which a redelivery repeats. */
export const slackEventId = (eventId: string): string => `slack:${eventId}`;

export interface SlackRef {
  teamId: string;
  /** The Slack id inside the workspace (C…, U…, or "C…/ts" for a message). */
  local: string;
}

/** Takes apart an opaque Slack id; throws for ids of other platforms or without a local part. */
export function parseSlackId(id: string): SlackRef {
  const parsed = parseId(id);
  if (parsed.platform !== 'slack' || parsed.local === undefined) throw new Error(`Not a Slack channel, member or message id: "${id}"`);
  return { teamId: parsed.scope, local: parsed.local };
}

export function parseSlackMessageId(id: string): { teamId: string; channel: string; ts: string } {
  const { teamId, local } = parseSlackId(id);
  const slash = local.indexOf('/');
  if (slash <= 0) throw new Error(`Not a Slack message id: "${id}"`);
  return { teamId, channel: local.slice(0, slash), ts: local.slice(slash + 1) };
}
