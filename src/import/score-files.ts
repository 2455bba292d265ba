// The files `rapport import scores` reads: a MEE6 leaderboard (the JSON of
// https://mee6.xyz/api/plugins/levels/leaderboard/GUILD_ID, one page or an array of pages) and a
// CSV of `name,points` (karma bots, HeyTaco). The whole file is read and checked before anything
// is written; a problem is a UserError naming the place (entry or line) and what to fix.
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { UserError } from '../core/errors.ts';

export interface ScoreLine {
  /** Where it came from, for messages: "players[3]" or "line 4". */
  where: string;
  /** The platform user id (MEE6), or the name or id as written (CSV). */
  who: string;
  /** A name to show for a member who is not known yet. */
  name: string;
  raw: number;
  count: number;
}

// Only the fields Rapport uses are checked; MEE6 pages carry many more (avatar, detailed_xp, guild, role_rewards...).
const mee6Player = z.looseObject({
  id: z.string().regex(/^\d{1,25}$/, 'a Discord user id (digits)'),
  username: z.string().min(1),
  xp: z.number().int().nonnegative(),
  message_count: z.number().int().nonnegative().optional(),
});
const mee6Page = z.looseObject({ players: z.array(mee6Player) });
const mee6File = z.union([mee6Page, z.array(mee6Page).min(1)]);

/** What a MEE6 page looks like, for the message about a file that is not one. */
const MEE6_SHAPE = '{"players": [{"id", "username", "xp", "message_count", ...}]}';

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('') || '(the top level)';
}

export function parseMee6(text: string): ScoreLine[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UserError('moving.scores.notJson', { reason: (error as Error).message });
  }
  const parsed = mee6File.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // A union reports its own failure; the useful issue is in the branch that came closest.
    const inner = issue.code === 'invalid_union' ? (issue.errors.find((e) => e.length > 0)?.[0] ?? issue) : issue;
    throw new UserError('moving.scores.mee6Shape', { where: pathOf(inner.path), problem: inner.message, expected: MEE6_SHAPE });
  }
  const pages = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const lines: ScoreLine[] = [];
  const seen = new Set<string>();
  pages.forEach((page, p) =>
    page.players.forEach((player, i) => {
      const where = pages.length > 1 ? `[${p}].players[${i}]` : `players[${i}]`;
      if (seen.has(player.id)) throw new UserError('moving.scores.twice', { where, who: player.id });
      seen.add(player.id);
      lines.push({ where, who: player.id, name: player.username, raw: player.xp, count: player.message_count ?? 0 });
    }),
  );
  if (lines.length === 0) throw new UserError('moving.scores.empty', {});
  return lines;
}

/** `name,points` rows; a first row whose points are not a number is taken as the header. */
export function parseScoreCsv(text: string): ScoreLine[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = error instanceof CsvError ? ((error as CsvError & { lines?: number }).lines ?? 0) : 0;
    throw new UserError('moving.scores.csvBroken', { line, reason: (error as Error).message });
  }
  const lines: ScoreLine[] = [];
  const seen = new Set<string>();
  records.forEach(({ record, info }, index) => {
    const line = info.lines;
    const [who = '', points = '', ...extra] = record;
    if (index === 0 && !/^-?[\d.]+$/.test(points)) return; // the header
    if (record.length < 2 || extra.some((cell) => cell !== '')) throw new UserError('moving.scores.csvColumns', { line, count: record.length });
    if (who === '') throw new UserError('moving.scores.csvName', { line });
    const raw = Number(points);
    if (!/^\d+(\.\d+)?$/.test(points) || !Number.isFinite(raw)) throw new UserError('moving.scores.csvPoints', { line, value: points });
    const key = who.toLowerCase();
    if (seen.has(key)) throw new UserError('moving.scores.twice', { where: `line ${line}`, who });
    seen.add(key);
    lines.push({ where: `line ${line}`, who, name: who, raw, count: Math.round(raw) });
  });
  if (lines.length === 0) throw new UserError('moving.scores.empty', {});
  return lines;
}
