// `rapport demo` (`npm run demo`): the console on a sample community with six weeks of activity
// (demo-events.ts), in a data folder of its own (RAPPORT_DATA_DIR/demo, always the embedded
// database) so it never mixes with real data. The activity goes through the pipeline as a history
// import does; running it again stores nothing new and opens the same community.
import path from 'node:path';
import { createRepositories } from '../db/create-repositories.ts';
import { systemClock } from '../core/clock.ts';
import { communityId } from '../core/ids.ts';
import { DEMO_COMMUNITY, DEMO_SYNONYMS, demoEvents, demoKnowledgeBase } from '../demo/demo-events.ts';
import { replayEvents } from '../import/replay-events.ts';
import { openImportRuntime, reviewImportedFunnels } from './import-runtime.ts';
import type { CliCommand, CliIo } from './io.ts';
import { runStart } from './start.ts';

/** The demo's configuration: its own folder, the embedded database, no Slack or Discord. */
export function demoEnv(env: CliIo['env']): CliIo['env'] {
  const { DATABASE_URL: _db, REDIS_URL: _redis, SLACK_BOT_TOKEN: _s, DISCORD_TOKEN: _d, ...rest } = env;
  return { ...rest, RAPPORT_DATA_DIR: path.join(env['RAPPORT_DATA_DIR'] ?? './data', 'demo') };
}

/** Stores the demo community's activity; returns how many events were new. */
export async function buildDemo(io: CliIo): Promise<{ events: number; fresh: number }> {
  const runtime = await openImportRuntime(io, { fresh: false, queue: false });
  try {
    const now = systemClock.now();
    const summary = await replayEvents(runtime.rapport.pipeline, demoEvents(now));
    const repos = createRepositories(runtime.db.prisma);
    const { ambassadors } = runtime.rapport.ports;
    const community = communityId('console', DEMO_COMMUNITY);
    await repos.knowledgeBase.importAll(community, demoKnowledgeBase(), { replace: false });
    // A group already stored is not added twice (add answers with no record).
    for (const words of DEMO_SYNONYMS) await repos.synonyms.add(community, words);
    // Stages then match all six weeks (maria an advocate) before the offer proposes.
    await reviewImportedFunnels(runtime.rapport, [community]);
    // One offer for advocates, its proposals waiting for a moderator (/offer queue); made once.
    if ((await repos.offers.list(community)).length === 0) {
      await ambassadors.offers.create({ communityId: community, title: 'Beta access', content: 'https://example.org/beta', eligibleStage: 'advocate', places: 5, expiresAt: new Date(now.getTime() + 14 * 86_400_000) });
    }
    return { events: summary.events, fresh: summary.fresh };
  } finally {
    await runtime.close();
  }
}

export const runDemo: CliCommand = async (_argv, io) => {
  const demoIo = { ...io, env: demoEnv(io.env) };
  await buildDemo(demoIo);
  return runStart(['--community', DEMO_COMMUNITY], demoIo);
};
