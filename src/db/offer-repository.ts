// Offers and their recipients. State changes are conditional updates, so a DM job that runs twice
// or two moderators pressing Approve at once change a recipient only once. An approval writes the
// DM it owes to the outbox (kind offer.dm) in the same transaction.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { HOLDS_PLACE, RECIPIENT_STATES, type OfferRecord, type OfferRepository, type OutboxItem, type RecipientRecord, type RecipientState } from '../core/ambassadors/ports.ts';
import type { OfferStage, Reason } from '../core/ambassadors/stages.ts';
import { claimOutboxRows, type OutboxRow } from './outbox-claim.ts';
import { noticeRows } from './notice-outbox-repository.ts';

type OfferRow = { id: string; communityId: string; title: string; content: string; eligibleStage: string; places: number; expiresAt: Date; createdAt: Date };
type RecipientRow = {
  offerId: string; memberId: string; communityId: string; state: string; reasons: unknown; proposedAt: Date; decidedAt: Date | null;
  scheduledFor: Date | null; sentAt: Date | null; answeredAt: Date | null; dmMessageId: string | null; error: string | null; member: { displayName: string };
};

const toOffer = (row: OfferRow): OfferRecord => ({ ...row, eligibleStage: row.eligibleStage as OfferStage });

function toRecipient(row: RecipientRow): RecipientRecord {
  const { member, ...rest } = row;
  return { ...rest, displayName: member.displayName, state: row.state as RecipientState, reasons: (row.reasons ?? []) as Reason[] };
}

const withName = { member: { select: { displayName: true } } } as const;

const DM_KIND = 'offer.dm';
const toItem = (row: Pick<OutboxRow, 'id' | 'subject' | 'recipient' | 'dueAt' | 'attempts'>): OutboxItem => ({ id: String(row.id), offerId: row.subject, memberId: row.recipient, dueAt: row.dueAt, attempts: row.attempts });

export function createOfferRepository(prisma: PrismaClient): OfferRepository {
  return {
    async create(offer) {
      await prisma.offer.create({ data: offer });
    },
    async get(id) {
      const row = await prisma.offer.findUnique({ where: { id } });
      return row ? toOffer(row) : null;
    },
    async list(communityId, options = {}) {
      const rows = await prisma.offer.findMany({ where: { communityId, ...(options.openAt ? { expiresAt: { gt: options.openAt } } : {}) }, orderBy: { createdAt: 'asc' } });
      return rows.map(toOffer);
    },
    async propose(rows) {
      if (rows.length === 0) return 0;
      const { count } = await prisma.offerRecipient.createMany({
        data: rows.map((r) => ({ ...r, reasons: r.reasons as unknown as object, state: 'proposed' })),
        skipDuplicates: true,
      });
      return count;
    },
    async recipients(offerId, states) {
      const rows = await prisma.offerRecipient.findMany({ where: { offerId, ...(states ? { state: { in: [...states] } } : {}) }, include: withName, orderBy: { proposedAt: 'asc' } });
      return rows.map(toRecipient);
    },
    async recipient(offerId, memberId) {
      const row = await prisma.offerRecipient.findUnique({ where: { offerId_memberId: { offerId, memberId } }, include: withName });
      return row ? toRecipient(row) : null;
    },
    async approve(offerId, memberId, at, spacingMs, outbox = { relayAfterMs: 0 }) {
      return prisma.$transaction(async (tx) => {
        // Lock the offer row: approvals of one offer are counted one at a time.
        const locked = await tx.$queryRaw<Array<{ places: number; expiresAt: Date; communityId: string }>>`
          SELECT "places", "expiresAt", "communityId" FROM "Offer" WHERE "id" = ${offerId} FOR UPDATE`;
        const offer = locked[0];
        if (!offer) return { ok: false as const, why: 'not_proposed' as const };
        if (offer.expiresAt.getTime() <= at.getTime()) return { ok: false as const, why: 'expired' as const };
        const taken = await tx.offerRecipient.count({ where: { offerId, state: { in: [...HOLDS_PLACE] } } });
        if (taken >= offer.places) return { ok: false as const, why: 'full' as const };
        const last = await tx.offerRecipient.aggregate({ where: { communityId: offer.communityId, scheduledFor: { not: null } }, _max: { scheduledFor: true } });
        const previous = last._max.scheduledFor?.getTime() ?? Number.NEGATIVE_INFINITY;
        const scheduledFor = new Date(Math.max(at.getTime(), previous + spacingMs));
        const { count } = await tx.offerRecipient.updateMany({ where: { offerId, memberId, state: 'proposed' }, data: { state: 'approved', decidedAt: at, scheduledFor } });
        if (count !== 1) return { ok: false as const, why: 'not_proposed' as const };
        // The DM this approval owes, committed with it: nothing can leave an approval without its DM.
        const nextAttemptAt = new Date(scheduledFor.getTime() + outbox.relayAfterMs);
        await tx.outbox.createMany({ data: [{ kind: DM_KIND, subject: offerId, recipient: memberId, dueAt: scheduledFor, nextAttemptAt }], skipDuplicates: true });
        return { ok: true as const, scheduledFor };
      });
    },
    async claimOutbox(now, limit, backoffMs) {
      return (await claimOutboxRows(prisma, DM_KIND, now, limit, backoffMs)).map(toItem);
    },
    async outboxFailed(id, error) {
      await prisma.outbox.updateMany({ where: { id: BigInt(id), kind: DM_KIND }, data: { lastError: error.slice(0, 500) } });
    },
    async outboxDone(offerId, memberId) {
      await prisma.outbox.deleteMany({ where: { kind: DM_KIND, subject: offerId, recipient: memberId } });
    },
    async pendingOutbox(offerId) {
      const rows = await prisma.outbox.findMany({ where: { kind: DM_KIND, ...(offerId ? { subject: offerId } : {}) }, orderBy: { createdAt: 'asc' } });
      return rows.map(toItem);
    },
    async transition(offerId, memberId, from, to, patch = {}, notices = []) {
      const move = (tx: Pick<PrismaClient, 'offerRecipient'>) => tx.offerRecipient.updateMany({ where: { offerId, memberId, state: { in: [...from] } }, data: { state: to, ...patch } });
      if (notices.length === 0) return (await move(prisma)).count === 1;
      return prisma.$transaction(async (tx) => {
        if ((await move(tx)).count !== 1) return false;
        await tx.outbox.createMany({ data: noticeRows(notices, patch.answeredAt ?? patch.decidedAt ?? new Date()), skipDuplicates: true });
        return true;
      });
    },
    async counts(offerId) {
      const groups = await prisma.offerRecipient.groupBy({ by: ['state'], where: { offerId }, _count: { _all: true } });
      const counts = Object.fromEntries(RECIPIENT_STATES.map((s) => [s, 0])) as Record<RecipientState, number>;
      for (const g of groups) if (g.state in counts) counts[g.state as RecipientState] = g._count._all;
      return counts;
    },
  };
}
