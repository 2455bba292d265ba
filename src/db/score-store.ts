// Recognition's ScoreCounterStore on PostgreSQL: a standing row per member and scope (MemberScore),
// counters per period (ScoreTally), people helped per period (ScoreHelped) and per-pair daily
// counters (ScorePair). Writes are deltas added with atomic increments (score-delta-sql.ts), so
// several Rapport processes can share the tables; reads assemble the engine's view of each member
// (score-rows.ts) from the member's row, their all-time tally and their three newest weeks and months.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { PairCount, ScoreCounterStore } from '../core/recognition/score-counter-store.ts';
import { statesFromRows, type HelpedRow, type MemberRow, type TallyRow } from '../core/recognition/score-rows.ts';
import { jsonParam, rawQueryOf, type RawQuery } from './raw-query.ts';
import { applyScoreDeltas } from './score-delta-sql.ts';

/** Pair keys are "kind|giver|receiver" (recognition-engine.ts). */
function pairMembers(pairKey: string): { giver: string; receiver: string } {
  const [, giver = '', receiver = ''] = pairKey.split('|');
  return { giver, receiver };
}

/** The tallies a view holds: all time, and each member's three newest weeks and months. `$1` is the scope, `$2` a member or null. */
const VIEW_TALLIES = `
  SELECT * FROM (
    SELECT t.*, row_number() OVER (PARTITION BY t."memberId", t."period" ORDER BY t."key" DESC) AS "rank"
    FROM "ScoreTally" t WHERE t."scopeId" = $1 AND ($2::text IS NULL OR t."memberId" = $2)
  ) x WHERE x."rank" <= 3`;

async function readViews(query: RawQuery, scopeId: string, memberId: string | null, sketchSize: number) {
  const [members, tallies, helped] = await Promise.all([
    query<MemberRow>(
      `SELECT "scopeId", "memberId", "displayName", "isStaff", "engagement", "engagementAt", "helper", "helperAt", "paceLastAt", "paceWindowStart", "paceWindowCount", "firstSeenAt", "lastSeenAt"
       FROM "MemberScore" WHERE "scopeId" = $1 AND ($2::text IS NULL OR "memberId" = $2)`,
      [scopeId, memberId],
    ),
    query<TallyRow>(`SELECT "memberId", "period", "key", "engagement", "helper", "messages", "replies", "answers", "thanks", "reactions" FROM (${VIEW_TALLIES}) v`, [scopeId, memberId]),
    // Negative ids stand for people counted before hashes were kept (the 20261207 migration): counted, never in a sketch.
    query<{ memberId: string; period: TallyRow['period']; key: number; count: number; hashes: Array<string | number | bigint> | null }>(
      `SELECT h."memberId", h."period", h."key", count(*)::int AS "count",
         (array_agg(h."helped" ORDER BY h."helped") FILTER (WHERE h."helped" >= 0))[1:$3] AS "hashes"
       FROM "ScoreHelped" h JOIN (${VIEW_TALLIES}) v ON v."scopeId" = h."scopeId" AND v."memberId" = h."memberId" AND v."period" = h."period" AND v."key" = h."key"
       WHERE h."scopeId" = $1 AND ($2::text IS NULL OR h."memberId" = $2)
       GROUP BY h."memberId", h."period", h."key"`,
      [scopeId, memberId, sketchSize],
    ),
  ]);
  const num = (rows: MemberRow[]) => rows.map((r) => ({ ...r, paceWindowCount: Number(r.paceWindowCount) }));
  const helpedRows: HelpedRow[] = helped.map((h) => ({ memberId: h.memberId, period: h.period, key: Number(h.key), count: Number(h.count), hashes: (h.hashes ?? []).map(Number) }));
  const tallyRows: TallyRow[] = tallies.map((t) => ({ ...t, key: Number(t.key) }));
  return statesFromRows(num(members), tallyRows, helpedRows, sketchSize);
}

export function createPrismaScoreStore(prisma: PrismaClient): Required<ScoreCounterStore> {
  // The batched writes and the daily pair counters skip Prisma (raw-query.ts): a batch is a few
  // large JSON parameters that Prisma would copy twice.
  const query = rawQueryOf(prisma);
  return {
    async applyDeltas(deltas, write) {
      if (deltas.length === 0) return true;
      return applyScoreDeltas(query, deltas, write);
    },
    async get(scopeId, memberId, sketchSize) {
      const [state] = await readViews(query, scopeId, memberId, sketchSize);
      return state;
    },
    list: (scopeId, sketchSize) => readViews(query, scopeId, null, sketchSize),
    async bumpPair(pairKey, day) {
      const { giver, receiver } = pairMembers(pairKey);
      const rows = await prisma.$queryRaw<Array<{ count: number }>>`
        INSERT INTO "ScorePair" ("pairKey", "day", "count", "giverMemberId", "receiverMemberId")
        VALUES (${pairKey}, ${day}, 1, ${giver}, ${receiver})
        ON CONFLICT ("pairKey", "day") DO UPDATE SET "count" = "ScorePair"."count" + 1
        RETURNING "count"`;
      return Number(rows[0]?.count ?? 1) - 1;
    },
    async pairsOfDay(day) {
      const rows = await query<{ pairKey: string; count: number }>(`SELECT "pairKey", "count" FROM "ScorePair" WHERE "day" = $1`, [day]);
      return new Map(rows.map((r) => [r.pairKey, Number(r.count)]));
    },
    async newestPairDay() {
      const [row] = await query<{ day: number | null }>(`SELECT MAX("day") AS "day" FROM "ScorePair"`, []);
      return row?.day === null || row?.day === undefined ? null : Number(row.day);
    },
    async putPairs(pairs: readonly PairCount[], write) {
      // Increments, added once per write id in one statement (as score-delta-sql.ts does for scores):
      // several processes' credits to a pair all count, and a write sent again after its reply was lost does not.
      const rows = pairs.map((p) => ({ ...p, ...pairMembers(p.pairKey) }));
      await query(
        `WITH w AS (INSERT INTO "ScoreWrite" ("id") VALUES ($2) ON CONFLICT DO NOTHING RETURNING "id")
         INSERT INTO "ScorePair" ("pairKey", "day", "count", "giverMemberId", "receiverMemberId")
         SELECT v."pairKey", v."day", v."count", v."giver", v."receiver"
         FROM jsonb_to_recordset($1::jsonb) AS v("pairKey" text, "day" int, "count" int, "giver" text, "receiver" text)
         WHERE EXISTS (SELECT 1 FROM w)
         ON CONFLICT ("pairKey", "day") DO UPDATE SET "count" = "ScorePair"."count" + EXCLUDED."count"`,
        [jsonParam(rows), write.writeId],
      );
      // Counters only matter for the day they count; older days are history nobody reads.
      await prisma.scorePair.deleteMany({ where: { day: { lt: write.keepFromDay - 1 } } });
    },
    async deleteMember(memberId) {
      await prisma.scorePair.deleteMany({ where: { OR: [{ giverMemberId: memberId }, { receiverMemberId: memberId }] } });
      await prisma.scoreTally.deleteMany({ where: { memberId } });
      await prisma.scoreHelped.deleteMany({ where: { memberId } });
      const { count } = await prisma.memberScore.deleteMany({ where: { memberId } });
      return count;
    },
  };
}
