// Dashboard login tokens and sessions (src/core/dashboard/ports.ts DashboardAuthStore), stored by
// the hash of their secret. A token is consumed with one conditional UPDATE, so two browsers
// opening the same link at once still get one session between them.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { DashboardAuthStore, DashboardGrant } from '../core/dashboard/ports.ts';
import type { Language } from '../core/ports.ts';

const language = (value: string): Language => (value === 'bg' ? 'bg' : 'en');

export function createDashboardAuthRepository(prisma: PrismaClient): DashboardAuthStore {
  return {
    async createToken(input) {
      await prisma.dashboardLoginToken.create({
        data: { tokenHash: input.tokenHash, communityId: input.communityId, memberId: input.memberId, language: input.language, expiresAt: input.expiresAt },
      });
    },
    async consumeToken(tokenHash, communityId, now) {
      const { count } = await prisma.dashboardLoginToken.updateMany({
        where: { tokenHash, communityId, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (count !== 1) return null;
      const row = await prisma.dashboardLoginToken.findUnique({ where: { tokenHash } });
      return row ? ({ communityId: row.communityId, memberId: row.memberId, language: language(row.language) } satisfies DashboardGrant) : null;
    },
    async createSession(input) {
      await prisma.dashboardSession.create({
        data: { idHash: input.idHash, communityId: input.communityId, memberId: input.memberId, language: input.language, expiresAt: input.expiresAt },
      });
    },
    async findSession(idHash, now) {
      const row = await prisma.dashboardSession.findUnique({ where: { idHash } });
      if (!row || row.expiresAt <= now) return null;
      return { communityId: row.communityId, memberId: row.memberId, language: language(row.language), expiresAt: row.expiresAt };
    },
    async deleteSession(idHash) {
      await prisma.dashboardSession.deleteMany({ where: { idHash } });
    },
    async revokeCommunity(communityId) {
      const [sessions] = await prisma.$transaction([
        prisma.dashboardSession.deleteMany({ where: { communityId } }),
        prisma.dashboardLoginToken.deleteMany({ where: { communityId, usedAt: null } }),
      ]);
      return sessions.count;
    },
    async prune(now) {
      await prisma.$transaction([
        prisma.dashboardSession.deleteMany({ where: { expiresAt: { lte: now } } }),
        prisma.dashboardLoginToken.deleteMany({ where: { expiresAt: { lte: now } } }),
      ]);
    },
  };
}
