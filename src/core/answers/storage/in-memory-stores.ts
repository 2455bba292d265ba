// In-memory knowledge base and answer log with the same behaviour as the Prisma repositories:
// for unit tests and for timing the question -> reply path without a database (bench).
import type { KbEntry } from '../index.ts';
import type { AnswerLogRecord, AnswerLogRepository, AnswerReplyRecord, AnswerSettingsRecord, KnowledgeBaseRepository } from './ports.ts';

export function createInMemoryKnowledgeBase(): KnowledgeBaseRepository & { entries: Map<string, Map<string, KbEntry>>; settingsOf: Map<string, AnswerSettingsRecord> } {
  const entries = new Map<string, Map<string, KbEntry>>();
  const settingsOf = new Map<string, AnswerSettingsRecord>();
  const of = (communityId: string) => entries.get(communityId) ?? entries.set(communityId, new Map()).get(communityId)!;
  const settings = (communityId: string) => settingsOf.get(communityId) ?? settingsOf.set(communityId, { threshold: null, kbVersion: 0, feedbackVersion: 0 }).get(communityId)!;
  const bump = (communityId: string) => (settings(communityId).kbVersion += 1);
  const copy = (e: KbEntry): KbEntry => ({ ...e, phrasings: [...e.phrasings], tags: [...e.tags] });
  return {
    entries,
    settingsOf,
    async list(communityId) {
      return [...of(communityId).values()].map(copy);
    },
    async get(communityId, key) {
      const e = of(communityId).get(key);
      return e ? copy(e) : null;
    },
    async count(communityId) {
      return of(communityId).size;
    },
    async add(communityId, entry) {
      if (of(communityId).has(entry.id)) return { added: false, version: settings(communityId).kbVersion };
      of(communityId).set(entry.id, copy(entry));
      return { added: true, version: bump(communityId) };
    },
    async update(communityId, entry) {
      if (!of(communityId).has(entry.id)) return { updated: false, version: settings(communityId).kbVersion };
      of(communityId).set(entry.id, copy(entry));
      return { updated: true, version: bump(communityId) };
    },
    async remove(communityId, key) {
      if (!of(communityId).delete(key)) return { removed: false, version: settings(communityId).kbVersion };
      return { removed: true, version: bump(communityId) };
    },
    async importAll(communityId, list, options) {
      const map = of(communityId);
      const incoming = new Set(list.map((e) => e.id));
      const updated = list.filter((e) => map.has(e.id)).length;
      let removed = 0;
      if (options.replace) {
        for (const key of [...map.keys()]) if (!incoming.has(key) && map.delete(key)) removed += 1;
      }
      for (const e of list) map.set(e.id, copy(e));
      return { added: list.length - updated, updated, removed, version: bump(communityId) };
    },
    async settings(communityId) {
      return { ...settings(communityId) };
    },
    async setThreshold(communityId, threshold) {
      settings(communityId).threshold = threshold;
    },
    async touchFeedback(communityId) {
      return (settings(communityId).feedbackVersion += 1);
    },
  };
}

export function createInMemoryAnswerLog(): AnswerLogRepository & { logs: AnswerLogRecord[]; replyRows: AnswerReplyRecord[] } {
  const logs: AnswerLogRecord[] = [];
  const votes = new Map<string, { answerLogId: number; memberId: string; helpful: boolean; byAsker: boolean }>();
  const replyRows: AnswerReplyRecord[] = [];
  const ids = new Map<number, AnswerLogRecord>();
  const messages = new Set<string>();
  const byId = (id: number) => ids.get(id) ?? null;
  return {
    logs,
    replyRows,
    async record(input) {
      const key = `${input.communityId}\u0000${input.messageId}`;
      if (messages.has(key)) return null;
      const log: AnswerLogRecord = { ...input, id: logs.length + 1, replyMessageId: null, status: 'open' };
      messages.add(key);
      ids.set(log.id, log);
      logs.push(log);
      return { ...log };
    },
    async setReply(id, replyMessageId) {
      const log = byId(id);
      if (log) log.replyMessageId = replyMessageId;
    },
    async get(id) {
      const log = byId(id);
      return log ? { ...log } : null;
    },
    async findByMessage(communityId, messageId) {
      const log = logs.find((l) => l.communityId === communityId && l.status === 'open' && (l.messageId === messageId || l.replyMessageId === messageId));
      return log ? { ...log } : null;
    },
    async vote(input) {
      const key = `${input.answerLogId}|${input.memberId}`;
      const before = votes.get(key);
      votes.set(key, before ? { ...before, helpful: input.helpful } : { ...input });
      return { previous: before ? before.helpful : null };
    },
    async votes(answerLogId) {
      return [...votes.values()].filter((v) => v.answerLogId === answerLogId).map(({ memberId, helpful, byAsker }) => ({ memberId, helpful, byAsker }));
    },
    async addReply(input) {
      if (replyRows.some((r) => r.answerLogId === input.answerLogId && r.messageId === input.messageId)) return;
      replyRows.push({ ...input, id: replyRows.length + 1, reactions: 0 });
    },
    async reactToReply(messageId, delta) {
      for (const r of replyRows) if (r.messageId === messageId) r.reactions += delta;
    },
    async replies(ids) {
      return replyRows.filter((r) => ids.includes(r.answerLogId)).map((r) => ({ ...r }));
    },
    async openQuestions(communityId, limit) {
      const unhelpful = (id: number) => [...votes.values()].filter((v) => v.answerLogId === id && !v.helpful).length;
      return logs
        .filter((l) => l.communityId === communityId && l.status === 'open' && (!l.answered || unhelpful(l.id) > 0))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)
        .slice(0, limit)
        .map((l) => ({ ...l, unhelpfulVotes: unhelpful(l.id), replies: replyRows.filter((r) => r.answerLogId === l.id).length }));
    },
    async openWithSameQuestion(communityId, normalized) {
      return logs.filter((l) => l.communityId === communityId && l.status === 'open' && l.normalized === normalized).map((l) => ({ ...l }));
    },
    async setStatus(ids, status) {
      for (const l of logs) if (ids.includes(l.id)) l.status = status;
    },
    async negatives(communityId) {
      return [...votes.values()]
        .filter((v) => !v.helpful && v.byAsker)
        .map((v) => byId(v.answerLogId))
        .filter((l): l is AnswerLogRecord => l !== null && l.communityId === communityId && l.entryKey !== null)
        .map((l) => ({ entryKey: l.entryKey!, question: l.question }));
    },
  };
}
