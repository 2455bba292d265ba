// Routing's storage in PostgreSQL / PGlite (see src/core/routing/ports.ts for the contract).
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { MessagePosted } from '../core/events.ts';
import { rawQueryOf, utc } from './raw-query.ts';
import { noticeRows } from './notice-outbox-repository.ts';
import { DEFAULT_ROUTING_SETTINGS, type HandoffRecord, type HandoffStatus, type RoutingQuestionRecord, type RoutingQuestionStatus, type RoutingRepository, type RoutingSettingsRecord } from '../core/routing/ports.ts';

const toSettings = (row: { enabled: boolean; delayMinutes: number; mode: string; dailyLimit: number; channels: string[] }): RoutingSettingsRecord => ({
  enabled: row.enabled,
  delayMinutes: row.delayMinutes,
  mode: row.mode === 'dm' ? 'dm' : 'mention',
  dailyLimit: row.dailyLimit,
  channels: [...row.channels],
});

type QuestionRow = Omit<RoutingQuestionRecord, 'status'> & { status: string; checkedAt: Date | null };
const toQuestion = ({ checkedAt: _checked, ...row }: QuestionRow): RoutingQuestionRecord => ({ ...row, status: row.status as RoutingQuestionStatus });

type HandoffRow = Omit<HandoffRecord, 'status'> & { status: string; closedAt: Date | null; closerMemberId: string | null };
const toHandoff = ({ closedAt: _c, closerMemberId: _m, ...row }: HandoffRow): HandoffRecord => ({ ...row, status: row.status as HandoffStatus });

/** ActivityEvent kinds of a posted message (activity-of.ts). */
const MESSAGE_KINDS = `('message', 'reply')`;
/** The timestamp (stored in UTC, without a zone) as ISO text, whatever the driver does with dates. */
const AT_TEXT = `to_char("occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export function createRoutingRepository(prisma: PrismaClient): RoutingRepository {
  const query = rawQueryOf(prisma);
  return {
    async settings(communityId) {
      const row = await prisma.routingSettings.findUnique({ where: { communityId } });
      return row ? toSettings(row) : { ...DEFAULT_ROUTING_SETTINGS, channels: [] };
    },
    async saveSettings(communityId, patch) {
      const row = await prisma.routingSettings.upsert({ where: { communityId }, create: { communityId, ...DEFAULT_ROUTING_SETTINGS, ...patch }, update: patch });
      return toSettings(row);
    },
    async recordQuestion(input) {
      const { count } = await prisma.routingQuestion.createMany({ data: [input], skipDuplicates: true });
      if (count === 0) return null;
      const row = await prisma.routingQuestion.findUnique({ where: { communityId_messageId: { communityId: input.communityId, messageId: input.messageId } } });
      return row ? toQuestion(row) : null;
    },
    async getQuestion(id) {
      const row = await prisma.routingQuestion.findUnique({ where: { id } });
      return row ? toQuestion(row) : null;
    },
    async moveQuestion(id, from, to, at, notices = []) {
      const move = (tx: Pick<PrismaClient, 'routingQuestion'>) => tx.routingQuestion.updateMany({ where: { id, status: from }, data: { status: to, checkedAt: at } });
      if (notices.length === 0) return (await move(prisma)).count === 1;
      return prisma.$transaction(async (tx) => {
        if ((await move(tx)).count !== 1) return false;
        await tx.outbox.createMany({ data: noticeRows(notices, at), skipDuplicates: true });
        return true;
      });
    },
    async markAnswered(communityId, match) {
      const where = 'messageId' in match
        ? { communityId, messageId: match.messageId, status: 'waiting' }
        : { communityId, channelId: match.channelId, askerMemberId: match.askerMemberId, askedAt: { gte: match.since }, status: 'waiting' };
      const { count } = await prisma.routingQuestion.updateMany({ where, data: { status: 'answered' } });
      return count;
    },
    async asksOn(communityId, helperIds, day) {
      const rows = await prisma.routingAsk.groupBy({ by: ['helperMemberId'], where: { communityId, day, helperMemberId: { in: [...helperIds] } }, _count: { _all: true } });
      return new Map(rows.map((r) => [r.helperMemberId, r._count._all]));
    },
    async recordAsk(input) {
      const { count } = await prisma.routingAsk.createMany({ data: [input], skipDuplicates: true });
      return count === 1;
    },
    async mentionOptOuts(communityId) {
      const rows = await prisma.routingOptOut.findMany({ where: { communityId, noMentions: true }, select: { memberId: true } });
      return new Set(rows.map((r) => r.memberId));
    },
    async setMentionOptOut(memberId, communityId, optedOut) {
      await prisma.routingOptOut.upsert({ where: { memberId }, create: { memberId, communityId, noMentions: optedOut }, update: { noMentions: optedOut } });
    },
    async openHandoff(input, notices = []) {
      // One open hand-off per thread: look first, inside a transaction with the insert and its notices.
      return prisma.$transaction(async (tx) => {
        const open = await tx.handoff.findFirst({ where: { communityId: input.communityId, channelId: input.channelId, threadOf: input.threadOf, status: 'open' } });
        if (open) return { handoff: toHandoff(open), created: false };
        const created = await tx.handoff.create({ data: input });
        if (notices.length > 0) await tx.outbox.createMany({ data: noticeRows(notices, input.openedAt), skipDuplicates: true });
        return { handoff: toHandoff(created), created: true };
      });
    },
    async openHandoffFor(communityId, channelId, threadOf) {
      const row = await prisma.handoff.findFirst({ where: { communityId, channelId, threadOf, status: 'open' } });
      return row ? toHandoff(row) : null;
    },
    async getHandoff(id) {
      const row = await prisma.handoff.findUnique({ where: { id } });
      return row ? toHandoff(row) : null;
    },
    async openHandoffs(communityId) {
      return (await prisma.handoff.findMany({ where: { communityId, status: 'open' }, orderBy: { openedAt: 'asc' }, take: 50 })).map(toHandoff);
    },
    async endHandoff(id, status, byMemberId, at) {
      const { count } = await prisma.handoff.updateMany({ where: { id, status: 'open' }, data: { status, closedAt: at, closerMemberId: byMemberId } });
      return count === 1;
    },
    async latestQuestion(communityId, channelId, askerMemberId, since) {
      const where = { communityId, channelId, askerMemberId };
      const [logged, routed] = await Promise.all([
        prisma.answerLog.findFirst({ where: { ...where, createdAt: { gte: since } }, orderBy: { createdAt: 'desc' }, select: { messageId: true, question: true, createdAt: true } }),
        prisma.routingQuestion.findFirst({ where: { ...where, askedAt: { gte: since } }, orderBy: { askedAt: 'desc' }, select: { messageId: true, question: true, askedAt: true } }),
      ]);
      const best = logged && (!routed || logged.createdAt >= routed.askedAt) ? logged : routed;
      return best ? { messageId: best.messageId, question: best.question } : null;
    },
    async messageCommunities(since) {
      const rows = await query<{ communityId: string }>(`SELECT DISTINCT "communityId" FROM "ActivityEvent" WHERE "occurredAt" >= $1::timestamp AND "kind" IN ${MESSAGE_KINDS} ORDER BY "communityId"`, [utc(since)]);
      return rows.map((r) => r.communityId);
    },
    async messageWindowStart(communityId, since, maxMessages) {
      const [row] = await query<{ at: string }>(
        `SELECT ${AT_TEXT} AS "at" FROM "ActivityEvent" WHERE "communityId" = $1 AND "occurredAt" >= $2::timestamp AND "kind" IN ${MESSAGE_KINDS}
         ORDER BY "occurredAt" DESC, "id" DESC OFFSET $3 LIMIT 1`,
        [communityId, utc(since), Math.max(0, maxMessages - 1)],
      );
      return row ? new Date(row.at) : since;
    },
    async storedMessages(communityId, since, after, limit) {
      const rows = await query<{ id: string | number; at: string; payload: unknown }>(
        `SELECT "id", ${AT_TEXT} AS "at", "payload" FROM "ActivityEvent"
         WHERE "communityId" = $1 AND "occurredAt" >= $2::timestamp AND "kind" IN ${MESSAGE_KINDS} AND "payload" IS NOT NULL
           AND ($3::timestamp IS NULL OR ("occurredAt", "id") > ($3::timestamp, $4::bigint))
         ORDER BY "occurredAt", "id" LIMIT $5`,
        [communityId, utc(since), after ? utc(after.at) : null, after ? after.id : '0', limit],
      );
      return rows.map((r) => {
        const payload = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as MessagePosted & { occurredAt: string };
        return { cursor: { at: new Date(r.at), id: String(r.id) }, event: { ...payload, occurredAt: new Date(payload.occurredAt) } };
      });
    },
    async moderators(communityId) {
      const rows = await prisma.member.findMany({ where: { communityId, isModerator: true, isBot: false }, select: { id: true }, orderBy: { id: 'asc' }, take: 10 });
      return rows.map((r) => r.id);
    },
  };
}

