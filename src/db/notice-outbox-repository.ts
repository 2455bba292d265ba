// The notice rows of the outbox (kind "notice"; src/core/outbox/notices.ts). Repositories whose
// state changes owe a notice write noticeRows(...) in their own transaction.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { NOTICE_RELAY_AFTER_MS, recipientOf, type Notice, type NoticeOutbox, type NoticeTarget, type PendingNotice } from '../core/outbox/notices.ts';
import type { OutgoingMessage } from '../core/outgoing.ts';
import { claimOutboxRows, type OutboxRow } from './outbox-claim.ts';

const KIND = 'notice';
type NoticeRow = Pick<OutboxRow, 'id' | 'subject' | 'message' | 'attempts'>;

/** The rows to insert for these notices, written at `at` (in the caller's transaction). */
export function noticeRows(notices: readonly Notice[], at: Date) {
  return notices.map((notice) => ({
    kind: KIND,
    subject: notice.subject,
    recipient: recipientOf(notice.to),
    message: { to: notice.to, message: notice.message } as unknown as object,
    dueAt: at,
    nextAttemptAt: new Date(at.getTime() + NOTICE_RELAY_AFTER_MS),
  }));
}

function toPending(row: NoticeRow): PendingNotice {
  const stored = row.message as { to: NoticeTarget; message: OutgoingMessage };
  return { id: String(row.id), subject: row.subject, to: stored.to, message: stored.message, attempts: row.attempts };
}

export function createNoticeOutboxRepository(prisma: PrismaClient): NoticeOutbox {
  return {
    async add(notices, at) {
      if (notices.length > 0) await prisma.outbox.createMany({ data: noticeRows(notices, at), skipDuplicates: true });
    },
    async claim(now, limit, backoffMs) {
      return (await claimOutboxRows(prisma, KIND, now, limit, backoffMs)).map(toPending);
    },
    async done(notice) {
      await prisma.outbox.deleteMany({ where: { kind: KIND, subject: notice.subject, recipient: recipientOf(notice.to) } });
    },
    async failed(id, error) {
      await prisma.outbox.updateMany({ where: { id: BigInt(id), kind: KIND }, data: { lastError: error.slice(0, 500) } });
    },
    async pending() {
      const rows = await prisma.outbox.findMany({ where: { kind: KIND }, orderBy: { id: 'asc' } });
      return rows.map(toPending);
    },
  };
}
