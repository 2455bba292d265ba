// The suggestion queue in memory, with the same rules as the Prisma repository (unit tests); the
// notices an approval owes are written to `outbox` with its result.
import { createInMemoryNoticeOutbox } from '../outbox/in-memory-notice-outbox.ts';
import type { NoticeOutbox } from '../outbox/notices.ts';
import type { LearningRepository, SuggestionRecord } from './ports.ts';

export function createInMemorySuggestions(outbox: NoticeOutbox = createInMemoryNoticeOutbox()): LearningRepository & { all(): SuggestionRecord[]; outbox: NoticeOutbox } {
  const rows = new Map<number, SuggestionRecord>();
  let next = 1;
  const pendingOf = (communityId: string) => [...rows.values()].filter((r) => r.communityId === communityId && r.status === 'pending');
  return {
    all: () => [...rows.values()],
    outbox,
    async add(input) {
      if ([...rows.values()].some((r) => r.communityId === input.communityId && r.questionMessageId === input.questionMessageId)) return null;
      const row: SuggestionRecord = { ...input, answerMessageIds: [...input.answerMessageIds], id: next++, status: 'pending', resultKey: null, decidedBy: null, decidedAt: null };
      rows.set(row.id, row);
      return { ...row };
    },
    async addMany(inputs) {
      let stored = 0;
      for (const input of inputs) if (await this.add(input)) stored++;
      return stored;
    },
    async get(id) {
      const row = rows.get(id);
      return row ? { ...row } : null;
    },
    async pending(communityId, limit) {
      return pendingOf(communityId).slice(0, limit).map((r) => ({ ...r }));
    },
    async countPending(communityId) {
      return pendingOf(communityId).length;
    },
    async pendingWithMessage(communityId, messageId) {
      return pendingOf(communityId).filter((r) => r.questionMessageId === messageId || r.signalMessageId === messageId || r.answerMessageIds.includes(messageId)).map((r) => ({ ...r }));
    },
    async updateTexts(id, texts) {
      const row = rows.get(id);
      if (!row || row.status !== 'pending') return false;
      Object.assign(row, Object.fromEntries(Object.entries(texts).filter(([, v]) => v !== undefined)));
      return true;
    },
    async decide(id, decision) {
      const row = rows.get(id);
      if (!row || row.status !== 'pending') return false;
      Object.assign(row, { status: decision.status, decidedBy: decision.decidedBy, decidedAt: decision.decidedAt, resultKey: decision.resultKey ?? null });
      return true;
    },
    async setResult(id, resultKey, owed) {
      const row = rows.get(id);
      if (row) row.resultKey = resultKey;
      if (owed) await outbox.add(owed.notices, owed.at);
    },
    async reopen(id) {
      const row = rows.get(id);
      if (row) Object.assign(row, { status: 'pending', decidedBy: null, decidedAt: null, resultKey: null });
    },
    async removePending(id) {
      const row = rows.get(id);
      if (!row || row.status !== 'pending') return false;
      return rows.delete(id);
    },
    async eraseMember(memberId) {
      let n = 0;
      for (const [id, row] of rows) if (row.askerMemberId === memberId || row.creditedMemberId === memberId) n += Number(rows.delete(id));
      return n;
    },
  };
}
