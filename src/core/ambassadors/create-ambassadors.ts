// Builds the ambassadors feature's services (funnel, offers, feedback, privacy) from their
// dependencies. main.ts calls this once; commands and features that declare the `ambassadors` port receive it.
import type { Clock } from '../clock.ts';
import { createFeedbackService, type FeedbackService } from '../feedback/feedback-service.ts';
import type { Logger } from '../logger.ts';
import type { ReplierDirectory } from '../outgoing.ts';
import type { Repositories } from '../ports.ts';
import { createPrivacyGuard, type PrivacyGuard } from '../privacy/privacy-guard.ts';
import type { JobScheduler } from '../scheduler.ts';
import type { Translator } from '../translator.ts';
import type { DmLimits } from './dm-limits.ts';
import { createFunnel, type Funnel } from './funnel.ts';
import type { FunnelRules } from './funnel-rules.ts';
import type { SignalsSource } from './member-signals.ts';
import { createOffers, type Offers } from './offers.ts';

export interface Ambassadors {
  funnel: Funnel;
  offers: Offers;
  feedback: FeedbackService;
  privacy: PrivacyGuard;
}

export interface AmbassadorsDeps {
  repos: Repositories;
  clock: Clock;
  scheduler: JobScheduler;
  logger: Logger;
  repliers: ReplierDirectory;
  translator: Translator;
  /** Scores from the recognition engine (signalsFromScoreStore over recognition's store). */
  signals: SignalsSource;
  /** The privacy guard, when main.ts builds it first (recognition needs its mayProfile too). */
  privacy?: PrivacyGuard;
  limits?: DmLimits;
  rules?: FunnelRules;
}

export function createAmbassadors(deps: AmbassadorsDeps): Ambassadors {
  const { repos, clock, logger } = deps;
  const privacy = deps.privacy ?? createPrivacyGuard({ repo: repos.privacy, clock });
  const { signals } = deps;
  const funnel = createFunnel({ repo: repos.ambassadors, privacy, signals, clock, logger, ...(deps.rules ? { rules: deps.rules } : {}) });
  const offers = createOffers({ repos, privacy, funnel, signals, scheduler: deps.scheduler, repliers: deps.repliers, translator: deps.translator, clock, logger, ...(deps.limits ? { limits: deps.limits } : {}) });
  const feedback = createFeedbackService({
    repo: repos.feedback,
    settings: repos.ambassadors,
    communities: repos.communities,
    privacy,
    brand: (communityId) => funnel.brand(communityId),
    synonyms: async (communityId) => (await repos.synonyms.list(communityId)).map((g) => g.words),
    scheduler: deps.scheduler,
    repliers: deps.repliers,
    translator: deps.translator,
    clock,
    logger,
  });
  return {
    funnel,
    offers,
    feedback,
    privacy,
  };
}
