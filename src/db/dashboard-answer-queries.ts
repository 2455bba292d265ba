// Dashboard panels read from the answers feature's tables: questions asked, answered by Rapport,
// answered by members (someone other than the asker replied in the thread, whether or not Rapport
// answered too: a member's answer after Rapport's is still an answer) and unanswered (neither)
// (AnswerLog, AnswerReply); the most-asked unanswered questions and the entries with the most
// "Didn't help" (AnswerVote, KnowledgeEntry). Questions of members who opted out of profiling are
// left out.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { DashboardPeriod, KnowledgeBaseData, QuestionStats } from '../core/dashboard/ports.ts';

const LIST_SIZE = 20;

async function usesAnswers(prisma: PrismaClient, communityId: string): Promise<boolean> {
  const [entries, logs] = await Promise.all([prisma.knowledgeEntry.count({ where: { communityId } }), prisma.answerLog.count({ where: { communityId } })]);
  return entries > 0 || logs > 0;
}

/** null when the community has neither a knowledge base nor a logged question. */
export async function queryQuestionStats(prisma: PrismaClient, communityId: string, period: DashboardPeriod): Promise<QuestionStats | null> {
  if (!(await usesAnswers(prisma, communityId))) return null;
  const [row] = await prisma.$queryRaw<QuestionStats[]>`
    SELECT COUNT(*)::int AS "asked",
           (COUNT(*) FILTER (WHERE l."answered"))::int AS "answeredByRapport",
           (COUNT(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM "AnswerReply" r WHERE r."answerLogId" = l."id" AND r."authorId" <> l."askerMemberId")))::int AS "answeredByMembers",
           (COUNT(*) FILTER (WHERE NOT l."answered" AND NOT EXISTS (
              SELECT 1 FROM "AnswerReply" r WHERE r."answerLogId" = l."id" AND r."authorId" <> l."askerMemberId")))::int AS "unanswered"
    FROM "AnswerLog" l
    WHERE l."communityId" = ${communityId} AND l."createdAt" >= ${period.from} AND l."createdAt" < ${period.to}
      AND NOT EXISTS (SELECT 1 FROM "PrivacyPreference" p WHERE p."memberId" = l."askerMemberId" AND p."noProfiling")`;
  const asked = row?.asked ?? 0;
  const answeredByRapport = row?.answeredByRapport ?? 0;
  const answeredByMembers = row?.answeredByMembers ?? 0;
  return { asked, answeredByRapport, answeredByMembers, unanswered: row?.unanswered ?? 0 };
}

export async function queryKnowledgeBase(prisma: PrismaClient, communityId: string, period: DashboardPeriod): Promise<KnowledgeBaseData> {
  if (!(await usesAnswers(prisma, communityId))) return { available: false, unanswered: [], unhelpful: [] };
  const unanswered = await prisma.$queryRaw<Array<{ question: string; count: number; lastAskedAt: Date }>>`
    SELECT (ARRAY_AGG(l."question" ORDER BY l."createdAt" DESC))[1] AS "question", COUNT(*)::int AS "count", MAX(l."createdAt") AS "lastAskedAt"
    FROM "AnswerLog" l
    WHERE l."communityId" = ${communityId} AND NOT l."answered" AND l."status" = 'open'
      AND l."createdAt" >= ${period.from} AND l."createdAt" < ${period.to}
      AND NOT EXISTS (SELECT 1 FROM "PrivacyPreference" p WHERE p."memberId" = l."askerMemberId" AND p."noProfiling")
    GROUP BY l."normalized"
    ORDER BY 2 DESC, 3 DESC
    LIMIT ${LIST_SIZE}`;
  const unhelpful = await prisma.$queryRaw<Array<{ entryId: string; question: string | null; notHelpful: number; helped: number }>>`
    SELECT l."entryKey" AS "entryId", MAX(k."question") AS "question",
           (COUNT(*) FILTER (WHERE NOT v."helpful"))::int AS "notHelpful",
           (COUNT(*) FILTER (WHERE v."helpful"))::int AS "helped"
    FROM "AnswerVote" v
      JOIN "AnswerLog" l ON l."id" = v."answerLogId"
      LEFT JOIN "KnowledgeEntry" k ON k."communityId" = l."communityId" AND k."key" = l."entryKey"
    WHERE l."communityId" = ${communityId} AND l."answered" AND l."entryKey" IS NOT NULL
      AND l."createdAt" >= ${period.from} AND l."createdAt" < ${period.to}
    GROUP BY l."entryKey"
    HAVING COUNT(*) FILTER (WHERE NOT v."helpful") > 0
    ORDER BY 3 DESC, 4 ASC, 1 ASC
    LIMIT ${LIST_SIZE}`;
  return {
    available: true,
    unanswered,
    unhelpful: unhelpful.map((u) => ({ entryId: u.entryId, question: u.question ?? u.entryId, notHelpful: u.notHelpful, helped: u.helped })),
  };
}
