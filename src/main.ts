// The only place that wires Rapport together: config -> database -> queue -> services ->
// features -> pipeline -> adapters. Tests call buildRapport with their own parts.
import { readFile } from 'node:fs/promises';
import type { ChatAdapter } from './core/adapter.ts';
import { createAmbassadors, type AmbassadorsDeps } from './core/ambassadors/create-ambassadors.ts';
import { signalsFromScoreStore } from './core/ambassadors/recognition-signals.ts';
import type { Clock } from './core/clock.ts';
import { createCommandDispatcher } from './core/commands/dispatch.ts';
import type { CommandDefinition } from './core/commands/define.ts';
import { createCommandRegistry } from './core/commands/registry.ts';
import { createDashboardAccess } from './core/dashboard/dashboard-access.ts';
import { createFeatureRegistry, type Feature } from './core/features.ts';
import { parseId, type Platform } from './core/ids.ts';
import type { Logger } from './core/logger.ts';
import { instrumentRepliers, instrumentScheduler, noopMetrics, type Metrics } from './core/metrics.ts';
import type { Replier, ReplierDirectory } from './core/outgoing.ts';
import { createEventIntake } from './core/event-intake.ts';
import type { EventSpool } from './core/event-spool.ts';
import { createPipeline, type Pipeline, type PipelineDefaults } from './core/pipeline.ts';
import type { Repositories } from './core/ports.ts';
import type { PrivacyGuard } from './core/privacy/privacy-guard.ts';
import { createRecognition, type RecognitionDeps } from './core/recognition/create-recognition.ts';
import { rebuildCommunityScores, rebuildLaggingScores, type RebuildDeps, type RebuildResult, type ScoreRebuildStore } from './core/recognition/rebuild-scores.ts';
import { createScoreProgress } from './core/recognition/score-progress.ts';
import type { RecognitionConfigInput } from './core/recognition/recognition-config.ts';
import { createShoutouts } from './core/shoutouts/create-shoutouts.ts';
import { createAnswering } from './core/answering/create-answering.ts';
import type { JobScheduler } from './core/scheduler.ts';
import type { Services } from './core/services.ts';
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
}

export interface Rapport {
  services: Services;
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
  const scheduler = instrumentScheduler(parts.scheduler, metrics);
  const instrumentedRepliers = instrumentRepliers(repliers, metrics);
  // Recognition asks privacy (built by the ambassadors) before scoring anyone; the funnel reads its scores.
  let privacy: PrivacyGuard | undefined;
  const progress = parts.scoreRebuild ? createScoreProgress() : undefined;
  const recognition = createRecognition({
    ...(progress && parts.scoreRebuild ? { watermarks: { progress, save: (marks: Map<string, number>) => parts.scoreRebuild!.saveWatermarks(marks) } } : {}),
    store: parts.repos.scores,
    clock: parts.clock,
    // The engine's own detector, not the answers' one (detectQuestion in src/core/answers): that one
    // asks "should the bot answer this?" and rejects questions addressed to a member, which for
    // recognition are still people asking for help (dev P@10 0.7 with it, 0.8 without; train 0.9 both).
    mayProfile: (communityId, memberId) => (privacy ? privacy.mayProfile(communityId, memberId) : Promise.resolve(true)),
    findMember: (memberId) => parts.repos.members.get(memberId),
    ...(parts.recognition?.config ? { config: parts.recognition.config } : {}),
    ...(parts.recognition?.cache ? { cache: parts.recognition.cache } : {}),
  });
  const ambassadors = createAmbassadors({
    repos: parts.repos,
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
  const shoutouts = createShoutouts({ repo: parts.repos.shoutouts, communities: parts.repos.communities, recognition, scheduler, repliers: instrumentedRepliers, translator: parts.translator, clock: parts.clock, logger: parts.logger });
  const answering = createAnswering({
    kb: parts.repos.knowledgeBase,
    answerLogs: parts.repos.answerLogs,
    channels: parts.repos.channels,
    repliers: instrumentedRepliers,
    translator: parts.translator,
    logger: parts.logger,
    metrics,
    now: () => performance.now(),
    readFile: (path) => readFile(path, 'utf8'),
  });
  // An erased member's silent questions still waiting to be written are dropped with them.
  ambassadors.privacy.onErase(async (memberId) => answering.forgetMember(memberId));
  const stopHooks: Array<() => Promise<void>> = [];
  const services: Services = {
    repos: parts.repos,
    clock: parts.clock,
    scheduler,
    logger: parts.logger,
    repliers: instrumentedRepliers,
    commands: createCommandRegistry(parts.commands),
    translator: parts.translator,
    dashboard: createDashboardAccess({ store: parts.repos.dashboardAuth, members: parts.repos.members, clock: parts.clock, publicUrl: parts.publicUrl ?? 'http://localhost:3000' }),
    metrics,
    ambassadors,
    privacy: ambassadors.privacy,
    recognition,
    shoutouts,
    answering,
    onStop: (hook) => void stopHooks.push(hook),
  };
  const registry = createFeatureRegistry();
  for (const feature of parts.features) await feature(registry, services);
  // Silent questions' log rows are written once per batch (one multi-row INSERT in a replay), and
  // for a live event right after it: whoever reads the table next finds them.
  const pipeline = createPipeline({ services, handlers: registry, defaults: parts.defaults, afterBatch: () => answering.flush(), ...(progress ? { progress } : {}) });
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
  const dispatch = createCommandDispatcher({ services, translator: parts.translator, admit: (invocation) => pipeline.admitCommand(invocation) });

  return {
    services,
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
      await parts.scheduler.start();
      intake?.start();
      for (const adapter of parts.adapters) {
        await adapter.start({
          onEvent: intake
            ? (event, delivery) => intake.accept(event, delivery)
            : async (event, delivery) => metrics.eventProcessed(event.type, (await pipeline.handle(event, delivery?.durable ? { onStored: delivery.durable } : {})).stored),
          onCommand: dispatch,
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
