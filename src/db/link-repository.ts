// Linked accounts and one-time link codes (src/core/linking/ports.ts) on PostgreSQL.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { LinkStore } from '../core/linking/ports.ts';

export function createLinkRepository(prisma: PrismaClient): LinkStore {
  async function accounts(memberId: string): Promise<string[]> {
    const own = await prisma.memberLink.findUnique({ where: { memberId } });
    if (!own) return [memberId];
    const rows = await prisma.memberLink.findMany({ where: { personId: own.personId }, orderBy: { memberId: 'asc' } });
    return [memberId, ...rows.map((r) => r.memberId).filter((id) => id !== memberId)];
  }
  return {
    async createCode(input) {
      await prisma.linkCode.create({ data: input });
    },
    async findCode(codeHash) {
      const row = await prisma.linkCode.findUnique({ where: { codeHash } });
      return row ? { memberId: row.memberId, target: row.target, platform: row.platform, expiresAt: row.expiresAt, usedAt: row.usedAt } : null;
    },
    async redeem(codeHash, now, issuerId, memberId) {
      return prisma.$transaction(async (tx) => {
        // One conditional UPDATE: two people typing the same code at once link one account between them.
        const { count } = await tx.linkCode.updateMany({ where: { codeHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
        if (count !== 1) return false;
        const personId = (await tx.memberLink.findUnique({ where: { memberId: issuerId } }))?.personId ?? issuerId;
        await tx.memberLink.upsert({ where: { memberId: issuerId }, create: { memberId: issuerId, personId }, update: {} });
        await tx.memberLink.create({ data: { memberId, personId } });
        return true;
      });
    },
    accounts,
    async linkedIn(communityId) {
      const rows = await prisma.$queryRaw<Array<{ memberId: string; other: string }>>`
        SELECT l."memberId", o."memberId" AS "other" FROM "MemberLink" l
        JOIN "Member" m ON m."id" = l."memberId" AND m."communityId" = ${communityId}
        JOIN "MemberLink" o ON o."personId" = l."personId" AND o."memberId" <> l."memberId"
        ORDER BY o."memberId"`;
      const out = new Map<string, string[]>();
      for (const r of rows) out.set(r.memberId, [...(out.get(r.memberId) ?? []), r.other]);
      return out;
    },
    async setDmPlatform(memberId, platform) {
      const own = await prisma.memberLink.findUnique({ where: { memberId } });
      if (!own) return false;
      await prisma.memberLink.updateMany({ where: { personId: own.personId }, data: { dmPlatform: platform } });
      return true;
    },
    async dmAccount(memberId) {
      const rows = await prisma.$queryRaw<Array<{ memberId: string }>>`
        SELECT o."memberId" FROM "MemberLink" l JOIN "MemberLink" o ON o."personId" = l."personId"
        WHERE l."memberId" = ${memberId} AND l."dmPlatform" IS NOT NULL AND split_part(o."memberId", ':', 1) = l."dmPlatform"
        ORDER BY o."memberId" LIMIT 1`;
      return rows[0]?.memberId ?? null;
    },
    async unlink(memberId) {
      const linked = await accounts(memberId);
      if (linked.length < 2) return [];
      await prisma.memberLink.deleteMany({ where: { memberId: { in: linked } } });
      return linked;
    },
  };
}
