// Captured feedback (feature requests, complaints, praise), once per source message.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { FeedbackKind } from '../core/feedback/classify-feedback.ts';
import type { FeedbackRepository } from '../core/feedback/ports.ts';
import { jsonParam, rawQueryOf, utc } from './raw-query.ts';

export function createFeedbackRepository(prisma: PrismaClient): FeedbackRepository {
  // Capture runs on the message path: one plain statement (raw-query.ts) instead of Prisma's createMany.
  const query = rawQueryOf(prisma);
  return {
    async record(input) {
      const rows = await query(
        `INSERT INTO "FeedbackItem" ("communityId", "memberId", "kind", "channelId", "messageId", "text", "keywords", "link", "occurredAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::timestamp(3))
         ON CONFLICT ("channelId", "messageId") DO NOTHING
         RETURNING 1`,
        [input.communityId, input.memberId, input.kind, input.channelId, input.messageId, input.text, jsonParam(input.keywords), input.link, utc(input.occurredAt)],
      );
      return rows.length === 1;
    },
    async list(communityId, since, until) {
      const rows = await prisma.feedbackItem.findMany({
        where: { communityId, occurredAt: { gte: since, lt: until } },
        include: { member: { select: { displayName: true } } },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map((r) => ({
        communityId: r.communityId,
        memberId: r.memberId,
        displayName: r.member.displayName,
        kind: r.kind as FeedbackKind,
        channelId: r.channelId,
        messageId: r.messageId,
        text: r.text,
        keywords: Array.isArray(r.keywords) ? (r.keywords as string[]) : [],
        link: r.link,
        occurredAt: r.occurredAt,
      }));
    },
  };
}
