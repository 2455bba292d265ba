// `rapport export community`: every archived table's rows of one community (community-archive-tables.ts)
// as JSON Lines, after a header line. One REPEATABLE READ transaction gives a consistent snapshot
// while the bot keeps running; each table is read through a cursor, 1,000 rows at a time, and each
// row leaves as the text PostgreSQL made (row_to_json), so memory stays flat whatever the size.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { ARCHIVE_KIND, ARCHIVE_SCHEMA_VERSION, ARCHIVE_TABLES } from './community-archive-tables.ts';

export interface ArchiveHeader {
  kind: typeof ARCHIVE_KIND;
  schemaVersion: number;
  community: { id: string; platform: string; name: string };
  exportedAt: string;
  tables: string[];
}

const FETCH = 1_000;

export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** Writes the community's archive line by line (`write` may wait: it is awaited); returns the rows written. */
export async function exportCommunity(prisma: PrismaClient, communityId: string, write: (line: string) => Promise<void>, now: Date = new Date()): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      const community = await tx.community.findUniqueOrThrow({ where: { id: communityId }, select: { id: true, platform: true, name: true } });
      const header: ArchiveHeader = { kind: ARCHIVE_KIND, schemaVersion: ARCHIVE_SCHEMA_VERSION, community, exportedAt: now.toISOString(), tables: ARCHIVE_TABLES.map((t) => t.name) };
      await write(JSON.stringify(header));
      let rows = 0;
      for (const table of ARCHIVE_TABLES) {
        // DECLARE takes no bind parameters: the id goes in as a quoted literal.
        const where = table.where.replaceAll('$1', quoteLiteral(communityId));
        const order = table.serial ? ` ORDER BY t.${quoteIdentifier(table.serial)}` : '';
        await tx.$executeRawUnsafe(`DECLARE rapport_archive NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS "row" FROM ${quoteIdentifier(table.name)} t WHERE ${where}${order}`);
        const prefix = `{"table":${JSON.stringify(table.name)},"row":`;
        for (;;) {
          const page = await tx.$queryRawUnsafe<Array<{ row: string }>>(`FETCH ${FETCH} FROM rapport_archive`);
          for (const { row } of page) await write(`${prefix}${row}}`);
          rows += page.length;
          if (page.length < FETCH) break;
        }
        await tx.$executeRawUnsafe('CLOSE rapport_archive');
      }
      return rows;
    },
    { isolationLevel: 'RepeatableRead', maxWait: 60_000, timeout: 24 * 3_600_000 },
  );
}
