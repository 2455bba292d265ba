// The database side of rebuilding scores from stored events (src/core/recognition/rebuild-scores.ts)
// and of the score watermarks (ScoreWatermark: the highest ActivityEvent id the stored scores reflect).
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { ChatEvent } from '../core/events.ts';
import type { ScoreRebuildStore, StoredEvent } from '../core/recognition/rebuild-scores.ts';
import { importedScoresOf } from './imported-score-repository.ts';
import { jsonParam, rawQueryOf } from './raw-query.ts';

export function createScoreRebuildRepository(prisma: PrismaClient): ScoreRebuildStore {
  const query = rawQueryOf(prisma);
  return {
    async communities() {
      const rows = await query<{ communityId: string }>(`SELECT DISTINCT "communityId" FROM "ActivityEvent" ORDER BY "communityId"`, []);
      return rows.map((r) => r.communityId);
    },
    async lagging() {
      const rows = await query<{ communityId: string }>(
        `SELECT e."communityId" FROM (SELECT "communityId", MAX("id") AS "newest" FROM "ActivityEvent" WHERE "payload" IS NOT NULL GROUP BY "communityId") e
         LEFT JOIN "ScoreWatermark" w ON w."communityId" = e."communityId"
         WHERE w."appliedEventId" IS NULL OR w."appliedEventId" < e."newest"
         ORDER BY e."communityId"`,
        [],
      );
      return rows.map((r) => r.communityId);
    },
    async unreplayable(communityId) {
      const [row] = await query<{ n: string | number }>(`SELECT COUNT(*) AS "n" FROM "ActivityEvent" WHERE "communityId" = $1 AND "payload" IS NULL AND "kind" <> 'command'`, [communityId]);
      return Number(row?.n ?? 0);
    },
    async clear(communityId) {
      await prisma.$transaction([
        prisma.$executeRaw`DELETE FROM "ScorePair" WHERE "giverMemberId" IN (SELECT "id" FROM "Member" WHERE "communityId" = ${communityId}) OR "receiverMemberId" IN (SELECT "id" FROM "Member" WHERE "communityId" = ${communityId})`,
        prisma.scoreTally.deleteMany({ where: { communityId } }),
        prisma.scoreHelped.deleteMany({ where: { communityId } }),
        prisma.memberScore.deleteMany({ where: { communityId } }),
      ]);
    },
    async events(communityId, afterId, limit): Promise<StoredEvent[]> {
      const rows = await query<{ id: string | number; payload: unknown }>(
        `SELECT "id", "payload" FROM "ActivityEvent" WHERE "communityId" = $1 AND "id" > $2 AND "payload" IS NOT NULL ORDER BY "id" LIMIT $3`,
        [communityId, afterId, limit],
      );
      return rows.map((r) => {
        const payload = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as ChatEvent & { occurredAt: string };
        return { id: Number(r.id), event: { ...payload, occurredAt: new Date(payload.occurredAt) } };
      });
    },
    async saveWatermarks(marks) {
      if (marks.size === 0) return;
      await query(
        `INSERT INTO "ScoreWatermark" ("communityId", "appliedEventId", "updatedAt")
         SELECT v."communityId", v."id", now() FROM jsonb_to_recordset($1::jsonb) AS v("communityId" text, "id" bigint)
         ON CONFLICT ("communityId") DO UPDATE SET "appliedEventId" = GREATEST("ScoreWatermark"."appliedEventId", EXCLUDED."appliedEventId"), "updatedAt" = now()`,
        [jsonParam([...marks].map(([communityId, id]) => ({ communityId, id })))],
      );
    },
    imported: (communityId) => importedScoresOf(prisma, communityId),
    async setWatermark(communityId, id) {
      await prisma.scoreWatermark.upsert({ where: { communityId }, create: { communityId, appliedEventId: BigInt(id) }, update: { appliedEventId: BigInt(id) } });
    },
  };
}
