import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { Repositories } from '../core/ports.ts';
import { createActivityRepository } from './activity-repository.ts';
import { createDashboardAuthRepository } from './dashboard-auth-repository.ts';
import { createChannelRepository, createCommunityRepository, createMemberRepository } from './community-repository.ts';

export function createRepositories(prisma: PrismaClient): Repositories {
  return {
    communities: createCommunityRepository(prisma),
    members: createMemberRepository(prisma),
    channels: createChannelRepository(prisma),
    activity: createActivityRepository(prisma),
    dashboardAuth: createDashboardAuthRepository(prisma),
  };
}
