// The recognition engine's ScoreStore on PostgreSQL: one row per member and scope holding the
// engine's state as JSONB, and per-pair daily counters. Meant to sit behind the write-behind cache
// (src/core/recognition/write-behind-score-store.ts), which calls putManyVersioned and putPairs in batches:
// each batch is one statement whatever its size (rows travel as one JSON parameter).
//
// Each row carries a version, bumped by every write, so several Rapport processes can share the
// table: putManyVersioned writes only rows still at the version the writer read, and the cache
// merges and retries the rest (write-behind-score-store.ts).
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { MemberScoreState } from '../core/recognition/member-score-state.ts';
import type { BatchingScoreStore, PairCount, VersionedState } from '../core/recognition/write-behind-score-store.ts';
import { rawQueryOf } from './raw-query.ts';

export type PrismaScoreStore = Required<BatchingScoreStore>;

/** Pair keys are "kind|giver|receiver" (recognition-engine.ts). */
function pairMembers(pairKey: string): { giver: string; receiver: string } {
  const [, giver = '', receiver = ''] = pairKey.split('|');
  return { giver, receiver };
}

function toState(value: unknown): MemberScoreState {
  return (typeof value === 'string' ? JSON.parse(value) : value) as MemberScoreState;
}

/** Rows per statement: large enough to amortise the round trip, small enough for one JSON parameter. */
const CHUNK = 2_000;

export function createPrismaScoreStore(prisma: PrismaClient): PrismaScoreStore {
  // The batched writes and the daily pair counters skip Prisma (raw-query.ts): a batch is one
  // large JSON parameter that Prisma would copy twice.
  const query = rawQueryOf(prisma);
  async function putMany(states: readonly MemberScoreState[]): Promise<void> {
    for (let i = 0; i < states.length; i += CHUNK) {
      const rows = states.slice(i, i + CHUNK).map((s) => ({ scopeId: s.scopeId, memberId: s.memberId, state: s }));
      // Joined with Member: a state for a member erased meanwhile (privacy) is dropped, not an error.
      // Unconditional (last writer wins), but it still moves the version on, so versioned writers notice.
      await query(
        `INSERT INTO "MemberScore" ("scopeId", "memberId", "communityId", "state", "version", "updatedAt")
         SELECT v."scopeId", v."memberId", m."communityId", v."state", 1, now()
         FROM jsonb_to_recordset($1::jsonb) AS v("scopeId" text, "memberId" text, "state" jsonb)
         JOIN "Member" m ON m."id" = v."memberId"
         ON CONFLICT ("scopeId", "memberId") DO UPDATE SET "state" = EXCLUDED."state", "version" = "MemberScore"."version" + 1, "writeId" = NULL, "updatedAt" = EXCLUDED."updatedAt"`,
        [JSON.stringify(rows)],
      );
    }
  }

  async function putManyVersioned(states: string, versions: readonly number[], writeId: string): Promise<boolean[]> {
    // Each state is paired with its version by position (ROWS FROM zips the two arrays). New rows
    // are stored at version + 1 (1 for a row nobody had); an existing row is replaced only while it
    // is still at the version the writer read (rows from before versions are at 0, as is a writer's
    // "no row known"). Joined with Member: a state for a member erased meanwhile (privacy) is
    // dropped, not an error. RETURNING lists what was written; the rest was changed by another writer.
    const written = await query<{ scopeId: string; memberId: string }>(
      `INSERT INTO "MemberScore" ("scopeId", "memberId", "communityId", "state", "version", "writeId", "updatedAt")
       SELECT v."state"->>'scopeId', v."state"->>'memberId', m."communityId", v."state", v."version" + 1, $3, now()
       FROM ROWS FROM (jsonb_array_elements($1::jsonb), unnest($2::int[])) AS v("state", "version")
       JOIN "Member" m ON m."id" = v."state"->>'memberId'
       ON CONFLICT ("scopeId", "memberId") DO UPDATE SET "state" = EXCLUDED."state", "version" = EXCLUDED."version", "writeId" = EXCLUDED."writeId", "updatedAt" = EXCLUDED."updatedAt"
       WHERE "MemberScore"."version" = EXCLUDED."version" - 1
       RETURNING "scopeId", "memberId"`,
      [states, versions, writeId],
    );
    if (written.length === versions.length) return versions.map(() => true);
    const done = new Set(written.map((w) => `${w.scopeId}\u0000${w.memberId}`));
    return (JSON.parse(states) as MemberScoreState[]).map((s) => done.has(`${s.scopeId}\u0000${s.memberId}`));
  }

  return {
    putManyVersioned,
    async getVersioned(scopeId, memberId) {
      const row = await prisma.memberScore.findUnique({ where: { scopeId_memberId: { scopeId, memberId } }, select: { state: true, version: true } });
      return row ? { state: toState(row.state), version: row.version } : undefined;
    },
    async listVersioned(scopeId) {
      const rows = await prisma.memberScore.findMany({ where: { scopeId }, select: { state: true, version: true } });
      return rows.map((r) => ({ state: toState(r.state), version: r.version }));
    },
    async getManyVersioned(keys): Promise<VersionedState[]> {
      if (keys.length === 0) return [];
      const rows = await query<{ state: unknown; version: number; writeId: string | null }>(
        `SELECT s."state", s."version", s."writeId" FROM "MemberScore" s
         JOIN jsonb_to_recordset($1::jsonb) AS k("scopeId" text, "memberId" text) ON s."scopeId" = k."scopeId" AND s."memberId" = k."memberId"`,
        [JSON.stringify(keys.map((k) => ({ scopeId: k.scopeId, memberId: k.memberId })))],
      );
      return rows.map((r) => ({ state: toState(r.state), version: Number(r.version), writeId: r.writeId }));
    },
    async get(scopeId, memberId) {
      const row = await prisma.memberScore.findUnique({ where: { scopeId_memberId: { scopeId, memberId } }, select: { state: true } });
      return row ? toState(row.state) : undefined;
    },
    put: (state) => putMany([state]),
    putMany,
    async list(scopeId) {
      const rows = await prisma.memberScore.findMany({ where: { scopeId }, select: { state: true } });
      return rows.map((r) => toState(r.state));
    },
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
    async putPairs(pairs: readonly PairCount[], keepFromDay: number) {
      for (let i = 0; i < pairs.length; i += CHUNK) {
        const rows = pairs.slice(i, i + CHUNK).map((p) => ({ ...p, ...pairMembers(p.pairKey) }));
        await query(
          `INSERT INTO "ScorePair" ("pairKey", "day", "count", "giverMemberId", "receiverMemberId")
           SELECT v."pairKey", v."day", v."count", v."giver", v."receiver"
           FROM jsonb_to_recordset($1::jsonb) AS v("pairKey" text, "day" int, "count" int, "giver" text, "receiver" text)
           ON CONFLICT ("pairKey", "day") DO UPDATE SET "count" = GREATEST("ScorePair"."count", EXCLUDED."count")`,
          [JSON.stringify(rows)],
        );
      }
      // Counters only matter for the day they count; older days are history nobody reads.
      await prisma.scorePair.deleteMany({ where: { day: { lt: keepFromDay - 1 } } });
    },
    async deleteMember(memberId) {
      await prisma.scorePair.deleteMany({ where: { OR: [{ giverMemberId: memberId }, { receiverMemberId: memberId }] } });
      const { count } = await prisma.memberScore.deleteMany({ where: { memberId } });
      return count;
    },
  };
}
