import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { Repositories } from '../core/ports.ts';
import { createActivityRepository } from './activity-repository.ts';
import { createAmbassadorRepository } from './ambassador-repository.ts';
import { createFeedbackRepository } from './feedback-repository.ts';
import { createOfferRepository } from './offer-repository.ts';
import { createPrivacyRepository } from './privacy-repository.ts';
import { createDashboardAuthRepository } from './dashboard-auth-repository.ts';
import { createPrismaScoreStore } from './score-store.ts';
import { createShoutoutRepository } from './shoutout-repository.ts';
import { createKnowledgeBaseRepository } from './knowledge-base-repository.ts';
import { createAnswerLogRepository } from './answer-log-repository.ts';
import { createRoutingRepository } from './routing-repository.ts';
import { createRoleRewardRepository } from './role-reward-repository.ts';
import { createNoticeOutboxRepository } from './notice-outbox-repository.ts';
import { createSynonymRepository } from './synonym-repository.ts';
import { createLearningRepository } from './learning-repository.ts';
import { createLinkRepository } from './link-repository.ts';
import { createChannelRepository, createCommunityPauseStore, createCommunityRepository, createMemberRepository } from './community-repository.ts';

export function createRepositories(prisma: PrismaClient): Repositories {
  return {
    communities: createCommunityRepository(prisma),
    communityPauses: createCommunityPauseStore(prisma),
    members: createMemberRepository(prisma),
    channels: createChannelRepository(prisma),
    activity: createActivityRepository(prisma),
    ambassadors: createAmbassadorRepository(prisma),
    offers: createOfferRepository(prisma),
    feedback: createFeedbackRepository(prisma),
    privacy: createPrivacyRepository(prisma),
    dashboardAuth: createDashboardAuthRepository(prisma),
    scores: createPrismaScoreStore(prisma),
    shoutouts: createShoutoutRepository(prisma),
    knowledgeBase: createKnowledgeBaseRepository(prisma),
    synonyms: createSynonymRepository(prisma),
    answerLogs: createAnswerLogRepository(prisma),
    learning: createLearningRepository(prisma),
    routing: createRoutingRepository(prisma),
    roleRewards: createRoleRewardRepository(prisma),
    notices: createNoticeOutboxRepository(prisma),
    links: createLinkRepository(prisma),
  };
}
