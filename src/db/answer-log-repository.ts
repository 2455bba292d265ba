// The questions Rapport considered, the votes on its answers and members' replies in the
// questions' threads: what the unanswered list, adoption and learning read.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { AnswerLogRecord, AnswerLogRepository, AnswerLogStatus } from '../core/answers/storage/ports.ts';
import { rawQueryOf, utc } from './raw-query.ts';

type LogRow = Omit<AnswerLogRecord, 'status'> & { status: string };

const toLog = (row: LogRow): AnswerLogRecord => ({
  id: row.id,
  communityId: row.communityId,
  channelId: row.channelId,
  messageId: row.messageId,
  askerMemberId: row.askerMemberId,
  question: row.question,
  normalized: row.normalized,
  entryKey: row.entryKey,
  confidence: row.confidence,
  answered: row.answered,
  replyMessageId: row.replyMessageId,
  status: (row.status === 'adopted' || row.status === 'dismissed' ? row.status : 'open') satisfies AnswerLogStatus,
  createdAt: row.createdAt,
});

export function createAnswerLogRepository(prisma: PrismaClient): AnswerLogRepository {
  const query = rawQueryOf(prisma);
  return {
    async record(input) {
      // One round trip on the question -> reply path; a redelivered message hits the unique key.
      // Plain SQL: this runs for every question, and Prisma's planned create costs several times more.
      const rows = await prisma.$queryRaw<LogRow[]>`
        INSERT INTO "AnswerLog" ("communityId", "channelId", "messageId", "askerMemberId", "question", "normalized", "entryKey", "confidence", "answered", "createdAt")
        VALUES (${input.communityId}, ${input.channelId}, ${input.messageId}, ${input.askerMemberId}, ${input.question}, ${input.normalized},
                ${input.entryKey}, ${input.confidence}, ${input.answered}, ${input.createdAt ?? new Date()})
        ON CONFLICT ("communityId", "messageId") DO NOTHING
        RETURNING *`;
      return rows[0] ? toLog(rows[0]) : null;
    },
    async recordMany(inputs) {
      if (inputs.length === 0) return 0;
      // One multi-row INSERT over column arrays for the questions written behind (answer-log-buffer.ts),
      // outside Prisma (raw-query.ts).
      // A redelivered message hits the unique key; a row whose asker was erased (privacy) while it
      // waited is skipped instead of failing the whole batch on the foreign key.
      const inserted = await query(
        `INSERT INTO "AnswerLog" ("communityId", "channelId", "messageId", "askerMemberId", "question", "normalized", "entryKey", "confidence", "answered", "createdAt")
         SELECT v.* FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::double precision[], $9::boolean[], $10::timestamp(3)[])
           AS v("communityId", "channelId", "messageId", "askerMemberId", "question", "normalized", "entryKey", "confidence", "answered", "createdAt")
         WHERE EXISTS (SELECT 1 FROM "Member" m WHERE m."id" = v."askerMemberId")
         ON CONFLICT ("communityId", "messageId") DO NOTHING
         RETURNING 1`,
        [
          inputs.map((i) => i.communityId),
          inputs.map((i) => i.channelId),
          inputs.map((i) => i.messageId),
          inputs.map((i) => i.askerMemberId),
          inputs.map((i) => i.question),
          inputs.map((i) => i.normalized),
          inputs.map((i) => i.entryKey),
          inputs.map((i) => i.confidence),
          inputs.map((i) => i.answered),
          inputs.map((i) => utc(i.createdAt)),
        ],
      );
      return inserted.length;
    },
    async setReply(id, replyMessageId) {
      await prisma.answerLog.update({ where: { id }, data: { replyMessageId } });
    },
    async get(id) {
      const row = await prisma.answerLog.findUnique({ where: { id } });
      return row ? toLog(row) : null;
    },
    async findByMessage(communityId, messageId) {
      const row = await prisma.answerLog.findFirst({ where: { communityId, status: 'open', OR: [{ messageId }, { replyMessageId: messageId }] } });
      return row ? toLog(row) : null;
    },
    async vote({ answerLogId, memberId, helpful, byAsker }) {
      return prisma.$transaction(async (tx) => {
        const before = await tx.answerVote.findUnique({ where: { answerLogId_memberId: { answerLogId, memberId } } });
        await tx.answerVote.upsert({ where: { answerLogId_memberId: { answerLogId, memberId } }, create: { answerLogId, memberId, helpful, byAsker }, update: { helpful } });
        return { previous: before ? before.helpful : null };
      });
    },
    async votes(answerLogId) {
      return prisma.answerVote.findMany({ where: { answerLogId }, select: { memberId: true, helpful: true, byAsker: true }, orderBy: { createdAt: 'asc' } });
    },
    async addReply(input) {
      await prisma.answerReply.createMany({ data: [input], skipDuplicates: true });
    },
    async addReplies(inputs) {
      if (inputs.length === 0) return 0;
      // One statement for the candidate replies written behind (answer-log-buffer.ts): each finds
      // its open log as findByMessage does (the question, or Rapport's reply to it) and is checked
      // as answer-feedback.ts checked it one by one; a reply whose author was erased meanwhile is skipped.
      const inserted = await query(
        `INSERT INTO "AnswerReply" ("answerLogId", "authorId", "messageId", "text", "createdAt")
         SELECT l."id", v."authorId", v."messageId", v."text", v."createdAt"
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamp(3)[], $7::boolean[]) WITH ORDINALITY
             AS v("communityId", "parentMessageId", "authorId", "messageId", "text", "createdAt", "notByAsker", "n")
           CROSS JOIN LATERAL (
             -- Two index lookups (by question, by Rapport's reply) rather than one OR, which scans;
             -- OFFSET 0 keeps the second on the replyMessageId index (filtering a community's open
             -- questions by it instead scanned thousands of rows for a parent that is no question).
             (SELECT a."id", a."messageId", a."askerMemberId" FROM "AnswerLog" a
               WHERE a."communityId" = v."communityId" AND a."messageId" = v."parentMessageId" AND a."status" = 'open')
             UNION ALL
             (SELECT r."id", r."messageId", r."askerMemberId"
                FROM (SELECT a."id", a."messageId", a."askerMemberId", a."communityId", a."status" FROM "AnswerLog" a WHERE a."replyMessageId" = v."parentMessageId" OFFSET 0) r
               WHERE r."communityId" = v."communityId" AND r."status" = 'open')
             LIMIT 1) l
          WHERE l."messageId" <> v."messageId" AND NOT (v."notByAsker" AND l."askerMemberId" = v."authorId")
            AND EXISTS (SELECT 1 FROM "Member" m WHERE m."id" = v."authorId")
          ORDER BY v."n"
         ON CONFLICT ("answerLogId", "messageId") DO NOTHING
         RETURNING 1`,
        [
          inputs.map((i) => i.communityId),
          inputs.map((i) => i.parentMessageId),
          inputs.map((i) => i.authorId),
          inputs.map((i) => i.messageId),
          inputs.map((i) => i.text),
          inputs.map((i) => utc(i.createdAt)),
          inputs.map((i) => i.notByAsker),
        ],
      );
      return inserted.length;
    },
    async reactToReply(messageId, delta) {
      await prisma.answerReply.updateMany({ where: { messageId }, data: { reactions: { increment: delta } } });
    },
    async replies(answerLogIds) {
      if (answerLogIds.length === 0) return [];
      return prisma.answerReply.findMany({ where: { answerLogId: { in: answerLogIds } }, orderBy: { createdAt: 'asc' } });
    },
    async openQuestions(communityId, limit) {
      const rows = await prisma.answerLog.findMany({
        where: { communityId, status: 'open', OR: [{ answered: false }, { votes: { some: { helpful: false } } }] },
        orderBy: { createdAt: 'desc' },
        take: limit,
        include: { _count: { select: { replies: true, votes: { where: { helpful: false } } } } },
      });
      return rows.map(({ _count, ...row }) => ({ ...toLog(row), unhelpfulVotes: _count.votes, replies: _count.replies }));
    },
    async openWithSameQuestion(communityId, normalized) {
      return (await prisma.answerLog.findMany({ where: { communityId, normalized, status: 'open' }, orderBy: { createdAt: 'asc' } })).map(toLog);
    },
    async setStatus(ids, status) {
      if (ids.length > 0) await prisma.answerLog.updateMany({ where: { id: { in: ids } }, data: { status } });
    },
    async negatives(communityId) {
      const rows = await prisma.answerVote.findMany({
        where: { helpful: false, byAsker: true, answerLog: { communityId, entryKey: { not: null } } },
        select: { answerLog: { select: { entryKey: true, question: true } } },
      });
      return rows.map((r) => ({ entryKey: r.answerLog.entryKey!, question: r.answerLog.question }));
    },
  };
}
