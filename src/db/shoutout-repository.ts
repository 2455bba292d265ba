// Scheduled shout-outs, the ticks already posted (one row per schedule and tick) and the
// communities' own templates.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { Language } from '../core/ports.ts';
import type { ShoutoutPeriod, ShoutoutRepository, ShoutoutSchedule } from '../core/shoutouts/ports.ts';

type Row = { id: string; communityId: string; channelId: string; cron: string; rule: string; period: string; template: string | null; createdAt: Date };

const toSchedule = (row: Row): ShoutoutSchedule => ({ ...row, period: row.period === 'month' ? 'month' : 'week' satisfies ShoutoutPeriod });

export function createShoutoutRepository(prisma: PrismaClient): ShoutoutRepository {
  return {
    async create(input) {
      return toSchedule(await prisma.shoutoutSchedule.create({ data: input }));
    },
    async get(id) {
      const row = await prisma.shoutoutSchedule.findUnique({ where: { id } });
      return row ? toSchedule(row) : null;
    },
    async list(communityId) {
      return (await prisma.shoutoutSchedule.findMany({ where: { communityId }, orderBy: { createdAt: 'asc' } })).map(toSchedule);
    },
    async listAll() {
      return (await prisma.shoutoutSchedule.findMany({ orderBy: { createdAt: 'asc' } })).map(toSchedule);
    },
    async remove(communityId, id) {
      const { count } = await prisma.shoutoutSchedule.deleteMany({ where: { id, communityId } });
      return count > 0;
    },
    async claimTick(scheduleId, tick) {
      // The primary key (scheduleId, tick) makes the second claim insert nothing.
      const { count } = await prisma.shoutoutPost.createMany({ data: [{ scheduleId, tick }], skipDuplicates: true });
      return count === 1;
    },
    async tickClaimed(scheduleId, tick) {
      return (await prisma.shoutoutPost.count({ where: { scheduleId, tick } })) > 0;
    },
    async releaseTick(scheduleId, tick) {
      await prisma.shoutoutPost.deleteMany({ where: { scheduleId, tick } });
    },
    async template(communityId, language: Language) {
      return (await prisma.shoutoutTemplate.findUnique({ where: { communityId_language: { communityId, language } } }))?.text ?? null;
    },
    async setTemplate(communityId, language, text) {
      if (text === null) await prisma.shoutoutTemplate.deleteMany({ where: { communityId, language } });
      else await prisma.shoutoutTemplate.upsert({ where: { communityId_language: { communityId, language } }, create: { communityId, language, text }, update: { text, updatedAt: new Date() } });
    },
  };
}
