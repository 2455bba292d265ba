// Sends OutgoingMessages to Slack: chat.postMessage (in the thread of `threadOf`), DMs through
// conversations.open + chat.postMessage, ephemeral messages through chat.postEphemeral, and
// attachments with files.uploadV2 into the thread of the message they belong to. Rate limits
// (429) are waited out by the WebClient itself (rejectRateLimitedCalls: false, see slack-adapter.ts).
// https://docs.slack.dev/reference/methods/chat.postMessage  https://docs.slack.dev/reference/methods/conversations.open
import type { OutgoingMessage, PostTarget, Replier, SentMessage } from '../../core/outgoing.ts';
import { callSlack } from './errors.ts';
import { renderMessage } from './render.ts';
import type { ClientFor } from './workspace-clients.ts';
import { parseSlackId, parseSlackMessageId, slackChannelId, slackMessageId } from './slack-ids.ts';

export interface SlackReplier extends Replier {
  /** A message only `memberId` sees, in `channelId` (used when a command's response_url is gone). */
  ephemeral(channelId: string, memberId: string, message: OutgoingMessage): Promise<void>;
  /** Uploads `message.file` into `channelId` (in the thread of `threadTs` when given). */
  uploadFile(channelId: string, message: OutgoingMessage, threadTs?: string): Promise<void>;
}

/** `clientFor` picks the workspace's client from the team in each id (workspace-clients.ts). */
export function createSlackReplier(clientFor: ClientFor): SlackReplier {
  async function postTo(teamId: string, channel: string, message: OutgoingMessage, threadTs?: string): Promise<SentMessage> {
    const client = await clientFor(teamId);
    const rendered = renderMessage(message);
    const result = await callSlack('chat.postMessage', () =>
      client.chat.postMessage({ channel, text: rendered.text, blocks: rendered.blocks as never, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false }),
    );
    const ts = result.ts ?? '';
    const postedChannel = result.channel ?? channel;
    if (message.file) await uploadInto(teamId, postedChannel, message, threadTs ?? ts);
    return { messageId: slackMessageId(teamId, postedChannel, ts), channelId: slackChannelId(teamId, postedChannel) };
  }

  async function uploadInto(teamId: string, channel: string, message: OutgoingMessage, threadTs?: string): Promise<void> {
    const file = message.file;
    if (!file) return;
    const client = await clientFor(teamId);
    // files.uploadV2 = files.getUploadURLExternal + upload + files.completeUploadExternal.
    const common = { channel_id: channel, filename: file.name, title: file.name, content: file.content };
    await callSlack('files.uploadV2', () => client.filesUploadV2(threadTs ? { ...common, thread_ts: threadTs } : common));
  }

  return {
    async post(target: PostTarget, message: OutgoingMessage) {
      const { teamId, local: channel } = parseSlackId(target.channelId);
      const threadTs = target.threadOf ? parseSlackMessageId(target.threadOf).ts : undefined;
      return postTo(teamId, channel, message, threadTs);
    },
    async dm(memberId: string, message: OutgoingMessage) {
      const { teamId, local: user } = parseSlackId(memberId);
      const client = await clientFor(teamId);
      const opened = await callSlack('conversations.open', () => client.conversations.open({ users: user }));
      const channel = opened.channel?.id;
      if (!channel) throw new Error(`conversations.open returned no channel for ${memberId}`);
      return postTo(teamId, channel, message);
    },
    async ephemeral(channelId, memberId, message) {
      const { teamId, local: channel } = parseSlackId(channelId);
      const user = parseSlackId(memberId).local;
      const client = await clientFor(teamId);
      const rendered = renderMessage(message);
      await callSlack('chat.postEphemeral', () => client.chat.postEphemeral({ channel, user, text: rendered.text, blocks: rendered.blocks as never }));
    },
    async uploadFile(channelId, message, threadTs) {
      const { teamId, local } = parseSlackId(channelId);
      await uploadInto(teamId, local, message, threadTs);
    },
  };
}
