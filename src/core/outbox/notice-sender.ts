// Sends notices from the outbox (notices.ts). `deliver` is the direct try right after the change
// that owes them is committed; `relay` is the job that sends what is still owed, retrying with
// backoff. A notice the platform refuses for good (closed DMs, a deleted channel), or one still
// failing after MAX_ATTEMPTS, is dropped with a log line, so nothing stays owed for ever.
import type { Clock } from '../clock.ts';
import { PlatformError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { ReplierDirectory } from '../outgoing.ts';
import type { Notice, NoticeOutbox } from './notices.ts';

export const NOTICE_RELAY_JOB = 'notices.relay';
export const NOTICE_RELAY_KEY = 'notices-relay';
export const NOTICE_RELAY_EVERY_MS = 15_000;
const BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 15 * 60_000;
const MAX_ATTEMPTS = 10;

export interface NoticeSender {
  /** Writes notices that go with no other change, then tries to send them. */
  send(notices: readonly Notice[]): Promise<void>;
  /** Tries to send notices already written (with the change that owes them); what fails stays owed. */
  deliver(notices: readonly Notice[]): Promise<void>;
  /** Sends the notices still owed whose time has come; returns how many it tried. */
  relay(): Promise<number>;
}

export function createNoticeSender(deps: { outbox: NoticeOutbox; repliers: ReplierDirectory; clock: Clock; logger: Logger }): NoticeSender {
  const { outbox, repliers, clock, logger } = deps;

  async function sendOne(notice: Notice): Promise<void> {
    const { to, message } = notice;
    if ('dm' in to) await repliers.forId(to.dm).dm(to.dm, message);
    else await repliers.forId(to.channelId).post(to.threadOf ? { channelId: to.channelId, threadOf: to.threadOf } : { channelId: to.channelId }, message);
  }

  /** Sends one notice; true when it is settled (sent, or refused for good), false when it stays owed. */
  async function attempt(notice: Notice, attempts: number): Promise<boolean> {
    try {
      await sendOne(notice);
    } catch (error) {
      const final = (error instanceof PlatformError && !error.retryable) || attempts >= MAX_ATTEMPTS;
      logger.warn({ err: error, subject: notice.subject, attempts }, final ? 'notice not sent; dropped' : 'notice not sent yet; the relay retries it');
      if (!final) return false;
    }
    await outbox.done(notice);
    return true;
  }

  async function deliver(notices: readonly Notice[]): Promise<void> {
    for (const notice of notices) await attempt(notice, 0);
  }

  return {
    async send(notices) {
      if (notices.length === 0) return;
      await outbox.add(notices, clock.now());
      await deliver(notices);
    },
    deliver,
    async relay() {
      const due = await outbox.claim(clock.now(), 50, (attempts) => Math.min(BACKOFF_MS * 2 ** attempts, MAX_BACKOFF_MS));
      for (const notice of due) {
        if (!(await attempt(notice, notice.attempts))) await outbox.failed(notice.id, 'not sent');
      }
      if (due.length > 0) logger.info({ count: due.length }, 'notices still owed: relay tried them');
      return due.length;
    },
  };
}
