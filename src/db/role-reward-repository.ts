// Role rewards (/rewards): one row per community and level, and the community's mode.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { RewardKind, RewardMode, RoleProblem, RoleReward, RoleRewardRepository } from '../core/rewards/ports.ts';
import { noticeRows } from './notice-outbox-repository.ts';

const PROBLEMS: ReadonlySet<string> = new Set<RoleProblem>(['missing_manage_roles', 'role_above_bot', 'managed_role', 'unknown_role', 'missing_permissions']);

function toReward(row: { id: number; communityId: string; kind: string; level: string; roleId: string; problem: string | null }): RoleReward {
  return {
    id: row.id,
    communityId: row.communityId,
    kind: row.kind === 'score' ? 'score' : 'stage',
    level: row.level,
    roleId: row.roleId,
    problem: row.problem && PROBLEMS.has(row.problem) ? (row.problem as RoleProblem) : null,
  };
}

export function createRoleRewardRepository(prisma: PrismaClient): RoleRewardRepository {
  return {
    async list(communityId) {
      const rows = await prisma.roleReward.findMany({ where: { communityId }, orderBy: [{ kind: 'asc' }, { id: 'asc' }] });
      return rows.map(toReward);
    },
    async set({ communityId, kind, level, roleId }) {
      return prisma.$transaction(async (tx) => {
        const previous = await tx.roleReward.findUnique({ where: { communityId_kind_level: { communityId, kind, level } } });
        const row = await tx.roleReward.upsert({
          where: { communityId_kind_level: { communityId, kind, level } },
          create: { communityId, kind, level, roleId },
          update: { roleId, problem: null },
        });
        return { reward: toReward(row), replaced: previous && previous.roleId !== roleId ? previous.roleId : null };
      });
    },
    async remove(communityId, kind: RewardKind, level) {
      const row = await prisma.roleReward.findUnique({ where: { communityId_kind_level: { communityId, kind, level } } });
      if (!row) return null;
      const { count } = await prisma.roleReward.deleteMany({ where: { id: row.id } });
      return count > 0 ? toReward(row) : null;
    },
    async mode(communityId) {
      const row = await prisma.roleRewardSettings.findUnique({ where: { communityId } });
      return row?.mode === 'stack' ? 'stack' : 'replace';
    },
    async setMode(communityId, mode: RewardMode) {
      await prisma.roleRewardSettings.upsert({ where: { communityId }, create: { communityId, mode }, update: { mode } });
    },
    async setProblem(communityId, roleId, problem, notices = []) {
      // Compared here, not in SQL: "problem <> x" is never true for a null problem. The notices
      // (the moderators' notice of a new problem) are written with the change, only when it changes.
      return prisma.$transaction(async (tx) => {
        const rows = await tx.roleReward.findMany({ where: { communityId, roleId }, select: { id: true, problem: true } });
        const ids = rows.filter((r) => r.problem !== problem).map((r) => r.id);
        if (ids.length === 0) return ids;
        await tx.roleReward.updateMany({ where: { id: { in: ids } }, data: { problem } });
        if (notices.length > 0) await tx.outbox.createMany({ data: noticeRows(notices, new Date()), skipDuplicates: true });
        return ids;
      });
    },
    async communities() {
      const rows = await prisma.roleReward.findMany({ distinct: ['communityId'], select: { communityId: true } });
      return rows.map((r) => r.communityId);
    },
    async members(communityId) {
      const rows = await prisma.member.findMany({ where: { communityId, isBot: false }, select: { id: true }, orderBy: { id: 'asc' } });
      return rows.map((r) => r.id);
    },
  };
}
