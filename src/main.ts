// The only place that wires Rapport together: config -> database -> queue -> ports -> features ->
// pipeline -> adapters. openRapport is the composition every entry point uses (start, history
// imports, bench, eval): each chooses its database, scheduler and adapters. buildRapport makes one
// value for each port (src/core/app-ports.ts) and hands every command and feature only the ports it
// declared; tests call it with their own parts.
import { readFile } from 'node:fs/promises';
import type { ChatAdapter } from './core/adapter.ts';
import { pickPorts, type Ports } from './core/app-ports.ts';
import { createAmbassadors, type AmbassadorsDeps } from './core/ambassadors/create-ambassadors.ts';
import { signalsFromScoreStore } from './core/ambassadors/recognition-signals.ts';
import { type Clock } from './core/clock.ts';
import { createCommandDispatcher } from './core/commands/dispatch.ts';
import type { CommandDefinition } from './core/commands/define.ts';
import { createCommandRegistry } from './core/commands/registry.ts';
import { createDashboardAccess } from './core/dashboard/dashboard-access.ts';
import { createFeatureRegistry, type Feature } from './core/feature.ts';
import { parseId, type Platform } from './core/ids.ts';
import type { Logger } from './core/logger.ts';
import { instrumentRepliers, instrumentScheduler, noopMetrics, type Metrics } from './core/metrics.ts';
import type { Replier, ReplierDirectory } from './core/outgoing.ts';
import { createEventIntake } from './core/event-intake.ts';
import { createCommunityPauses, pausingRepliers, pausingScheduler } from './core/community-pauses.ts';
import type { EventSpool } from './core/event-spool.ts';
import { createPipeline, type Pipeline, type PipelineDefaults } from './core/pipeline.ts';
import { createPlatformHandlers } from './platform-handlers.ts';
import type { Repositories } from './core/ports.ts';
import { createPrivacyGuard, type PrivacyGuard } from './core/privacy/privacy-guard.ts';
import { createLinking, unlinkable } from './core/linking/create-linking.ts';
import { createLinkedLeaderboards } from './core/linking/linked-leaderboards.ts';
import { createLinkedShoutouts } from './core/linking/linked-shoutouts.ts';
import { alignStages, createLinkedFunnelStore } from './core/linking/linked-funnel.ts';
import { createLinkedOfferStore } from './core/linking/linked-offers.ts';
import { createLinkedPrivacy } from './core/linking/linked-privacy.ts';
import { createLinkedRepliers } from './core/linking/linked-repliers.ts';
import { createRecognition, type RecognitionDeps } from './core/recognition/create-recognition.ts';
import { rebuildCommunityScores, rebuildLaggingScores, type RebuildDeps, type RebuildResult, type ScoreRebuildStore } from './core/recognition/rebuild-scores.ts';
import { createScoreProgress } from './core/recognition/score-progress.ts';
import type { RecognitionConfigInput } from './core/recognition/recognition-config.ts';
import { createShoutouts } from './core/shoutouts/create-shoutouts.ts';
import { standingFrom } from './core/rewards/member-standing.ts';
import type { CommunityRoles, RoleDirectory } from './core/rewards/ports.ts';
import { createRewardNotice } from './core/rewards/reward-notice.ts';
import { createRoleRewards } from './core/rewards/role-rewards.ts';
import { createAnswering } from './core/answers/feature/create-answering.ts';
import { createRouting } from './core/routing/create-routing.ts';
import { createNoticeSender } from './core/outbox/notice-sender.ts';
import { createSemanticAnswering, type SemanticAnsweringDeps } from './core/answers/feature/semantic-answering.ts';
import { createLearning } from './core/learning/suggestion-queue.ts';
import type { JobScheduler } from './core/scheduler.ts';
import type { Translator } from './core/translator.ts';

export interface RapportParts {
  repos: Repositories;
  scheduler: JobScheduler;
  logger: Logger;
  clock: Clock;
  translator: Translator;
  commands: CommandDefinition[];
  features: Feature[];
  adapters: ChatAdapter[];
  defaults: PipelineDefaults;
  /** Counters for /metrics; nothing is counted when absent. */
  metrics?: Metrics;
  /** Where browsers reach Rapport's web server (dashboard links). */
  publicUrl?: string;
  /** Funnel and offer settings (tests); `signals` is where the funnel reads recognition scores. */
  ambassadors?: Partial<Pick<AmbassadorsDeps, 'signals' | 'limits' | 'rules'>>;
  /** Where live events wait while the database is away (event-intake.ts); without it a failed write fails the event. */
  spool?: EventSpool;
  /** Score watermarks and rebuilds from stored events (rebuild-scores.ts); start-up rebuilds lagging communities. */
  scoreRebuild?: ScoreRebuildStore;
  /** Recognition model overrides and write-behind cache bounds (tests, replays). */
  recognition?: { config?: RecognitionConfigInput; cache?: RecognitionDeps['cache'] };
  /** Semantic search through an embeddings server (EMBEDDINGS_URL); word matching only when absent. */
  semantic?: Omit<SemanticAnsweringDeps, 'logger' | 'metrics' | 'now'>;
  /** A history import: what the learning feature suggests is flagged as imported. */
  history?: boolean;
  /** Forum tag names that mark a post solved, besides the defaults (SOLVED_TAGS). */
  solvedTags?: readonly string[];
}

export interface Rapport {
  /** Every port, as built here (entry points wire the web server and reports from them). */
  ports: Ports;
  pipeline: Pipeline;
  /** Recomputes scores from stored events: one community, or every one (needs parts.scoreRebuild). */
  rebuildScores(communityId?: string): Promise<RebuildResult[]>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function buildRapport(parts: RapportParts): Promise<Rapport> {
  const byPlatform = new Map<Platform, Replier>(parts.adapters.map((a) => [a.platform, a.replier]));
  const repliers: ReplierDirectory = {
    forId(id) {
      const replier = byPlatform.get(parseId(id).platform);
      if (!replier) throw new Error(`No adapter is running for ${id}`);
      return replier;
    },
  };
  const metrics = parts.metrics ?? noopMetrics;
  // A paused community (app uninstalled, tokens revoked) gets no posts and runs no jobs; its data stays.
  const pauses = createCommunityPauses({ store: parts.repos.communityPauses, now: () => parts.clock.now(), logger: parts.logger });
  const scheduler = pausingScheduler(instrumentScheduler(parts.scheduler, metrics), pauses, parts.logger);
  // A person linked across platforms gets DMs where they chose (/link dm).
  const linked = parts.repos.links ? createLinkedRepliers(repliers, new Set(byPlatform.keys()), parts.repos.links) : repliers;
  const instrumentedRepliers = instrumentRepliers(pausingRepliers(linked, pauses), metrics);
  // Recognition asks privacy (built by the ambassadors) before scoring anyone; the funnel reads its scores.
  let privacy: PrivacyGuard | undefined;
  const progress = parts.scoreRebuild ? createScoreProgress() : undefined;
  const recognition = createRecognition({
    ...(progress && parts.scoreRebuild ? { watermarks: { progress, save: (marks: Map<string, number>) => parts.scoreRebuild!.saveWatermarks(marks) } } : {}),
    store: parts.repos.scores,
    clock: parts.clock,
    // The engine reads asksForHelp of the one question detector (src/core/answers/detect), the text
    // alone: a question addressed to a member is still someone asking for help. Answering reads
    // isQuestion of the same score, which then weighs the context (addressed to a member, too
    // short, a thread reply) to decide whether the bot should consider answering.
    mayProfile: (communityId, memberId) => (privacy ? privacy.mayProfile(communityId, memberId) : Promise.resolve(true)),
    findMember: (memberId) => parts.repos.members.get(memberId),
    ...(parts.recognition?.config ? { config: parts.recognition.config } : {}),
    ...(parts.recognition?.cache ? { cache: parts.recognition.cache } : {}),
  });
  // A person linked across platforms (/link) has one set of privacy choices; export and erasure cover every account.
  const basePrivacy = createPrivacyGuard({ repo: parts.repos.privacy, clock: parts.clock });
  const ambassadors = createAmbassadors({
    privacy: parts.repos.links ? createLinkedPrivacy(basePrivacy, parts.repos.links) : basePrivacy,
    // ...and one funnel stage: a stage change of one account moves the others too.
    // (an offer answered from the linked account the DM went to finds its recipient through the link).
    repos: parts.repos.links
      ? { ...parts.repos, ambassadors: createLinkedFunnelStore(parts.repos.ambassadors, parts.repos.links), offers: createLinkedOfferStore(parts.repos.offers, parts.repos.links) }
      : parts.repos,
    clock: parts.clock,
    scheduler,
    logger: parts.logger,
    repliers: instrumentedRepliers,
    translator: parts.translator,
    signals: signalsFromScoreStore(recognition.store, recognition.config, parts.clock),
    ...parts.ambassadors,
  });
  privacy = ambassadors.privacy;
  ambassadors.privacy.onErase((memberId) => recognition.forget(memberId));
  // A person linked across platforms (/link) is thanked once, with both accounts' scores, as on /leaderboard.
  const shoutoutBoard = parts.repos.links ? createLinkedShoutouts({ recognition, links: parts.repos.links, communities: parts.repos.communities, members: parts.repos.members }) : recognition;
  const shoutouts = createShoutouts({ repo: parts.repos.shoutouts, communities: parts.repos.communities, recognition: shoutoutBoard, scheduler, repliers: instrumentedRepliers, translator: parts.translator, clock: parts.clock, logger: parts.logger });
  const notices = createNoticeSender({ outbox: parts.repos.notices, repliers: instrumentedRepliers, clock: parts.clock, logger: parts.logger });
  const routing = createRouting({
    repo: parts.repos.routing,
    notices,
    clock: parts.clock,
    scheduler,
    repliers: instrumentedRepliers,
    translator: parts.translator,
    logger: parts.logger,
    communities: parts.repos.communities,
    members: parts.repos.members,
    channels: parts.repos.channels,
    privacy: ambassadors.privacy,
    botAnswered: async (communityId, messageId) => (await parts.repos.answerLogs.findByMessage(communityId, messageId))?.answered ?? false,
  });
  ambassadors.privacy.onErase(async (memberId) => routing.forget(memberId));
  const answering = createAnswering({
    kb: parts.repos.knowledgeBase,
    synonyms: parts.repos.synonyms,
    answerLogs: parts.repos.answerLogs,
    channels: parts.repos.channels,
    repliers: instrumentedRepliers,
    translator: parts.translator,
    logger: parts.logger,
    metrics,
    now: () => performance.now(),
    readFile: (path) => readFile(path, 'utf8'),
    // A thread handed to the moderators (routing's "Ask a human") gets no bot answers.
    isPaused: (event) => routing.isPaused(event),
    ...(parts.semantic ? { semantic: createSemanticAnswering({ ...parts.semantic, logger: parts.logger, metrics, now: () => performance.now() }) } : {}),
  });
  // An erased member's silent questions still waiting to be written are dropped with them.
  ambassadors.privacy.onErase(async (memberId) => answering.forgetMember(memberId));
  const learning = createLearning({
    repo: parts.repos.learning,
    ask: (communityId, text) => answering.ask(communityId, text),
    kb: { get: (c, key) => answering.admin.get(c, key), add: (c, input) => answering.admin.add(c, input), edit: (c, key, patch) => answering.admin.edit(c, key, patch) },
    credit: async (input) => void (await recognition.onAnswerAccepted((await parts.repos.communities.get(input.communityId)) ?? { id: input.communityId, timeZone: parts.defaults.timeZone }, input)),
    privacy: ambassadors.privacy,
    memberLanguage: async (memberId) => (await parts.repos.members.get(memberId))?.language ?? null,
    notices,
    translator: parts.translator,
    logger: parts.logger,
    clock: parts.clock,
    imported: parts.history ?? false,
    writeBehind: parts.history ?? false,
    ...(parts.solvedTags?.length ? { solvedTags: parts.solvedTags } : {}),
  });
  ambassadors.privacy.onErase(async (memberId) => void (await learning.forgetMember(memberId)));
  const rolesByPlatform = new Map<Platform, CommunityRoles>(parts.adapters.flatMap((a) => (a.roles ? [[a.platform, a.roles] as const] : [])));
  const roleDirectory: RoleDirectory = { forCommunity: (id) => rolesByPlatform.get(parseId(id).platform) ?? null, all: () => [...rolesByPlatform.values()] };
  const roleRewards = createRoleRewards({
    repo: parts.repos.roleRewards,
    roles: roleDirectory,
    standing: standingFrom({ store: recognition.store, funnel: (memberId) => parts.repos.ambassadors.getFunnel(memberId), mayProfile: (c, m) => ambassadors.privacy.mayProfile(c, m) }),
    members: (communityId) => parts.repos.roleRewards.members(communityId),
    logger: parts.logger,
    notice: createRewardNotice({
      digestChannels: () => parts.repos.ambassadors.digestSchedules(),
      language: async (communityId) => (await parts.repos.communities.get(communityId))?.language ?? parts.defaults.language,
      label: (communityId, roleId) => roleDirectory.forCommunity(communityId)?.label(roleId) ?? Promise.resolve(roleId),
      translator: parts.translator,
    }),
    notices,
  });
  const stopHooks: Array<() => Promise<void>> = [];
  const commands = createCommandRegistry(parts.commands);
  // A member's answer in the channel (no thread) to a question on the unanswered list counts as a reply to it.
  recognition.onAnswerAttributed((message, questionMessageId) => answering.feedback.onChannelAnswer(message, questionMessageId));
  const { repos } = parts;
  const pipelineRef: { current?: Pipeline } = {};
  const ports: Ports = {
    recognition,
    leaderboard: repos.links
      ? createLinkedLeaderboards({ recognition: narrow(recognition, ['leaderboard', 'rank']), links: repos.links, communities: repos.communities, members: repos.members })
      : narrow(recognition, ['leaderboard', 'rank']),
    linking: repos.links ? createLinking({ store: repos.links, clock: parts.clock, onLinked: (accounts) => alignStages(repos.ambassadors, accounts, parts.clock.now()) }) : unlinkable,
    answering,
    ambassadors,
    privacy: ambassadors.privacy,
    shoutouts,
    routing,
    roleRewards,
    notices,
    routingRecords: narrow(repos.routing, ['latestQuestion', 'openHandoffs', 'setMentionOptOut']),
    answerRecords: narrow(repos.answerLogs, ['get']),
    dashboard: createDashboardAccess({ store: repos.dashboardAuth, members: repos.members, clock: parts.clock, publicUrl: parts.publicUrl ?? 'http://localhost:3000' }),
    members: narrow(repos.members, ['get', 'findByName']),
    channels: narrow(repos.channels, ['get', 'findByName']),
    communities: {
      ...narrow(repos.communities, ['get', 'list']),
      // The pipeline hands each event its community: a changed language or time zone applies from the next message.
      update: async (id, patch) => {
        const updated = await repos.communities.update(id, patch);
        pipelineRef.current?.communityChanged(updated);
        return updated;
      },
    },
    funnelRecords: narrow(repos.ambassadors, ['listStages', 'getFunnel', 'history']),
    offerRecords: narrow(repos.offers, ['recipients', 'counts']),
    activity: narrow(repos.activity, ['rollUp']),
    openQuestions: narrow(repos.answerLogs, ['openQuestions']),
    digestChannels: narrow(repos.ambassadors, ['digestSchedules']),
    scheduler,
    clock: parts.clock,
    translator: parts.translator,
    repliers: instrumentedRepliers,
    commands,
    logger: parts.logger,
    metrics,
    lifecycle: { onStop: (hook) => void stopHooks.push(hook) },
    learning,
  };
  const registry = createFeatureRegistry();
  for (const feature of parts.features) await feature.register(registry, pickPorts(ports, feature.needs));
  // Silent questions' log rows (and, in a history replay, learning's suggestions) are written once
  // per batch (one multi-row INSERT in a replay), and for a live event right after it: whoever
  // reads the table next finds them.
  const pipeline = createPipeline({ repos, logger: parts.logger, handlers: registry, defaults: parts.defaults, afterBatch: async () => void (await Promise.all([answering.flush(), learning.flush()])), ...(progress ? { progress } : {}) });
  pipelineRef.current = pipeline;
  const rebuildDeps = (rebuild: ScoreRebuildStore): RebuildDeps => ({
    rebuild,
    store: parts.repos.scores,
    logger: parts.logger,
    mayProfile: (communityId, memberId) => ambassadors.privacy.mayProfile(communityId, memberId),
    findMember: (memberId) => parts.repos.members.get(memberId),
    timeZoneOf: async (communityId) => (await parts.repos.communities.get(communityId))?.timeZone ?? parts.defaults.timeZone,
    ...(parts.recognition?.config ? { config: parts.recognition.config } : {}),
  });
  // A member deleted by /privacy delete is created afresh if they post again.
  ambassadors.privacy.onErase(async () => pipeline.forgetMembers());
  const intake = parts.spool
    ? createEventIntake({ pipeline, spool: parts.spool, logger: parts.logger, onHandled: (event, stored) => metrics.eventProcessed(event.type, stored) })
    : undefined;
  const dispatch = createCommandDispatcher({ commands, ports, translator: parts.translator, admit: (invocation) => pipeline.admitCommand(invocation),
    ensureChannels: (channels) => parts.repos.channels.ensureMany(channels.map((c) => ({ ...c, named: false }))),
  });
  const platformHandlers = createPlatformHandlers({ repos, pauses, defaults: parts.defaults, ports, registry });

  return {
    ports,
    pipeline,
    async rebuildScores(communityId) {
      if (!parts.scoreRebuild) throw new Error('rebuildScores needs parts.scoreRebuild');
      const deps = rebuildDeps(parts.scoreRebuild);
      const results: RebuildResult[] = [];
      for (const id of communityId ? [communityId] : await parts.scoreRebuild.communities()) results.push(await rebuildCommunityScores(id, deps));
      return results;
    },
    async start() {
      // What a crash kept out of the scores (the write-behind cache's last seconds) comes back
      // before new events arrive.
      if (parts.scoreRebuild) await rebuildLaggingScores(rebuildDeps(parts.scoreRebuild));
      // The router's memory is in-process: relearned from the stored messages before new ones arrive
      // (a history import replays them itself).
      if (!parts.history) await routing.warmUp();
      await parts.scheduler.start();
      intake?.start();
      for (const adapter of parts.adapters) {
        await adapter.start({
          onEvent: intake
            ? (event, delivery) => intake.accept(event, delivery)
            : async (event, delivery) => metrics.eventProcessed(event.type, (await pipeline.handle(event, delivery?.durable ? { onStored: delivery.durable } : {})).stored),
          onCommand: dispatch,
          ...platformHandlers,
        });
      }
    },
    async stop() {
      for (const adapter of parts.adapters) await adapter.stop();
      await intake?.stop();
      for (const hook of stopHooks) {
        try {
          await hook();
        } catch (error) {
          parts.logger.error({ err: error }, 'stop hook failed');
        }
      }
      await parts.scheduler.close();
    },
  };
}

/** An object with only the named methods of `source` (bound to it): a port narrower than the repository behind it. */
function narrow<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const view = {} as Pick<T, K>;
  for (const key of keys) {
    const value = source[key];
    view[key] = (typeof value === 'function' ? value.bind(source) : value) as T[K];
  }
  return view;
}
