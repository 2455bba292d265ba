// What the core asks adapters to show. Adapters render it: Block Kit on Slack, embeds and
// components on Discord, plain text with numbered buttons in the console.

export interface OutgoingButton {
  /** Routed back as ButtonPressed.actionId. */
  actionId: string;
  value: string;
  label: string;
  style?: 'primary' | 'danger';
}

export interface OutgoingMessage {
  /** Plain text; always present (it is the notification text and the fallback). */
  text: string;
  /** Members to ping, shown before the text (Slack and Discord user mentions; names in the console). */
  mentions?: string[];
  title?: string;
  /** Label/value pairs shown as a small table or embed fields. */
  fields?: Array<{ label: string; value: string }>;
  buttons?: OutgoingButton[];
  /** Small print under the message (e.g. which knowledge-base entry was used). */
  footer?: string;
  /** An attached file (privacy export). */
  file?: { name: string; content: string };
}

export interface PostTarget {
  channelId: string;
  /** Reply in the thread of this message (or as a reply to it where threads are not used). */
  threadOf?: string;
}

export interface SentMessage {
  messageId: string;
  channelId: string;
}

/** Sends messages on one platform. Passed into the core; implemented by each adapter. */
export interface Replier {
  post(target: PostTarget, message: OutgoingMessage): Promise<SentMessage>;
  /** A direct message. Throws PlatformError (retryable false) when the member's DMs are closed. */
  dm(memberId: string, message: OutgoingMessage): Promise<SentMessage>;
  /**
   * A message in `channelId` that only `memberId` sees (Slack chat.postEphemeral, the console's
   * private line). Absent where a platform has no such message outside an interaction (Discord).
   */
  ephemeral?(channelId: string, memberId: string, message: OutgoingMessage): Promise<void>;
}

/** Finds the replier for the platform an opaque id belongs to. */
export interface ReplierDirectory {
  forId(id: string): Replier;
}
