// Notices: messages a state change owes to moderators or a thread (a hand-off's ping, "could not
// reach the helpers"). They go through the transactional outbox (the Outbox table, kind
// "notice"): the repository that makes the change writes the notice in the same transaction, so
// a committed change never loses its message. The sender then tries at once and deletes the row;
// a notice it could not send stays, and the relay (notice-sender.ts) sends it later.
import type { OutgoingMessage } from '../outgoing.ts';

/** A direct message to a member, or a post in a channel (in a thread when `threadOf` is set). */
export type NoticeTarget = { dm: string } | { channelId: string; threadOf?: string };

export interface Notice {
  /** What it is about ("routing:12:cannot-post", "handoff:7"); with the recipient, its key: written once. */
  subject: string;
  to: NoticeTarget;
  message: OutgoingMessage;
}

/** A stored notice still owed; `attempts` counts the relay's tries. */
export interface PendingNotice extends Notice {
  id: string;
  attempts: number;
}

/** The outbox's notice rows (src/db/notice-outbox-repository.ts, in-memory for unit tests). */
export interface NoticeOutbox {
  /** Writes notices that go with no other change (idempotent on subject and recipient). */
  add(notices: readonly Notice[], at: Date): Promise<void>;
  /** Takes due notices, pushing each one's next attempt back by `backoffMs(attempts)` first. */
  claim(now: Date, limit: number, backoffMs: (attempts: number) => number): Promise<PendingNotice[]>;
  /** The notice is sent (or never will be): its row goes. */
  done(notice: Notice): Promise<void>;
  failed(id: string, error: string): Promise<void>;
  /** Notices still owed (tests, operators). */
  pending(): Promise<PendingNotice[]>;
}

/** Who receives a notice: the outbox's recipient column. */
export function recipientOf(target: NoticeTarget): string {
  return 'dm' in target ? target.dm : target.channelId;
}

/** A notice the relay first looks at this long after it was written (the direct try comes first). */
export const NOTICE_RELAY_AFTER_MS = 60_000;
