// Writes `rapport import scores` in one transaction: the members the file names (found, or created
// when new), their community-wide score states with the points applied, and one ImportedScore row
// each, so a rebuild from events applies them again. Importing the same source again replaces the
// earlier import (its points are taken back out first), so running it twice does not double anything.
// Points are added to the score counters as increments, so a running bot's own credits are kept.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { UserError } from '../core/errors.ts';
import { parseId, scopedId } from '../core/ids.ts';
import { randomUUID } from 'node:crypto';
import { importedDelta, importedPoints, type ImportSource, type ImportedPoints } from '../core/recognition/imported-points.ts';
import type { ScoreDelta } from '../core/recognition/score-delta.ts';
import type { RawQuery } from './raw-query.ts';
import { applyScoreDeltas } from './score-delta-sql.ts';
import type { RecognitionConfig } from '../core/recognition/recognition-config.ts';
import type { ScoreLine } from '../import/score-files.ts';

export interface ScoreImportResult {
  /** Members the file named who were already known. */
  matched: number;
  /** Members created because the file named someone not seen yet. */
  created: string[];
  /** Members left out because they chose not to be profiled (/privacy). */
  optedOut: number;
  /** Rows of an earlier import of the same source that were replaced. */
  replaced: number;
}

interface MemberRow {
  id: string;
  platformId: string;
  displayName: string;
  isModerator: boolean;
}

function rowToPoints(row: { source: string; kind: string; raw: number; points: number; count: number; importedAt: Date }): ImportedPoints {
  return { source: row.source as ImportSource, kind: row.kind as ImportedPoints['kind'], raw: row.raw, points: row.points, count: row.count, at: row.importedAt.getTime() };
}

/** Finds the member each line names: by platform id, then (CSV) by display name, ignoring case. */
function resolveLines(communityId: string, source: ImportSource, lines: readonly ScoreLine[], members: readonly MemberRow[]): { found: Map<ScoreLine, MemberRow>; missing: ScoreLine[] } {
  const byPlatformId = new Map(members.map((m) => [m.platformId.toLowerCase(), m]));
  const byName = new Map<string, MemberRow[]>();
  for (const m of members) {
    const key = m.displayName.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), m]);
  }
  const found = new Map<ScoreLine, MemberRow>();
  const missing: ScoreLine[] = [];
  for (const line of lines) {
    const key = line.who.toLowerCase();
    let member = byPlatformId.get(key);
    if (!member && source === 'csv') {
      const named = byName.get(key) ?? [];
      if (named.length > 1) throw new UserError('moving.scores.ambiguous', { where: line.where, who: line.who, ids: named.map((m) => m.platformId).join(', '), community: communityId });
      member = named[0];
    }
    if (member) found.set(line, member);
    else missing.push(line);
  }
  return { found, missing };
}

export async function importScores(
  prisma: PrismaClient,
  input: {
    communityId: string;
    /** A community to create first (a console community named on the command line), in the same transaction. */
    create?: { name: string; language: string; timeZone: string };
    source: ImportSource;
    lines: readonly ScoreLine[];
    config: RecognitionConfig;
    at: Date;
    createMissing: boolean;
  },
): Promise<ScoreImportResult> {
  const { communityId, source, lines, config } = input;
  const at = input.at.getTime();
  const { platform, scope } = parseId(communityId);
  return prisma.$transaction(
    async (tx) => {
      if (input.create) await tx.community.upsert({ where: { id: communityId }, create: { id: communityId, platform, ...input.create }, update: {} });
      const members = await tx.member.findMany({ where: { communityId }, select: { id: true, platformId: true, displayName: true, isModerator: true } });
      const { found, missing } = resolveLines(communityId, source, lines, members);
      if (missing.length > 0 && !input.createMissing) {
        const names = missing.slice(0, 10).map((l) => `"${l.who}"`).join(', ') + (missing.length > 10 ? ', ...' : '');
        throw new UserError('moving.scores.missingMembers', { count: missing.length, community: communityId, names });
      }
      const created: MemberRow[] = missing.map((line) => ({ id: scopedId(platform, scope, line.who), platformId: line.who, displayName: line.name, isModerator: false }));
      if (created.length > 0) await tx.member.createMany({ data: created.map((m) => ({ ...m, communityId })) });
      created.forEach((m, i) => found.set(missing[i]!, m));

      const optedOut = new Set((await tx.privacyPreference.findMany({ where: { communityId, noProfiling: true }, select: { memberId: true } })).map((r) => r.memberId));
      const earlier = await tx.importedScore.findMany({ where: { communityId, source } });
      const wanted = new Map<string, { member: MemberRow; points: ImportedPoints }>();
      for (const [line, member] of found) {
        if (optedOut.has(member.id)) continue;
        wanted.set(member.id, { member, points: importedPoints(source, line.raw, line.count, at, config) });
      }

      // The earlier import's points come out and the new ones go in as increments, in this
      // transaction: a running bot adding its own credits meanwhile loses nothing (score-delta-sql.ts).
      const query: RawQuery = (text, params) => tx.$queryRawUnsafe(text, ...params);
      const write = (deltas: ScoreDelta[]) => (deltas.length > 0 ? applyScoreDeltas(query, deltas, { writeId: `import:${randomUUID()}`, halfLives: config }) : Promise.resolve(true));
      const names = new Map(members.map((m) => [m.id, m]));
      await write(
        earlier.map((row) => {
          const member = names.get(row.memberId);
          return importedDelta({ scopeId: communityId, memberId: row.memberId, displayName: member?.displayName ?? row.memberId, isStaff: member?.isModerator ?? false }, rowToPoints(row), -1);
        }),
      );
      await write([...wanted.values()].map(({ member, points }) => importedDelta({ scopeId: communityId, memberId: member.id, displayName: member.displayName, isStaff: member.isModerator }, points, 1)));
      await tx.importedScore.deleteMany({ where: { communityId, source } });
      await tx.importedScore.createMany({
        data: [...wanted.values()].map(({ member, points }) => ({ communityId, memberId: member.id, source, kind: points.kind, raw: points.raw, points: points.points, count: points.count, importedAt: input.at })),
      });
      return { matched: found.size - created.length, created: created.map((m) => m.displayName), optedOut: found.size - wanted.size, replaced: earlier.length };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

/** A community's imported points, for a rebuild from events to apply again. */
export async function importedScoresOf(prisma: PrismaClient, communityId: string): Promise<Array<{ memberId: string; points: ImportedPoints }>> {
  const rows = await prisma.importedScore.findMany({ where: { communityId }, orderBy: { id: 'asc' } });
  return rows.map((row) => ({ memberId: row.memberId, points: rowToPoints(row) }));
}
