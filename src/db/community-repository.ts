// Communities, channels and members in PostgreSQL via Prisma.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { ChannelRepository, CommunityRecord, CommunityRepository, Language, MemberRecord, MemberRepository } from '../core/ports.ts';
import type { Platform } from '../core/ids.ts';
import type { CommunityPauseStore } from '../core/community-pauses.ts';
import { rawQueryOf } from './raw-query.ts';

function toCommunity(row: { id: string; platform: string; name: string; language: string; timeZone: string }): CommunityRecord {
  return { id: row.id, platform: row.platform as Platform, name: row.name, language: row.language as Language, timeZone: row.timeZone };
}

export function createCommunityRepository(prisma: PrismaClient): CommunityRepository {
  return {
    async ensure(input) {
      const row = await prisma.community.upsert({
        where: { id: input.id },
        create: { id: input.id, platform: input.platform, name: input.name, language: input.language ?? 'en', timeZone: input.timeZone ?? 'UTC' },
        update: {},
      });
      return toCommunity(row);
    },
    async get(id) {
      const row = await prisma.community.findUnique({ where: { id } });
      return row ? toCommunity(row) : null;
    },
    async update(id, patch) {
      return toCommunity(await prisma.community.update({ where: { id }, data: patch }));
    },
    async list() {
      return (await prisma.community.findMany({ orderBy: { id: 'asc' } })).map(toCommunity);
    },
  };
}

export function createCommunityPauseStore(prisma: PrismaClient): CommunityPauseStore {
  return {
    async setPaused(communityId, pause) {
      const { count } = await prisma.community.updateMany({ where: { id: communityId }, data: { pausedAt: pause?.at ?? null, pauseReason: pause?.reason ?? null } });
      return count > 0;
    },
    async pausedAt(communityId) {
      const row = await prisma.community.findUnique({ where: { id: communityId }, select: { pausedAt: true } });
      return row?.pausedAt ?? null;
    },
  };
}

function toMember(row: { id: string; communityId: string; platformId: string; displayName: string; isBot: boolean; isModerator: boolean; language: string | null }): MemberRecord {
  return {
    id: row.id,
    communityId: row.communityId,
    platformId: row.platformId,
    displayName: row.displayName,
    isBot: row.isBot,
    isModerator: row.isModerator,
    language: row.language as Language | null,
  };
}

export function createMemberRepository(prisma: PrismaClient): MemberRepository {
  // get, ensureMany and languages run per batch of events (raw-query.ts).
  const query = rawQueryOf(prisma);
  return {
    async ensure(input) {
      const flags = { displayName: input.displayName, isBot: input.isBot, ...(input.isModerator !== undefined ? { isModerator: input.isModerator } : {}) };
      const row = await prisma.member.upsert({
        where: { id: input.id },
        create: { id: input.id, communityId: input.communityId, platformId: input.platformId, ...flags },
        update: flags,
      });
      return toMember(row);
    },
    async get(id) {
      const [row] = await query<Parameters<typeof toMember>[0]>(
        `SELECT "id", "communityId", "platformId", "displayName", "isBot", "isModerator", "language" FROM "Member" WHERE "id" = $1`,
        [id],
      );
      return row ? toMember(row) : null;
    },
    async findByName(communityId, name) {
      const clean = name.replace(/^@/, '').trim();
      const row = await prisma.member.findFirst({
        where: { communityId, OR: [{ displayName: { equals: clean, mode: 'insensitive' } }, { platformId: clean }, { id: clean }] },
        orderBy: { updatedAt: 'desc' },
      });
      return row ? toMember(row) : null;
    },
    async ensureMany(inputs) {
      if (inputs.length === 0) return;
      // One INSERT ... ON CONFLICT for the whole batch (history imports and replays meet thousands
      // of members); a moderator flag once seen is kept.
      await query(
        `INSERT INTO "Member" ("id", "communityId", "platformId", "displayName", "isBot", "isModerator", "updatedAt")
         SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::boolean[])
         ON CONFLICT ("id") DO UPDATE SET "displayName" = EXCLUDED."displayName", "isBot" = EXCLUDED."isBot",
           "isModerator" = "Member"."isModerator" OR EXCLUDED."isModerator", "updatedAt" = now()`,
        [inputs.map((i) => i.id), inputs.map((i) => i.communityId), inputs.map((i) => i.platformId), inputs.map((i) => i.displayName), inputs.map((i) => i.isBot), inputs.map((i) => i.isModerator ?? false)],
      );
    },
    async setLanguage(id, language) {
      await prisma.member.update({ where: { id }, data: { language } });
    },
    async languages(ids) {
      if (ids.length === 0) return new Map();
      const rows = await query<{ id: string; language: string | null }>(`SELECT "id", "language" FROM "Member" WHERE "id" = ANY($1::text[])`, [ids]);
      return new Map(rows.map((r) => [r.id, r.language as Language | null]));
    },
  };
}

export function createChannelRepository(prisma: PrismaClient): ChannelRepository {
  const query = rawQueryOf(prisma);
  const toChannel = (row: { id: string; communityId: string; name: string; watched: boolean }) => ({ id: row.id, communityId: row.communityId, name: row.name, watched: row.watched });
  return {
    async ensure(input) {
      return toChannel(await prisma.channel.upsert({ where: { id: input.id }, create: input, update: { name: input.name } }));
    },
    async get(id) {
      const row = await prisma.channel.findUnique({ where: { id } });
      return row ? toChannel(row) : null;
    },
    async findByName(communityId, name) {
      const clean = name.replace(/^#/, '').trim();
      const row = await prisma.channel.findFirst({ where: { communityId, OR: [{ name: { equals: clean, mode: 'insensitive' } }, { id: clean }] } });
      return row ? toChannel(row) : null;
    },
    async ensureMany(inputs) {
      if (inputs.length === 0) return;
      await query(
        `INSERT INTO "Channel" ("id", "communityId", "name")
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS v(id, community, name)
         ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name"
         WHERE EXCLUDED."id" = ANY($4::text[]) AND "Channel"."name" <> EXCLUDED."name"`,
        [inputs.map((i) => i.id), inputs.map((i) => i.communityId), inputs.map((i) => i.name), inputs.filter((i) => i.named).map((i) => i.id)],
      );
    },
    async setWatched(id, watched) {
      await prisma.channel.update({ where: { id }, data: { watched } });
    },
    async list(communityId) {
      return (await prisma.channel.findMany({ where: { communityId }, orderBy: { name: 'asc' } })).map(toChannel);
    },
  };
}
