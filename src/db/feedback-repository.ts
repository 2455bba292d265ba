// Captured feedback (feature requests, complaints, praise), once per source message.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { FeedbackKind } from '../core/feedback/classify-feedback.ts';
import type { FeedbackRepository } from '../core/feedback/ports.ts';

export function createFeedbackRepository(prisma: PrismaClient): FeedbackRepository {
  return {
    async record(input) {
      const { count } = await prisma.feedbackItem.createMany({ data: [input], skipDuplicates: true });
      return count === 1;
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
