// Each community's knowledge base and answer settings. Every change bumps AnswerSettings.kbVersion
// in the same transaction, so a process holding an index in memory can tell it is stale with one
// cheap read. Imports are one transaction: a file is written completely or not at all.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { KbEntry } from '../core/answers/index.ts';
import type { KnowledgeBaseRepository } from '../core/answers/storage/ports.ts';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

interface Row {
  key: string;
  question: string;
  answer: string;
  phrasings: unknown;
  tags: unknown;
  language: string;
}

const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export const toEntry = (row: Row): KbEntry => ({
  id: row.key,
  question: row.question,
  answer: row.answer,
  phrasings: texts(row.phrasings),
  tags: texts(row.tags),
  language: row.language === 'bg' ? 'bg' : 'en',
});

const toData = (communityId: string, entry: KbEntry) => ({
  communityId,
  key: entry.id,
  question: entry.question,
  answer: entry.answer,
  phrasings: entry.phrasings,
  tags: entry.tags,
  language: entry.language,
});

async function bump(tx: Tx, communityId: string): Promise<number> {
  const row = await tx.answerSettings.upsert({ where: { communityId }, create: { communityId, kbVersion: 1 }, update: { kbVersion: { increment: 1 } } });
  return row.kbVersion;
}

async function currentVersion(prisma: PrismaClient | Tx, communityId: string): Promise<number> {
  return (await prisma.answerSettings.findUnique({ where: { communityId }, select: { kbVersion: true } }))?.kbVersion ?? 0;
}

export function createKnowledgeBaseRepository(prisma: PrismaClient): KnowledgeBaseRepository {
  return {
    async list(communityId) {
      return (await prisma.knowledgeEntry.findMany({ where: { communityId }, orderBy: [{ createdAt: 'asc' }, { key: 'asc' }] })).map(toEntry);
    },
    async get(communityId, key) {
      const row = await prisma.knowledgeEntry.findUnique({ where: { communityId_key: { communityId, key } } });
      return row ? toEntry(row) : null;
    },
    count: (communityId) => prisma.knowledgeEntry.count({ where: { communityId } }),
    async add(communityId, entry) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.knowledgeEntry.createMany({ data: [toData(communityId, entry)], skipDuplicates: true });
        if (count === 0) return { added: false, version: await currentVersion(tx, communityId) };
        return { added: true, version: await bump(tx, communityId) };
      });
    },
    async update(communityId, entry) {
      return prisma.$transaction(async (tx) => {
        const { key: _key, communityId: _c, ...data } = toData(communityId, entry);
        const { count } = await tx.knowledgeEntry.updateMany({ where: { communityId, key: entry.id }, data });
        if (count === 0) return { updated: false, version: await currentVersion(tx, communityId) };
        return { updated: true, version: await bump(tx, communityId) };
      });
    },
    async remove(communityId, key) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.knowledgeEntry.deleteMany({ where: { communityId, key } });
        if (count === 0) return { removed: false, version: await currentVersion(tx, communityId) };
        return { removed: true, version: await bump(tx, communityId) };
      });
    },
    async importAll(communityId, entries, options) {
      const keys = entries.map((e) => e.id);
      return prisma.$transaction(
        async (tx) => {
          const existing = new Set((await tx.knowledgeEntry.findMany({ where: { communityId }, select: { key: true } })).map((r) => r.key));
          const incoming = new Set(keys);
          const updated = keys.filter((k) => existing.has(k)).length;
          const removed = options.replace ? [...existing].filter((k) => !incoming.has(k)).length : 0;
          await tx.knowledgeEntry.deleteMany({ where: options.replace ? { communityId } : { communityId, key: { in: keys } } });
          await tx.knowledgeEntry.createMany({ data: entries.map((e) => toData(communityId, e)) });
          return { added: entries.length - updated, updated, removed, version: await bump(tx, communityId) };
        },
        { timeout: 120_000, maxWait: 10_000 },
      );
    },
    async settings(communityId) {
      const row = await prisma.answerSettings.findUnique({ where: { communityId } });
      return { threshold: row?.threshold ?? null, kbVersion: row?.kbVersion ?? 0, feedbackVersion: row?.feedbackVersion ?? 0 };
    },
    async setThreshold(communityId, threshold) {
      await prisma.answerSettings.upsert({ where: { communityId }, create: { communityId, threshold }, update: { threshold } });
    },
    async touchFeedback(communityId) {
      const row = await prisma.answerSettings.upsert({ where: { communityId }, create: { communityId, feedbackVersion: 1 }, update: { feedbackVersion: { increment: 1 } } });
      return row.feedbackVersion;
    },
  };
}
