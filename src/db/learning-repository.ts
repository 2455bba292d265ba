// The learning suggestion queue (LearningSuggestion). Decisions are conditional updates on
// status = 'pending', so two moderators pressing Approve at once write the entry once.
import { Prisma, type PrismaClient } from '../../prisma/generated/client.ts';
import { noticeRows } from './notice-outbox-repository.ts';
import { jsonParam, rawQueryOf, utc } from './raw-query.ts';
import type { LearningRepository, SuggestionRecord } from '../core/learning/ports.ts';
import type { SuggestionSignal } from '../core/learning/miner-types.ts';

type Row = Awaited<ReturnType<PrismaClient['learningSuggestion']['findUniqueOrThrow']>>;

const SIGNALS: readonly SuggestionSignal[] = ['thanks', 'check-mark', 'saved', 'solved-tag'];

const toRecord = (row: Row): SuggestionRecord => ({
  ...row,
  signal: SIGNALS.find((s) => s === row.signal) ?? 'thanks',
  language: row.language === 'bg' ? 'bg' : 'en',
  status: row.status === 'approved' || row.status === 'rejected' ? row.status : 'pending',
});

export function createLearningRepository(prisma: PrismaClient): LearningRepository {
  const table = prisma.learningSuggestion;
  return {
    async add(input) {
      try {
        return toRecord(await table.create({ data: input }));
      } catch (error) {
        // The unique (communityId, questionMessageId): this question has its suggestion already.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return null;
        throw error;
      }
    },
    async addMany(inputs) {
      if (inputs.length === 0) return 0;
      // One INSERT ... ON CONFLICT DO NOTHING: a question that has its suggestion already is skipped,
      // as in add. It runs once per batch of a history replay, so it skips Prisma like the activity
      // insert (raw-query.ts): through createMany it was ~13 ms of CPU per batch.
      const rows = inputs.map((i) => ({
        c: i.communityId, ch: i.channelId, q: i.questionMessageId, a: i.askerMemberId, cr: i.creditedMemberId, qt: i.questionText, at: i.answerText,
        ids: i.answerMessageIds, s: i.signal, sm: i.signalMessageId, l: i.language, im: i.imported, e: i.entryKey, t: utc(i.createdAt),
      }));
      const inserted = await rawQueryOf(prisma)(
        `INSERT INTO "LearningSuggestion" ("communityId", "channelId", "questionMessageId", "askerMemberId", "creditedMemberId", "questionText", "answerText", "answerMessageIds", "signal", "signalMessageId", "language", "imported", "entryKey", "createdAt")
         SELECT v."c", v."ch", v."q", v."a", v."cr", v."qt", v."at", v."ids", v."s", v."sm", v."l", v."im", v."e", v."t"
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("c" text, "ch" text, "q" text, "a" text, "cr" text, "qt" text, "at" text, "ids" text[], "s" text, "sm" text, "l" text, "im" boolean, "e" text, "t" timestamp(3)))
           WITH ORDINALITY AS v("c", "ch", "q", "a", "cr", "qt", "at", "ids", "s", "sm", "l", "im", "e", "t", "n")
         ORDER BY v."n"
         ON CONFLICT ("communityId", "questionMessageId") DO NOTHING
         RETURNING "id"`,
        [jsonParam(rows)],
      );
      return inserted.length;
    },
    async get(id) {
      const row = await table.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async pending(communityId, limit) {
      return (await table.findMany({ where: { communityId, status: 'pending' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: limit })).map(toRecord);
    },
    countPending: (communityId) => table.count({ where: { communityId, status: 'pending' } }),
    async pendingWithMessage(communityId, messageId) {
      const rows = await table.findMany({
        where: { communityId, status: 'pending', OR: [{ questionMessageId: messageId }, { signalMessageId: messageId }, { answerMessageIds: { has: messageId } }] },
      });
      return rows.map(toRecord);
    },
    async updateTexts(id, texts) {
      const data = Object.fromEntries(Object.entries(texts).filter(([, v]) => v !== undefined));
      return (await table.updateMany({ where: { id, status: 'pending' }, data })).count === 1;
    },
    async decide(id, decision) {
      const { count } = await table.updateMany({
        where: { id, status: 'pending' },
        data: { status: decision.status, decidedBy: decision.decidedBy, decidedAt: decision.decidedAt, resultKey: decision.resultKey ?? null },
      });
      return count === 1;
    },
    async setResult(id, resultKey, owed) {
      if (!owed?.notices.length) {
        await table.update({ where: { id }, data: { resultKey } });
        return;
      }
      await prisma.$transaction(async (tx) => {
        await tx.learningSuggestion.update({ where: { id }, data: { resultKey } });
        await tx.outbox.createMany({ data: noticeRows(owed.notices, owed.at), skipDuplicates: true });
      });
    },
    async reopen(id) {
      await table.updateMany({ where: { id }, data: { status: 'pending', decidedBy: null, decidedAt: null, resultKey: null } });
    },
    async removePending(id) {
      return (await table.deleteMany({ where: { id, status: 'pending' } })).count === 1;
    },
    async eraseMember(memberId) {
      return (await table.deleteMany({ where: { OR: [{ askerMemberId: memberId }, { creditedMemberId: memberId }] } })).count;
    },
  };
}
