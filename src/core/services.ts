// The feature services command handlers and features receive. main.ts builds them and passes
// them in; each feature adds its own entry here.
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { Repositories } from './ports.ts';
import type { JobScheduler } from './scheduler.ts';
import type { ReplierDirectory } from './outgoing.ts';
import type { CommandRegistry } from './commands/registry.ts';
import type { Translator } from './translator.ts';
import type { Ambassadors } from './ambassadors/create-ambassadors.ts';
import type { PrivacyGuard } from './privacy/privacy-guard.ts';
import type { DashboardAccess } from './dashboard/dashboard-access.ts';
import type { Metrics } from './metrics.ts';
import type { Recognition } from './recognition/create-recognition.ts';
import type { Shoutouts } from './shoutouts/create-shoutouts.ts';
import type { Answering } from './answering/create-answering.ts';
import type { Routing } from './routing/create-routing.ts';

export interface Services {
  repos: Repositories;
  clock: Clock;
  scheduler: JobScheduler;
  logger: Logger;
  /** Sends messages on the platform an id belongs to (repliers.forId('slack:T1:C1')). */
  repliers: ReplierDirectory;
  commands: CommandRegistry;
  translator: Translator;
  /** One-time dashboard links and sessions (/dashboard). */
  dashboard: DashboardAccess;
  /** Operational counters exposed at /metrics. */
  metrics: Metrics;
  /** Funnel, offers and feedback (/ambassadors, /member, /offer, /feedback). */
  ambassadors: Ambassadors;
  /** Members' privacy choices; recognition asks privacy.mayProfile before scoring anyone. */
  privacy: PrivacyGuard;
  /** Engagement and helper scores (/leaderboard, /rank); fed by the recognition feature. */
  recognition: Recognition;
  /** Scheduled shout-outs (/shoutout). */
  shoutouts: Shoutouts;
  /** Answers from the knowledge base, votes and the unanswered list (/faq). */
  answering: Answering;
  /** Questions brought to likely helpers, and hand-offs to moderators (/ask-human, /faq handoffs). */
  routing: Routing;
  /** Runs `hook` when Rapport stops, after the adapters and before the scheduler (flush caches). */
  onStop(hook: () => Promise<void>): void;
}
