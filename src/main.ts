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
import { createPipeline, type Pipeline, type PipelineDefaults } from './core/pipeline.ts';
import type { Repositories } from './core/ports.ts';
import type { PrivacyGuard } from './core/privacy/privacy-guard.ts';
import { createRecognition, type RecognitionDeps } from './core/recognition/create-recognition.ts';
import type { RecognitionConfigInput } from './core/recognition/recognition-config.ts';
import { createShoutouts } from './core/shoutouts/create-shoutouts.ts';
import { createAnswering } from './core/answering/create-answering.ts';
import { createRouting } from './core/routing/create-routing.ts';
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
  /** Recognition model overrides and write-behind cache bounds (tests, replays). */
  recognition?: { config?: RecognitionConfigInput; cache?: RecognitionDeps['cache'] };
}

export interface Rapport {
  services: Services;
  pipeline: Pipeline;
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
  const recognition = createRecognition({
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
  const routing = createRouting({
    repo: parts.repos.routing,
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
    routing,
    onStop: (hook) => void stopHooks.push(hook),
  };
  const registry = createFeatureRegistry();
  for (const feature of parts.features) await feature(registry, services);
  // Silent questions' log rows are written once per batch (one multi-row INSERT in a replay), and
  // for a live event right after it: whoever reads the table next finds them.
  const pipeline = createPipeline({ services, handlers: registry, defaults: parts.defaults, afterBatch: () => answering.flush() });
  // A member deleted by /privacy delete is created afresh if they post again.
  ambassadors.privacy.onErase(async () => pipeline.forgetMembers());
  const dispatch = createCommandDispatcher({ services, translator: parts.translator, admit: (invocation) => pipeline.admitCommand(invocation) });

  return {
    services,
    pipeline,
    async start() {
      await parts.scheduler.start();
      for (const adapter of parts.adapters) {
        await adapter.start({ onEvent: async (event) => metrics.eventProcessed(event.type, (await pipeline.handle(event)).stored), onCommand: dispatch });
      }
    },
    async stop() {
      for (const adapter of parts.adapters) await adapter.stop();
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
