// Taking due rows of one kind from the outbox (the Outbox table): offer DMs and notices alike.
import type { PrismaClient } from '../../prisma/generated/client.ts';

export type OutboxRow = { id: bigint; subject: string; recipient: string; message: unknown; dueAt: Date; attempts: number };

/** Prisma stores DateTime as UTC in timestamp(3) columns; a raw comparison gets the same text. */
const utcTimestamp = (date: Date): string => date.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Due rows of `kind`, at most `limit`; each one's next attempt is pushed back by
 * `backoffMs(attempts)` and its attempts counted before it is returned (with the new count).
 */
export async function claimOutboxRows(prisma: PrismaClient, kind: string, now: Date, limit: number, backoffMs: (attempts: number) => number): Promise<OutboxRow[]> {
  return prisma.$transaction(async (tx) => {
    // FOR UPDATE SKIP LOCKED: relays in several processes each take different rows.
    const rows = await tx.$queryRaw<OutboxRow[]>`
      SELECT "id", "subject", "recipient", "message", "dueAt", "attempts" FROM "Outbox"
      WHERE "kind" = ${kind} AND "nextAttemptAt" <= ${utcTimestamp(now)}::timestamp ORDER BY "nextAttemptAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    for (const row of rows) {
      await tx.outbox.update({ where: { id: row.id }, data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)) } });
    }
    return rows.map((row) => ({ ...row, attempts: row.attempts + 1 }));
  });
}
