// The only place that wires Rapport together: config -> database -> queue -> services ->
// features -> pipeline -> adapters. Tests call buildRapport with their own parts.
import type { ChatAdapter } from './core/adapter.ts';
import { createAmbassadors, type AmbassadorsDeps } from './core/ambassadors/create-ambassadors.ts';
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
  ambassadors?: Pick<AmbassadorsDeps, 'signals' | 'limits' | 'rules'>;
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
  const ambassadors = createAmbassadors({ repos: parts.repos, clock: parts.clock, scheduler, logger: parts.logger, repliers: instrumentedRepliers, translator: parts.translator, ...parts.ambassadors });
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
  };
  const registry = createFeatureRegistry();
  for (const feature of parts.features) await feature(registry, services);
  const pipeline = createPipeline({ services, handlers: registry, defaults: parts.defaults });
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
      await parts.scheduler.close();
    },
  };
}
