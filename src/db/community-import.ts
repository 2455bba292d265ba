// `rapport import community`: loads an archive written by community-export.ts, line by line, in one
// transaction: a broken line, a row the database refuses or a row of another community rolls all of
// it back, so nothing is half-written. Rows go in 500 at a time through json_populate_recordset,
// which turns the JSON back into each column's type. Sequence ids are given anew and references to
// them rewritten (community-archive-tables.ts); with a new name every id of the community is moved
// to the console community of that name ("slack:T1:U1" -> "console:NAME:U1"), as history imports do.
import { z } from 'zod';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { UserError } from '../core/errors.ts';
import { communityId as makeCommunityId } from '../core/ids.ts';
import { ARCHIVE_KIND, ARCHIVE_SCHEMA_VERSION, ARCHIVE_TABLES, type ArchiveTable } from './community-archive-tables.ts';
import { quoteIdentifier } from './community-export.ts';
import { jsonParam } from './raw-query.ts';

export interface ArchiveLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
}

const headerSchema = z.looseObject({
  kind: z.literal(ARCHIVE_KIND),
  schemaVersion: z.number().int().positive(),
  community: z.looseObject({ id: z.string().min(1), platform: z.string(), name: z.string() }),
});
const lineSchema = z.object({ table: z.string(), row: z.record(z.string(), z.unknown()) });

const BATCH = 500;
type Row = Record<string, unknown>;

/** Reads the header line; throws a UserError for a file that is not an archive or is from a newer schema. */
export function readArchiveHeader(first: ArchiveLine | undefined, file: string): z.infer<typeof headerSchema> {
  if (!first) throw new UserError('moving.import.empty', { file });
  let data: unknown;
  try {
    data = JSON.parse(first.text);
  } catch (error) {
    throw new UserError('moving.import.header', { problem: (error as Error).message });
  }
  // The version is checked before the rest: a newer format may have changed anything else.
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > ARCHIVE_SCHEMA_VERSION) throw new UserError('moving.import.newer', { version, supported: ARCHIVE_SCHEMA_VERSION });
  const parsed = headerSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError('moving.import.header', { problem: `${issue.path.join('.') || 'kind'}: ${issue.message}` });
  }
  return parsed.data;
}

function renamer(from: string, to: string): (value: unknown) => unknown {
  const rename = (value: unknown): unknown => {
    if (typeof value === 'string') return value === from ? to : value.startsWith(`${from}:`) || value.startsWith(`${from}/`) ? to + value.slice(from.length) : value;
    if (Array.isArray(value)) return value.map(rename);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)]));
    return value;
  };
  return rename;
}

interface Pending {
  table: ArchiveTable;
  rows: Row[];
  /** Natural key -> the row's id in the file, to learn its new id. */
  oldIds: Map<string, number>;
  firstLine: number;
  lastLine: number;
}

export async function importCommunity(
  prisma: PrismaClient,
  header: z.infer<typeof headerSchema>,
  lines: AsyncIterator<ArchiveLine>,
  options: { rename?: string },
): Promise<{ communityId: string; rows: number; scoresToRebuild: boolean }> {
  const source = header.community.id;
  const target = options.rename ? makeCommunityId('console', options.rename) : source;
  if (await prisma.community.findUnique({ where: { id: target }, select: { id: true } })) throw new UserError('moving.import.exists', { community: target });
  const tables = new Map(ARCHIVE_TABLES.map((t) => [t.name, t]));
  const rename = target === source ? (v: unknown) => v : renamer(source, target);

  return prisma.$transaction(
    async (tx) => {
      const columnsOf = new Map<string, string[]>();
      const columns = async (table: string): Promise<string[]> => {
        let found = columnsOf.get(table);
        if (!found) {
          const rows = await tx.$queryRawUnsafe<Array<{ name: string }>>(
            `SELECT column_name AS "name" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
            table,
          );
          found = rows.map((r) => r.name);
          columnsOf.set(table, found);
        }
        return found;
      };
      /** Old serial id -> new, for tables other rows point at. */
      const newIds = new Map<string, Map<number, number>>();
      let watermark: { row: Row; line: number; old: number; best: number } | undefined;
      let rows = 0;
      let scoresToRebuild = false;
      let pending: Pending | undefined;

      const flush = async (): Promise<void> => {
        if (!pending || pending.rows.length === 0) return;
        const { table, firstLine, lastLine, oldIds } = pending;
        const cols = (await columns(table.name)).filter((c) => c !== table.serial);
        const list = cols.map(quoteIdentifier).join(', ');
        const returning = table.serial && table.natural ? ` RETURNING ${[table.serial, ...table.natural].map(quoteIdentifier).join(', ')}` : '';
        let inserted: Row[];
        try {
          inserted = await tx.$queryRawUnsafe<Row[]>(
            `INSERT INTO ${quoteIdentifier(table.name)} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${quoteIdentifier(table.name)}, $1::json)${returning}`,
            jsonParam(pending.rows),
          );
        } catch (error) {
          const problem = ((error as Error).message.split('\n').find((l) => /violates|invalid|null value|duplicate|out of range/i.test(l)) ?? (error as Error).message).trim();
          throw new UserError('moving.import.rejected', { line: firstLine === lastLine ? String(firstLine) : `${firstLine}-${lastLine}`, problem });
        }
        if (returning) {
          const ids = newIds.get(table.name) ?? new Map<number, number>();
          newIds.set(table.name, ids);
          for (const row of inserted) {
            const old = oldIds.get(table.natural!.map((c) => String(row[c])).join('\u0000'));
            const fresh = Number(row[table.serial!]);
            if (old === undefined) continue;
            if (table.name === 'ActivityEvent') {
              if (watermark && old <= watermark.old && fresh > watermark.best) watermark.best = fresh;
            } else ids.set(old, fresh);
          }
        }
        rows += pending.rows.length;
        pending = undefined;
      };

      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        const { line, text } = next.value;
        if (text.trim() === '') continue;
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch (error) {
          throw new UserError('moving.import.badLine', { line, problem: `not JSON (${(error as Error).message})` });
        }
        const parsed = lineSchema.safeParse(data);
        if (!parsed.success) throw new UserError('moving.import.badLine', { line, problem: 'expected {"table": ..., "row": {...}}' });
        const table = tables.get(parsed.data.table);
        if (!table) throw new UserError('moving.import.unknownTable', { line, table: parsed.data.table });
        const original = parsed.data.row;
        const owner = table.name === 'Community' ? original['id'] : original['communityId'];
        if (owner !== undefined && owner !== source) throw new UserError('moving.import.badLine', { line, problem: `the row belongs to community ${String(owner)}, not ${source}` });
        const row = rename(original) as Row;
        if (target !== source) {
          if (table.name === 'Community') Object.assign(row, { platform: 'console', name: options.rename });
          if (table.name === 'ActivityEvent' && typeof row['platformEventId'] === 'string' && !row['platformEventId'].startsWith(`${target}/`)) row['platformEventId'] = `${target}/${row['platformEventId']}`;
        }
        // A parent's rows still waiting in the batch get their new ids before a child names them.
        if (pending && pending.table !== table) await flush();
        for (const [column, parent] of Object.entries(table.refs ?? {})) {
          const mapped = newIds.get(parent)?.get(Number(row[column]));
          if (mapped === undefined) throw new UserError('moving.import.badLine', { line, problem: `${column} ${String(row[column])} names no ${parent} row earlier in the file` });
          row[column] = mapped;
        }
        if (table.name === 'ScoreWatermark') {
          watermark = { row, line, old: Number(row['appliedEventId']), best: 0 };
          continue;
        }
        // Exports before schema version 2 kept scores as JSON states: scores are derived data, so
        // they are rebuilt from the imported events instead (no watermark: the scores lag).
        if (header.schemaVersion < 2 && table.name === 'MemberScore') {
          scoresToRebuild = true;
          continue;
        }
        if (pending && (pending.table !== table || pending.rows.length >= BATCH)) await flush();
        pending ??= { table, rows: [], oldIds: new Map(), firstLine: line, lastLine: line };
        pending.rows.push(row);
        pending.lastLine = line;
        if (table.serial && table.natural) pending.oldIds.set(table.natural.map((c) => String(row[c])).join('\u0000'), Number(row[table.serial]));
      }
      await flush();
      if (watermark && watermark.best > 0 && !scoresToRebuild) {
        pending = { table: tables.get('ScoreWatermark')!, rows: [{ ...watermark.row, appliedEventId: watermark.best }], oldIds: new Map(), firstLine: watermark.line, lastLine: watermark.line };
        await flush();
      }
      if (!(await tx.community.findUnique({ where: { id: target }, select: { id: true } }))) throw new UserError('moving.import.badLine', { line: 2, problem: 'the file has no Community row' });
      return { communityId: target, rows, scoresToRebuild };
    },
    { maxWait: 60_000, timeout: 24 * 3_600_000 },
  );
}
