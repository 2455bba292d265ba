// The outbox's notices in memory, with the Prisma repository's behaviour (unit tests, and
// in-memory repositories that write notices "in the same transaction" as their change).
import { NOTICE_RELAY_AFTER_MS, recipientOf, type Notice, type NoticeOutbox, type PendingNotice } from './notices.ts';

export function createInMemoryNoticeOutbox(): NoticeOutbox {
  const rows = new Map<string, PendingNotice & { nextAttemptAt: number }>();
  let seq = 0;
  const keyOf = (notice: Notice) => `${notice.subject}\u0000${recipientOf(notice.to)}`;
  const copy = ({ nextAttemptAt: _next, ...row }: PendingNotice & { nextAttemptAt: number }): PendingNotice => structuredClone(row);
  return {
    async add(notices, at) {
      for (const notice of notices) {
        const key = keyOf(notice);
        if (!rows.has(key)) rows.set(key, { ...structuredClone(notice), id: String(++seq), attempts: 0, nextAttemptAt: at.getTime() + NOTICE_RELAY_AFTER_MS });
      }
    },
    async claim(now, limit, backoffMs) {
      const due = [...rows.values()].filter((row) => row.nextAttemptAt <= now.getTime()).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt).slice(0, limit);
      for (const row of due) {
        row.nextAttemptAt = now.getTime() + backoffMs(row.attempts);
        row.attempts += 1;
      }
      return due.map(copy);
    },
    async done(notice) {
      rows.delete(keyOf(notice));
    },
    async failed() {},
    async pending() {
      return [...rows.values()].map(copy);
    },
  };
}
