// The ports a command or a feature may ask for, by name. A command declares `needs: ['leaderboard',
// 'members']` and its handler receives exactly those (deps.leaderboard, deps.members), nothing else;
// a feature does the same with defineFeature. src/main.ts builds one value for each port.
// Repositories are not ports: where a command reads stored rows, a narrow view below names the
// few methods it may call.
import type { Learning } from './learning/suggestion-queue.ts';
import type { Ambassadors } from './ambassadors/create-ambassadors.ts';
import type { AmbassadorRepository, OfferRepository } from './ambassadors/ports.ts';
import type { Answering } from './answers/feature/create-answering.ts';
import type { AnswerLogRepository } from './answers/storage/ports.ts';
import type { Clock } from './clock.ts';
import type { CommandCatalog } from './commands/catalog.ts';
import type { DashboardAccess } from './dashboard/dashboard-access.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { NoticeSender } from './outbox/notice-sender.ts';
import type { ReplierDirectory } from './outgoing.ts';
import type { ActivityRepository, ChannelRepository, CommunityRepository, MemberRepository } from './ports.ts';
import type { PrivacyGuard } from './privacy/privacy-guard.ts';
import type { Recognition } from './recognition/create-recognition.ts';
import type { Routing } from './routing/create-routing.ts';
import type { RoleRewards } from './rewards/role-rewards.ts';
import type { RoutingRepository } from './routing/ports.ts';
import type { JobScheduler } from './scheduler.ts';
import type { Shoutouts } from './shoutouts/create-shoutouts.ts';
import type { Translator } from './translator.ts';

/** Looks members up by id or by name (no writes). */
export type MemberLookup = Pick<MemberRepository, 'get' | 'findByName'>;
/** Looks channels up by id or by name (no writes). */
export type ChannelLookup = Pick<ChannelRepository, 'get' | 'findByName'>;
/** The communities and their settings (/settings changes language and time zone). */
export type CommunitySettings = Pick<CommunityRepository, 'get' | 'list' | 'update'>;
/** Members' funnel stages and their history, read-only (/ambassadors, /member). */
export type FunnelRecords = Pick<AmbassadorRepository, 'listStages' | 'getFunnel' | 'history'>;
/** Who an offer went to, read-only (/offer). */
export type OfferRecords = Pick<OfferRepository, 'recipients' | 'counts'>;
/** Rolls raw activity up into per-day counts (the daily roll-up job). */
export type ActivityRollup = Pick<ActivityRepository, 'rollUp'>;
/** Read-only rankings (/leaderboard, /rank); recognition itself is fed by its feature. */
export type Leaderboards = Pick<Recognition, 'leaderboard' | 'rank'>;
/** A member's latest question, the open hand-offs, and members' mention opt-outs (/ask-human, /faq handoffs, /privacy mentions). */
export type RoutingRecords = Pick<RoutingRepository, 'latestQuestion' | 'openHandoffs' | 'setMentionOptOut'>;
/** One answer's log row by id, read-only ("Ask a human" under an answer). */
export type AnswerRecords = Pick<AnswerLogRepository, 'get'>;

export interface Lifecycle {
  /** Runs `hook` when Rapport stops, after the adapters and before the scheduler (flush caches). */
  onStop(hook: () => Promise<void>): void;
}

export interface Ports {
  /** Engagement and helper scores, fed by the recognition feature. */
  recognition: Recognition;
  leaderboard: Leaderboards;
  /** Answers from the knowledge base, votes and the unanswered list (/faq). */
  answering: Answering;
  /** Funnel, offers, feedback and privacy (/ambassadors, /member, /offer, /feedback). */
  ambassadors: Ambassadors;
  /** Members' privacy choices (/privacy); recognition asks mayProfile before scoring anyone. */
  privacy: PrivacyGuard;
  /** Scheduled shout-outs (/shoutout). */
  shoutouts: Shoutouts;
  /** Knowledge-base suggestions mined from solved threads, and the knowledge gaps (/faq suggestions, /faq gaps). */
  learning: Learning;
  /** Questions brought to likely helpers, and hand-offs to moderators (/ask-human, /faq handoffs, /settings routing). */
  routing: Routing;
  /** Notices owed to moderators and threads, sent from the outbox (its relay job). */
  notices: NoticeSender;
  routingRecords: RoutingRecords;
  /** Roles given for funnel stages and score levels, on platforms with roles (/rewards). */
  roleRewards: RoleRewards;
  answerRecords: AnswerRecords;
  /** One-time dashboard links and sessions (/dashboard). */
  dashboard: DashboardAccess;
  members: MemberLookup;
  channels: ChannelLookup;
  communities: CommunitySettings;
  funnelRecords: FunnelRecords;
  offerRecords: OfferRecords;
  activity: ActivityRollup;
  /** Unanswered and "didn't help" questions, for the knowledge gaps. */
  openQuestions: Pick<AnswerLogRepository, 'openQuestions'>;
  /** Where each community's moderator digests go. */
  digestChannels: Pick<AmbassadorRepository, 'digestSchedules'>;
  scheduler: JobScheduler;
  clock: Clock;
  translator: Translator;
  /** Sends messages on the platform an id belongs to (repliers.forId('slack:T1:C1')). */
  repliers: ReplierDirectory;
  /** The declared commands, as /help lists them. */
  commands: CommandCatalog;
  logger: Logger;
  /** Operational counters exposed at /metrics. */
  metrics: Metrics;
  lifecycle: Lifecycle;
  /** Accounts linked across Slack and Discord: one-time codes, linking and separating (/link). */
  linking: import('./linking/create-linking.ts').Linking;
}

export type PortName = keyof Ports;

/** What a command or feature that declared `needs: N[]` receives. */
export type Deps<N extends PortName> = Pick<Ports, N>;

/**
 * Only the declared ports, picked at run time: an undeclared port is absent, not merely untyped.
 * A port the record lacks is a wiring mistake and fails loudly.
 */
export function pickPorts<N extends PortName>(ports: Ports, needs: readonly N[] | undefined): Deps<N> {
  const picked = {} as Deps<N>;
  for (const name of needs ?? []) {
    if (!Object.hasOwn(ports, name)) throw new Error(`No port named "${name}" is built (src/main.ts)`);
    picked[name] = ports[name];
  }
  return picked;
}
