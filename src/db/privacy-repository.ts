// Members' privacy choices, and the export and erasure of everything Rapport holds about a member.
// Export and erasure find member data by looking at the live schema rather than a list kept by
// hand: every text column named memberId, authorId or *MemberId in every table of the current
// schema is a reference to a member, so a table another feature adds later is covered too
// (ActivityEvent rows where the member is only the target included). The Member row goes last and
// its foreign keys cascade to the rest.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { DEFAULT_CHOICES, type PrivacyRepository } from '../core/privacy/ports.ts';

const MEMBER_COLUMN = /^(?:memberId|authorId|[a-z]*MemberId)$/;

interface MemberColumn {
  table: string;
  column: string;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

async function memberColumns(prisma: Pick<PrismaClient, '$queryRaw'>): Promise<MemberColumn[]> {
  const rows = await prisma.$queryRaw<Array<{ table: string; column: string }>>`
    SELECT c.table_name AS "table", c.column_name AS "column"
    FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.data_type IN ('text', 'character varying')
    ORDER BY c.table_name, c.column_name`;
  return rows.filter((r) => r.table !== 'Member' && MEMBER_COLUMN.test(r.column));
}

export function createPrivacyRepository(prisma: PrismaClient): PrivacyRepository {
  return {
    async get(memberId) {
      const row = await prisma.privacyPreference.findUnique({ where: { memberId } });
      return row ? { noProfiling: row.noProfiling, noDms: row.noDms } : { ...DEFAULT_CHOICES };
    },
    async set(memberId, communityId, patch) {
      const row = await prisma.privacyPreference.upsert({ where: { memberId }, create: { memberId, communityId, ...DEFAULT_CHOICES, ...patch }, update: patch });
      return { noProfiling: row.noProfiling, noDms: row.noDms };
    },
    async optedOut(communityId) {
      const rows = await prisma.privacyPreference.findMany({ where: { communityId, OR: [{ noProfiling: true }, { noDms: true }] } });
      return { noProfiling: rows.filter((r) => r.noProfiling).map((r) => r.memberId), noDms: rows.filter((r) => r.noDms).map((r) => r.memberId) };
    },
    async exportMember(memberId) {
      const out: Record<string, Array<Record<string, unknown>>> = {};
      const member = await prisma.$queryRaw<Array<{ row: Record<string, unknown> }>>`SELECT row_to_json(m) AS "row" FROM "Member" m WHERE m."id" = ${memberId}`;
      out.Member = member.map((r) => r.row);
      for (const { table, column } of await memberColumns(prisma)) {
        const rows = await prisma.$queryRawUnsafe<Array<{ row: Record<string, unknown> }>>(`SELECT row_to_json(t) AS "row" FROM ${quote(table)} t WHERE t.${quote(column)} = $1`, memberId);
        if (rows.length > 0) out[table] = [...(out[table] ?? []), ...rows.map((r) => r.row)];
      }
      return out;
    },
    async eraseMember(memberId) {
      return prisma.$transaction(async (tx) => {
        const removed: Record<string, number> = {};
        for (const { table, column } of await memberColumns(tx)) {
          const count = await tx.$executeRawUnsafe(`DELETE FROM ${quote(table)} WHERE ${quote(column)} = $1`, memberId);
          if (count > 0) removed[table] = (removed[table] ?? 0) + count;
        }
        const members = await tx.$executeRaw`DELETE FROM "Member" WHERE "id" = ${memberId}`;
        if (members > 0) removed.Member = members;
        return removed;
      });
    },
  };
}
