// The funnel's storage: community brand settings, each member's stage, stage history and the
// brand talk that moved them.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { AmbassadorRepository, FunnelRecord } from '../core/ambassadors/ports.ts';
import { NO_BRAND_TALK, type BrandTalk } from '../core/ambassadors/funnel-rules.ts';
import { isStage, STAGES, type Reason, type Stage } from '../core/ambassadors/stages.ts';

type FunnelRow = { memberId: string; communityId: string; stage: string; stageSince: Date; lastBrandTalkAt: Date | null; reviewedAt: Date | null; member: { displayName: string } };

function toFunnel(row: FunnelRow): FunnelRecord {
  return {
    memberId: row.memberId,
    communityId: row.communityId,
    displayName: row.member.displayName,
    stage: isStage(row.stage) ? row.stage : 'newcomer',
    stageSince: row.stageSince,
    lastBrandTalkAt: row.lastBrandTalkAt,
    reviewedAt: row.reviewedAt,
  };
}

const KIND_FIELD: Record<string, keyof BrandTalk> = { recommendation: 'recommendations', defence: 'defences', praise: 'praise', complaint: 'complaints' };
const withName = { member: { select: { displayName: true } } } as const;

export function createAmbassadorRepository(prisma: PrismaClient): AmbassadorRepository {
  return {
    async settings(communityId) {
      const row = await prisma.ambassadorSettings.findUnique({ where: { communityId } });
      return { brandNames: Array.isArray(row?.brandNames) ? (row.brandNames as string[]) : [], digestChannelId: row?.digestChannelId ?? null };
    },
    async setBrandNames(communityId, names) {
      await prisma.ambassadorSettings.upsert({ where: { communityId }, create: { communityId, brandNames: names }, update: { brandNames: names } });
    },
    async setDigestChannel(communityId, channelId) {
      await prisma.ambassadorSettings.upsert({ where: { communityId }, create: { communityId, brandNames: [], digestChannelId: channelId }, update: { digestChannelId: channelId } });
    },
    async digestSchedules() {
      const rows = await prisma.ambassadorSettings.findMany({ where: { digestChannelId: { not: null } }, select: { communityId: true, digestChannelId: true } });
      return rows.map((r) => ({ communityId: r.communityId, channelId: r.digestChannelId! }));
    },
    async getFunnel(memberId) {
      const row = await prisma.memberFunnel.findUnique({ where: { memberId }, include: withName });
      return row ? toFunnel(row) : null;
    },
    async changeStage(change) {
      return prisma.$transaction(async (tx) => {
        if (change.from === 'newcomer') {
          // A newcomer may have no row yet; create it in the newcomer stage first.
          await tx.memberFunnel.createMany({ data: [{ memberId: change.memberId, communityId: change.communityId, stage: 'newcomer', stageSince: change.at }], skipDuplicates: true });
        }
        const { count } = await tx.memberFunnel.updateMany({
          where: { memberId: change.memberId, stage: change.from },
          data: { stage: change.to, stageSince: change.at, ...(change.cause === 'review' ? { reviewedAt: change.at } : {}) },
        });
        if (count !== 1) return false;
        await tx.funnelChange.create({
          data: { communityId: change.communityId, memberId: change.memberId, fromStage: change.from, toStage: change.to, reasons: change.reasons as unknown as object, cause: change.cause, at: change.at },
        });
        return true;
      });
    },
    async markReviewed(memberIds, at) {
      if (memberIds.length > 0) await prisma.memberFunnel.updateMany({ where: { memberId: { in: memberIds } }, data: { reviewedAt: at } });
    },
    async recordBrandTalk(input) {
      const { count } = await prisma.brandMention.createMany({ data: [input], skipDuplicates: true });
      if (count === 1) {
        await prisma.memberFunnel.upsert({
          where: { memberId: input.memberId },
          create: { memberId: input.memberId, communityId: input.communityId, stage: 'newcomer', stageSince: input.occurredAt, lastBrandTalkAt: input.occurredAt },
          update: { lastBrandTalkAt: input.occurredAt },
        });
      }
      return count === 1;
    },
    async brandTalk(memberId, since) {
      const rows = await prisma.$queryRaw<Array<{ kind: string; days: number }>>`
        SELECT "kind", COUNT(DISTINCT date_trunc('day', "occurredAt"))::int AS days
        FROM "BrandMention" WHERE "memberId" = ${memberId} AND "occurredAt" >= ${since} GROUP BY "kind"`;
      const talk: BrandTalk = { ...NO_BRAND_TALK };
      for (const row of rows) {
        const field = KIND_FIELD[row.kind];
        if (field) talk[field] = Number(row.days);
      }
      return talk;
    },
    async activeDays(memberId, since, until) {
      const [row] = await prisma.$queryRaw<Array<{ days: number }>>`
        SELECT COUNT(DISTINCT date_trunc('day', "occurredAt"))::int AS days FROM "ActivityEvent"
        WHERE "memberId" = ${memberId} AND "kind" IN ('message', 'reply') AND "occurredAt" >= ${since} AND "occurredAt" < ${until}`;
      return Number(row?.days ?? 0);
    },
    async listStages(communityId, stages) {
      const wanted = stages ?? STAGES.filter((s) => s !== 'newcomer');
      const rows = await prisma.memberFunnel.findMany({ where: { communityId, stage: { in: [...wanted] } }, include: withName });
      const records = rows.map(toFunnel);
      if (wanted.includes('newcomer')) {
        // A member the funnel has not evaluated yet is a newcomer (as /member says), from when they joined.
        const unevaluated = await prisma.member.findMany({ where: { communityId, isBot: false, funnel: { is: null } }, select: { id: true, displayName: true, joinedAt: true } });
        for (const m of unevaluated) records.push({ memberId: m.id, communityId, displayName: m.displayName, stage: 'newcomer', stageSince: m.joinedAt, lastBrandTalkAt: null, reviewedAt: null });
      }
      const order = (stage: string) => STAGES.indexOf(stage as Stage);
      return records.sort((a, b) => order(b.stage) - order(a.stage) || a.stageSince.getTime() - b.stageSince.getTime());
    },
    async history(memberId) {
      const rows = await prisma.funnelChange.findMany({ where: { memberId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
      return rows.map((r) => ({
        memberId: r.memberId,
        fromStage: isStage(r.fromStage) ? r.fromStage : 'newcomer',
        toStage: isStage(r.toStage) ? r.toStage : 'newcomer',
        reasons: r.reasons as unknown as Reason[],
        cause: r.cause === 'review' ? 'review' : 'promotion',
        at: r.at,
      }));
    },
  };
}
