// Feedback capture and digests: messages that are feature requests, complaints or praise are
// stored with a link to their source (never for members who opted out of profiling); a digest
// groups a period's items by theme, on demand or weekly to a moderators' channel.
import { z } from 'zod';
import type { BrandMatcher } from '../ambassadors/brand-talk.ts';
import type { SynonymGroup } from '../answers/knowledge-base/synonyms.ts';
import type { AmbassadorRepository } from '../ambassadors/ports.ts';
import { DIGEST_CRON, DIGEST_JOB, digestKey } from '../ambassadors/job-settings.ts';
import type { Clock } from '../clock.ts';
import type { MessagePosted } from '../events.ts';
import type { Logger } from '../logger.ts';
import type { OutgoingMessage, ReplierDirectory } from '../outgoing.ts';
import type { CommunityRepository, Language } from '../ports.ts';
import type { PrivacyGuard } from '../privacy/privacy-guard.ts';
import type { JobScheduler } from '../scheduler.ts';
import type { Translator } from '../translator.ts';
import { buildDigest } from './build-digest.ts';
import { classifyFeedback } from './classify-feedback.ts';
import { feedbackKeywords } from './feedback-keywords.ts';
import { messageLink } from './message-link.ts';
import type { FeedbackRepository } from './ports.ts';

export type DigestPeriod = 'week' | 'month';
const PERIOD_DAYS: Record<DigestPeriod, number> = { week: 7, month: 30 };

export interface FeedbackDeps {
  repo: FeedbackRepository;
  settings: AmbassadorRepository;
  communities: CommunityRepository;
  privacy: PrivacyGuard;
  brand(communityId: string): Promise<BrandMatcher>;
  /** The community's synonym groups (/faq synonyms): themes written with different words, or in English and Bulgarian, become one. */
  synonyms?(communityId: string): Promise<SynonymGroup[]>;
  scheduler: JobScheduler;
  repliers: ReplierDirectory;
  translator: Translator;
  clock: Clock;
  logger: Logger;
}

export interface FeedbackService {
  defineJobs(): void;
  /** Re-creates the weekly digest schedules stored in the database (the in-process scheduler forgets them on restart). */
  restoreSchedules(): Promise<void>;
  /** Re-registers a community's digest after its time zone changed. */
  reschedule(communityId: string): Promise<void>;
  onMessage(message: MessagePosted): Promise<void>;
  digest(communityId: string, period: DigestPeriod, language: Language): Promise<OutgoingMessage>;
  schedule(communityId: string, channelId: string): Promise<void>;
  unschedule(communityId: string): Promise<void>;
}

export function createFeedbackService(deps: FeedbackDeps): FeedbackService {
  const { repo, settings, communities, privacy, scheduler, repliers, translator, clock, logger } = deps;

  async function repeatFor(communityId: string): Promise<void> {
    const community = await communities.get(communityId);
    await scheduler.repeat(digestKey(communityId), DIGEST_JOB, { communityId }, { cron: DIGEST_CRON, timeZone: community?.timeZone ?? 'UTC' });
  }

  const self: FeedbackService = {
    defineJobs() {
      scheduler.define<{ communityId: string }>({
        name: DIGEST_JOB,
        schema: z.object({ communityId: z.string().min(1) }),
        async process({ communityId }) {
          const { digestChannelId } = await settings.settings(communityId);
          const community = await communities.get(communityId);
          if (!digestChannelId || !community) return;
          const message = await self.digest(communityId, 'week', community.language);
          await repliers.forId(digestChannelId).post({ channelId: digestChannelId }, message);
        },
      });
    },

    async restoreSchedules() {
      for (const { communityId } of await settings.digestSchedules()) await repeatFor(communityId);
    },

    async reschedule(communityId) {
      const scheduled = await settings.digestSchedules();
      if (scheduled.some((s) => s.communityId === communityId)) await repeatFor(communityId);
    },

    async onMessage(message) {
      if (message.author.isBot || message.mentionsBot) return;
      const brand = await deps.brand(message.communityId);
      const kind = classifyFeedback(message.text, brand);
      if (!kind) return;
      if (!(await privacy.mayProfile(message.communityId, message.author.memberId))) return;
      const stored = await repo.record({
        communityId: message.communityId,
        memberId: message.author.memberId,
        kind,
        channelId: message.channelId,
        messageId: message.messageId,
        text: message.text.slice(0, 2_000),
        keywords: feedbackKeywords(message.text, brand.names),
        link: messageLink(message.channelId, message.messageId),
        occurredAt: message.occurredAt,
      });
      if (stored) logger.debug({ messageId: message.messageId, kind }, 'feedback captured');
    },

    async digest(communityId, period, language) {
      const until = clock.now();
      const since = new Date(until.getTime() - PERIOD_DAYS[period] * 86_400_000);
      const items = await repo.list(communityId, since, new Date(until.getTime() + 1));
      const t = (key: string, vars?: Record<string, string | number>) => translator.t(language, key, vars);
      const [brand, synonyms] = await Promise.all([deps.brand(communityId), deps.synonyms?.(communityId) ?? []]);
      return buildDigest(items, t, t(`feedback.period.${period}`), { brandNames: brand.names, synonyms });
    },

    async schedule(communityId, channelId) {
      await settings.setDigestChannel(communityId, channelId);
      await repeatFor(communityId);
    },

    async unschedule(communityId) {
      await settings.setDigestChannel(communityId, null);
      await scheduler.unrepeat(digestKey(communityId));
    },
  };
  return self;
}
