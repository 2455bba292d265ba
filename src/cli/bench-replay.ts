// `rapport bench replay [--slack-export DIR|ZIP] [--json]` (default: the bundled Ubuntu IRC train
// export, eval/datasets/ubuntu-irc-train/export.zip)
// Pushes every message of a Slack export through the full pipeline (activity storage, recognition
// with its write-behind store, the funnel and feedback capture; answers when that feature is
// wired) against the configured database and queue (a fresh schema in DATABASE_URL's PostgreSQL
// and a private prefix on REDIS_URL, removed afterwards; the embedded ones without them), in
// batches of 1,000 (DEFAULT_BATCH), as fast as it can.
//
// Per-message latency = the time the features spent on that message (measured by a feature
// placed before and one after Rapport's own) + its share of its batch's storage round trip.
// Peak RSS is sampled after every batch; the human output shows RSS at 25/50/100% of the run,
// which should stay flat as messages grow.
import { parseArgs } from 'node:util';
import type { ChatEvent } from '../core/events.ts';
import { defineFeature, type Feature } from '../core/feature.ts';
import { slackExportEvents } from '../import/slack-export-events.ts';
import { openSlackExport } from '../import/slack-export-reader.ts';
import { DEFAULT_BATCH, replayEvents } from '../import/replay-events.ts';
import { COMMUNITY_EXPORTS } from './bundled-datasets.ts';
import { openImportRuntime } from './import-runtime.ts';
import type { CliCommand } from './io.ts';

export interface BenchReplayResult {
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
}

const USAGE = 'usage: rapport bench replay [--slack-export DIR|ZIP] [--json]\n';
const TEAM = 'bench';
const mb = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function countMessages(dir: string): Promise<number> {
  let total = 0;
  const counting = await openSlackExport(dir);
  try {
    for await (const event of slackExportEvents(counting, { teamId: TEAM })) if (event.type === 'message.posted') total++;
  } finally {
    await counting.close();
  }
  return total;
}

export const runBenchReplay: CliCommand = async (argv, io) => {
  let values: { 'slack-export'?: string; json?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { 'slack-export': { type: 'string' }, json: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const dir = values['slack-export'] ?? COMMUNITY_EXPORTS.train.export;

  // Count first (not timed), so the report can say where 25/50/100% of the run are. In a function
  // of its own so that export (its member table) is not kept alive through the run.
  const total = await countMessages(dir);

  const latencies = new Float64Array(total);
  let routedMs = 0;
  let routeStart = 0;
  let done = 0;
  // Time spent in each feature on message.posted, for the breakdown in the human output.
  const byFeature = new Map<string, number>();
  const timed = (feature: Feature): Feature => ({
    ...feature,
    register: (registry, deps) =>
      feature.register(
        {
          form: (actionId, provider) => registry.form(actionId, provider),
          on(type, handler) {
            registry.on(type, async (event, context) => {
              const t0 = performance.now();
              try {
                await handler(event, context);
              } finally {
                if (type === 'message.posted') byFeature.set(feature.name, (byFeature.get(feature.name) ?? 0) + performance.now() - t0);
              }
            });
          },
        },
        deps,
      ),
  });
  const first = defineFeature({ name: 'bench-start', register: (registry) => registry.on('message.posted', async () => void (routeStart = performance.now())) });
  const last = defineFeature({
    name: 'bench-end',
    register: (registry) =>
      registry.on('message.posted', async () => {
        const ms = performance.now() - routeStart;
        if (done < latencies.length) latencies[done] = ms;
        done++;
        routedMs += ms;
      }),
  });
  const runtime = await openImportRuntime(io, {
    fresh: true,
    queue: true,
    wrapFeatures: (features) => [first, ...features.map(timed), last],
  });
  // What the process holds before the first message (runtime, Prisma, BullMQ): growth is the rest.
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const marks: Array<{ share: number; rssMb: number }> = [];
  const wantMarks = [0.25, 0.5, 1];
  let seconds = 0;
  let messages = 0;
  try {
    const exp = await openSlackExport(dir);
    try {
      const started = performance.now();
      let batchStartIndex = 0;
      const summary = await replayEvents(runtime.rapport.pipeline, slackExportEvents(exp, { teamId: TEAM }) as AsyncIterable<ChatEvent>, {
        batchSize: DEFAULT_BATCH,
        onBatch: (report) => {
          // Storage and other per-batch work, shared by the batch's messages.
          const inBatch = done - batchStartIndex;
          const overhead = inBatch > 0 ? Math.max(0, report.batchMs - routedMs) / inBatch : 0;
          for (let i = batchStartIndex; i < done && i < latencies.length; i++) latencies[i] = (latencies[i] ?? 0) + overhead;
          batchStartIndex = done;
          routedMs = 0;
          const rss = process.memoryUsage.rss();
          if (rss > peak) peak = rss;
          while (wantMarks.length > 0 && report.messages >= wantMarks[0]! * total) marks.push({ share: wantMarks.shift()!, rssMb: mb(rss) });
        },
      });
      // What the features still hold in memory is written inside the timed run.
      await runtime.rapport.ports.recognition.flush();
      await runtime.rapport.ports.answering.flush();
      seconds = (performance.now() - started) / 1000;
      messages = summary.messages;
    } finally {
      await exp.close();
    }
  } finally {
    await runtime.close();
  }
  const sorted = latencies.slice(0, Math.min(done, latencies.length)).sort();
  const result: BenchReplayResult = {
    messages,
    seconds: Math.round(seconds * 100) / 100,
    messagesPerSecond: Math.round(messages / seconds),
    p50Ms: Math.round(percentile(sorted, 50) * 1000) / 1000,
    p99Ms: Math.round(percentile(sorted, 99) * 1000) / 1000,
    peakRssMb: mb(peak),
  };
  if (values.json) {
    io.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  io.stdout.write(
    [
      `Replay benchmark: ${dir}`,
      `  database ${runtime.describe.database}, queue ${runtime.describe.queue}`,
      `  ${result.messages} messages in ${result.seconds} s: ${result.messagesPerSecond} messages/s (target >= 5,000)`,
      `  per message p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (features + share of the batch's storage)`,
      `  peak RSS ${result.peakRssMb} MB (target <= 250); before the first message ${mb(baseline)} MB; at ${marks.map((m) => `${m.share * 100}%: ${m.rssMb} MB`).join(', ')}`,
      `  time in features on messages: ${[...byFeature].filter(([, ms]) => ms >= 1).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', ')}; the rest is storage (activity, members) and reading the export`,
      `  features' posts swallowed by the replay adapter: ${runtime.adapters.reduce((n, a) => n + a.swallowed.posts, 0)}`,
      '',
    ].join('\n'),
  );
  return 0;
};
