// Activity events, stored once per platform event id, and their daily roll-up.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { ActivityInput, ActivityRepository, ActivityTotal } from '../core/ports.ts';
import { jsonParam, rawQueryOf, utc } from './raw-query.ts';

// Kinds that count as taking part in the conversation.
const CONTRIBUTION_KINDS = ['message', 'reply'];

export function createActivityRepository(prisma: PrismaClient): ActivityRepository {
  const query = rawQueryOf(prisma);
  const row = (input: ActivityInput) => ({
    platformEventId: input.platformEventId,
    communityId: input.communityId,
    memberId: input.memberId,
    channelId: input.channelId ?? null,
    kind: input.kind,
    occurredAt: input.occurredAt,
    weight: input.weight ?? 1,
    messageId: input.messageId ?? null,
    targetMemberId: input.targetMemberId ?? null,
    payload: input.payload === undefined ? null : jsonParam(input.payload),
  });
  return {
    async record(input) {
      // ON CONFLICT DO NOTHING on the unique platformEventId: a redelivered event is not stored again.
      const { payload: _payload, ...data } = row(input);
      const { count } = await prisma.activityEvent.createMany({ data: [data], skipDuplicates: true });
      return count === 1;
    },

    async recordMany(inputs) {
      if (inputs.length === 0) return new Map();
      // One INSERT ... ON CONFLICT DO NOTHING RETURNING: only the rows inserted now come back.
      // (Prisma's createManyAndReturn does the same but costs ~5x more per batch, which capped
      // history replays at a few hundred events per second; raw-query.ts says why it bypasses
      // Prisma altogether.) The rows travel as one JSON document, serialised once: as column
      // arrays, each payload was serialised and then escaped again as an array element, a fifth
      // of the time `bench replay` spent storing activity.
      const rows = inputs.map((input) => ({
        e: input.platformEventId,
        c: input.communityId,
        m: input.memberId,
        ch: input.channelId ?? null,
        k: input.kind,
        at: utc(input.occurredAt),
        w: input.weight ?? 1,
        msg: input.messageId ?? null,
        t: input.targetMemberId ?? null,
        p: input.payload ?? null,
      }));
      const inserted = await query<{ platformEventId: string; id: string | number | bigint }>(
        `INSERT INTO "ActivityEvent" ("platformEventId", "communityId", "memberId", "channelId", "kind", "occurredAt", "weight", "messageId", "targetMemberId", "payload")
         SELECT v."e", v."c", v."m", v."ch", v."k", v."at", v."w", v."msg", v."t", v."p"
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("e" text, "c" text, "m" text, "ch" text, "k" text, "at" timestamp(3), "w" double precision, "msg" text, "t" text, "p" jsonb))
           WITH ORDINALITY AS v("e", "c", "m", "ch", "k", "at", "w", "msg", "t", "p", "n")
         ORDER BY v."n"
         ON CONFLICT ("platformEventId") DO NOTHING
         RETURNING "platformEventId", "id"`,
        [jsonParam(rows)],
      );
      return new Map(inserted.map((r) => [r.platformEventId, Number(r.id)]));
    },

    async totals(communityId, options) {
      const groups = await prisma.activityEvent.groupBy({
        by: ['memberId'],
        where: {
          communityId,
          kind: { in: CONTRIBUTION_KINDS },
          ...(options.since ? { occurredAt: { gte: options.since } } : {}),
          ...(options.channelId ? { channelId: options.channelId } : {}),
          ...(options.excludeBots ?? true ? { member: { isBot: false } } : {}),
        },
        _count: { _all: true },
        _sum: { weight: true },
        orderBy: [{ _sum: { weight: 'desc' } }, { memberId: 'asc' }],
        take: options.limit,
      });
      const members = await prisma.member.findMany({ where: { id: { in: groups.map((g) => g.memberId) } }, select: { id: true, displayName: true } });
      const names = new Map(members.map((m) => [m.id, m.displayName]));
      return groups.map(
        (g): ActivityTotal => ({ memberId: g.memberId, displayName: names.get(g.memberId) ?? g.memberId, count: g._count._all, weight: g._sum.weight ?? 0 }),
      );
    },

    async rollUp(communityId, from, to, timeZone) {
      // Day boundaries follow the community's time zone; rerunning replaces the same rows.
      return prisma.$executeRaw`
        INSERT INTO "ActivityRollup" ("communityId", "memberId", "day", "kind", "count", "weight", "updatedAt")
        SELECT "communityId", "memberId", (("occurredAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone})::date, "kind", COUNT(*)::int, SUM("weight"), now()
        FROM "ActivityEvent"
        WHERE "communityId" = ${communityId} AND "occurredAt" >= ${from} AND "occurredAt" < ${to}
        GROUP BY 1, 2, 3, 4
        ON CONFLICT ("communityId", "memberId", "day", "kind") DO UPDATE SET "count" = EXCLUDED."count", "weight" = EXCLUDED."weight", "updatedAt" = now()`;
    },
  };
}
