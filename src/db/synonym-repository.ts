// A community's synonym groups (/faq synonyms). Each change bumps AnswerSettings.kbVersion in the
// same transaction, so every process holding the community's index rebuilds it; an import is one
// transaction (a file is written completely or not at all). `key` (the sorted members) keeps a
// group from being stored twice.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { synonymGroupKey } from '../core/answers/index.ts';
import type { SynonymRecord, SynonymRepository } from '../core/answers/storage/synonym-ports.ts';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const toRecord = (row: { id: number; words: unknown }): SynonymRecord => ({
  id: row.id,
  words: Array.isArray(row.words) ? row.words.filter((w): w is string => typeof w === 'string') : [],
});

async function bump(tx: Tx, communityId: string): Promise<number> {
  const row = await tx.answerSettings.upsert({ where: { communityId }, create: { communityId, kbVersion: 1 }, update: { kbVersion: { increment: 1 } } });
  return row.kbVersion;
}

async function currentVersion(tx: Tx, communityId: string): Promise<number> {
  return (await tx.answerSettings.findUnique({ where: { communityId }, select: { kbVersion: true } }))?.kbVersion ?? 0;
}

export function createSynonymRepository(prisma: PrismaClient): SynonymRepository {
  return {
    async list(communityId) {
      return (await prisma.synonymGroup.findMany({ where: { communityId }, orderBy: { id: 'asc' } })).map(toRecord);
    },
    async add(communityId, words) {
      return prisma.$transaction(async (tx) => {
        const key = synonymGroupKey(words);
        const { count } = await tx.synonymGroup.createMany({ data: [{ communityId, key, words: [...words] }], skipDuplicates: true });
        if (count === 0) return { record: null, version: await currentVersion(tx, communityId) };
        const row = await tx.synonymGroup.findUniqueOrThrow({ where: { communityId_key: { communityId, key } } });
        return { record: toRecord(row), version: await bump(tx, communityId) };
      });
    },
    async remove(communityId, id) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.synonymGroup.deleteMany({ where: { communityId, id } });
        if (count === 0) return { removed: false, version: await currentVersion(tx, communityId) };
        return { removed: true, version: await bump(tx, communityId) };
      });
    },
    async importAll(communityId, groups, options) {
      const byKey = new Map(groups.map((words) => [synonymGroupKey(words), words]));
      return prisma.$transaction(async (tx) => {
        const existing = new Set((await tx.synonymGroup.findMany({ where: { communityId }, select: { key: true } })).map((r) => r.key));
        const removed = options.replace ? (await tx.synonymGroup.deleteMany({ where: { communityId, key: { notIn: [...byKey.keys()] } } })).count : 0;
        const fresh = [...byKey].filter(([key]) => !existing.has(key));
        await tx.synonymGroup.createMany({ data: fresh.map(([key, words]) => ({ communityId, key, words: [...words] })) });
        return { added: fresh.length, unchanged: groups.length - fresh.length, removed, version: await bump(tx, communityId) };
      });
    },
  };
}
