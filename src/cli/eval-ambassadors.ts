// `rapport eval ambassadors [--split dev|train | --slack-export DIR|ZIP --truth FILE] [--json]`
//
// With no export given it runs on the bundled Ubuntu IRC dev export and its truth file
// (eval/datasets/ubuntu-irc-dev); `--split train` takes the bundled train export (a ZIP) instead.
//
// Replays a Slack export through the pipeline the live bot uses (activity, recognition, funnel,
// feedback; in a fresh embedded database, or a fresh schema in DATABASE_URL's PostgreSQL, see
// import-runtime.ts), ranks members by all-time helper score
// and compares the ranking with the `helpers` of a ground-truth file, ranked by
// `distinct_users_helped` (ties keep the file's order). The baseline ranks by message count,
// what XP bots do.
//
// P@k = |top-k by the method ∩ top-k of the truth| / k. Members the method cannot rank (fewer than
// k with a positive score) count as misses. Bots never count. A member listed under several
// nicknames in the truth counts once, at their best place; ties in distinct_users_helped keep the
// file's order. Both outputs also show a tie-aware figure, labelled as such (`withTies` in --json):
// members tied with the truth's k-th count as top-k, still divided by k.
import { readFile } from 'node:fs/promises';
import { parseCommandArgs } from './io.ts';
import { fixedClock } from '../core/clock.ts';
import { UserError } from '../core/errors.ts';
import { communityId as makeCommunityId, scopedId } from '../core/ids.ts';
import type { QuestionDetector } from '../core/answers/detect/question-detector.ts';
import type { RecognitionConfigInput } from '../core/recognition/recognition-config.ts';
import { createRecognitionEngine } from '../core/recognition/recognition-engine.ts';
import { createInMemoryScoreStore } from '../core/recognition/score-store.ts';
import { slackExportMessageToEvents } from '../import/slack-export-events.ts';
import { openSlackExport, parseJsonFile } from '../import/slack-export-reader.ts';
import { replayEvents } from '../import/replay-events.ts';
import { COMMUNITY_EXPORTS, type CommunitySplit } from './bundled-datasets.ts';
import { openImportRuntime } from './import-runtime.ts';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Configuration (DATABASE_URL); needed by the default, full-pipeline replay. */
  env?: Record<string, string | undefined>;
}

export interface PrecisionAtK {
  p5: number;
  p10: number;
  p20: number;
}

export interface AmbassadorEvaluation {
  members: number;
  rapport: PrecisionAtK;
  messageCount: PrecisionAtK;
}

export interface ReplayResult {
  /** Member ids (raw Slack user ids) by helper score, best first. */
  byHelperScore: string[];
  /** Member ids by number of messages posted, most first. */
  byMessageCount: string[];
  messages: number;
  seconds: number;
}

const TEAM = 'export';

/** P@k = |top-k of `ranked` ∩ top-k of `truth`| / k. */
export function precisionAtK(ranked: readonly string[], truth: readonly string[], k: number): number {
  const want = new Set(truth.slice(0, k));
  let hits = 0;
  for (const id of ranked.slice(0, k)) if (want.has(id)) hits++;
  return hits / k;
}

/**
 * The same with ties: the truth's top k also holds every member tied with the k-th (the truth
 * cannot order them), still divided by k and capped at 1. Shown for information only.
 */
export function precisionAtKWithTies(ranked: readonly string[], truth: ReadonlyArray<{ user: string; helped: number }>, k: number): number {
  const kth = truth[k - 1]?.helped ?? 0;
  const want = new Set(truth.filter((h, i) => i < k || h.helped >= kth).map((h) => h.user));
  let hits = 0;
  for (const id of ranked.slice(0, k)) if (want.has(id)) hits++;
  return Math.min(1, hits / k);
}

function precisions(ranked: readonly string[], truth: readonly string[]): PrecisionAtK {
  return { p5: precisionAtK(ranked, truth, 5), p10: precisionAtK(ranked, truth, 10), p20: precisionAtK(ranked, truth, 20) };
}

/** Ground-truth helper ids ranked by distinct_users_helped (stable: ties keep file order). */
export async function readTruthRanking(file: string): Promise<string[]> {
  return (await readTruth(file)).map((h) => h.user);
}

/** Ground-truth helpers, best first, one entry per member (their best), with distinct_users_helped. */
export async function readTruth(file: string): Promise<Array<{ user: string; helped: number }>> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new UserError('eval.truth_unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  });
  const data = parseJsonFile(file, text) as { helpers?: unknown };
  if (!Array.isArray(data.helpers)) throw new UserError('eval.truth_invalid', { file, reason: 'no "helpers" array' });
  const helpers = data.helpers.map((h: unknown, i: number) => {
    const rec = h as { user?: unknown; distinct_users_helped?: unknown };
    if (typeof rec.user !== 'string' || typeof rec.distinct_users_helped !== 'number') {
      throw new UserError('eval.truth_invalid', { file, reason: `helper #${i + 1} needs "user" and "distinct_users_helped"` });
    }
    return { user: rec.user, helped: rec.distinct_users_helped, i };
  });
  helpers.sort((a, b) => b.helped - a.helped || a.i - b.i);
  // A member can appear once per nickname; the member's best entry is their rank.
  const seen = new Set<string>();
  return helpers.filter((h) => !seen.has(h.user) && seen.add(h.user)).map(({ user, helped }) => ({ user, helped }));
}

/** Replays the export through a fresh engine with an in-memory store. */
export async function replayForRanking(
  dir: string,
  options: { config?: RecognitionConfigInput; detectQuestion?: QuestionDetector } = {},
): Promise<ReplayResult & { members: number }> {
  const exp = await openSlackExport(dir);
  const clock = fixedClock(new Date(0));
  const store = createInMemoryScoreStore();
  const engine = createRecognitionEngine({ store, clock, config: options.config ?? {}, ...(options.detectQuestion ? { detectQuestion: options.detectQuestion } : {}) });
  const counts = new Map<string, number>();
  let messages = 0;
  const started = process.hrtime.bigint();
  try {
    for await (const message of exp.messages()) {
      for (const event of slackExportMessageToEvents(exp, message, { teamId: TEAM })) {
        if (event.type === 'message.posted') {
          messages++;
          clock.set(event.occurredAt);
          if (!event.author.isBot) counts.set(message.userId, (counts.get(message.userId) ?? 0) + 1);
          await engine.onMessage(event);
        } else if (event.type === 'reaction.added') {
          await engine.onReaction(event);
        } else if (event.type === 'member.joined') {
          await engine.onMemberJoined(event);
        }
      }
    }
  } finally {
    await exp.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const board = await engine.leaderboard({ communityId: makeCommunityId('slack', TEAM), period: 'all', kind: 'helpers', limit: Number.MAX_SAFE_INTEGER });
  const prefix = `${scopedId('slack', TEAM, 'x').slice(0, -1)}`;
  const byHelperScore = board.map((e) => decodeURIComponent(e.memberId.slice(prefix.length)));
  const byMessageCount = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  return { byHelperScore, byMessageCount, messages, seconds, members: exp.users.size };
}

/**
 * Replays the export through the full pipeline of a fresh Rapport (no chat adapters) and ranks
 * members by the all-time helper board the /leaderboard command shows.
 */
export async function replayThroughPipeline(dir: string, io: CliIo): Promise<ReplayResult & { members: number }> {
  const runtime = await openImportRuntime({ stdin: process.stdin, stdout: io.stdout as NodeJS.WritableStream, stderr: io.stderr as NodeJS.WritableStream, env: io.env ?? {} }, { fresh: true, queue: false });
  try {
    const exp = await openSlackExport(dir);
    const counts = new Map<string, number>();
    const started = process.hrtime.bigint();
    let summary;
    try {
      async function* events() {
        for await (const message of exp.messages()) {
          for (const event of slackExportMessageToEvents(exp, message, { teamId: TEAM })) {
            if (event.type === 'message.posted' && !event.author.isBot) counts.set(message.userId, (counts.get(message.userId) ?? 0) + 1);
            yield event;
          }
        }
      }
      summary = await replayEvents(runtime.rapport.pipeline, events());
    } finally {
      await exp.close();
    }
    const { recognition, communities } = runtime.rapport.ports;
    await recognition.flush();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const communityId = makeCommunityId('slack', TEAM);
    const community = (await communities.get(communityId)) ?? { id: communityId, timeZone: 'UTC' };
    const board = await recognition.leaderboard(community, { period: 'all', kind: 'helpers', limit: Number.MAX_SAFE_INTEGER - 100 });
    const prefix = `${scopedId('slack', TEAM, 'x').slice(0, -1)}`;
    const byHelperScore = board.map((e) => decodeURIComponent(e.memberId.slice(prefix.length)));
    const byMessageCount = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
    return { byHelperScore, byMessageCount, messages: summary.messages, seconds, members: exp.users.size };
  } finally {
    await runtime.close();
  }
}

/** Replays an export and ranks its members (the full pipeline by default; tests may pass the bare engine). */
export type ReplayForRanking = (exportDir: string) => Promise<ReplayResult & { members: number }>;

export async function evaluateAmbassadors(
  exportDir: string,
  truthFile: string,
  replay: ReplayForRanking = (dir) => replayForRanking(dir),
): Promise<AmbassadorEvaluation & { replay: ReplayResult; withTies: { rapport: PrecisionAtK; messageCount: PrecisionAtK } }> {
  const truth = await readTruth(truthFile);
  const ids = truth.map((h) => h.user);
  const replayed = await replay(exportDir);
  const tied = (ranked: string[]): PrecisionAtK => ({
    p5: precisionAtKWithTies(ranked, truth, 5),
    p10: precisionAtKWithTies(ranked, truth, 10),
    p20: precisionAtKWithTies(ranked, truth, 20),
  });
  return {
    members: replayed.members,
    rapport: precisions(replayed.byHelperScore, ids),
    messageCount: precisions(replayed.byMessageCount, ids),
    replay: replayed,
    withTies: { rapport: tied(replayed.byHelperScore), messageCount: tied(replayed.byMessageCount) },
  };
}

const USAGE = 'usage: rapport eval ambassadors --slack-export DIR|ZIP --truth FILE [--json]\n       rapport eval ambassadors [--split dev|train] [--json]   (the bundled Ubuntu IRC exports; dev by default)\n';

/** `deps.replay` lets the caller replay through the full pipeline (database, queue) instead. */
export async function runEvalAmbassadors(argv: string[], io: CliIo, deps: { replay?: ReplayForRanking } = {}): Promise<number> {
  const args = argv[0] === 'eval' ? argv.slice(1) : argv;
  const parsed = parseCommandArgs<{ 'slack-export'?: string; truth?: string; split?: string; json?: boolean; help?: boolean }>(
    args[0] === 'ambassadors' ? args.slice(1) : args,
    { 'slack-export': { type: 'string' }, truth: { type: 'string' }, split: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
    io,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const own = values['slack-export'] !== undefined || values.truth !== undefined;
  if (own && values.split !== undefined) {
    io.stderr.write(`--split picks a bundled export; leave it out when you give --slack-export and --truth\n${USAGE}`);
    return 2;
  }
  if (own && (!values['slack-export'] || !values.truth)) {
    io.stderr.write(`--slack-export and --truth are required together\n${USAGE}`);
    return 2;
  }
  const split = values.split ?? 'dev';
  if (!own && !Object.hasOwn(COMMUNITY_EXPORTS, split)) {
    io.stderr.write(`--split must be dev or train, not "${split}"\n${USAGE}`);
    return 2;
  }
  const exportPath = values['slack-export'] ?? COMMUNITY_EXPORTS[split as CommunitySplit].export;
  const truthFile = values.truth ?? COMMUNITY_EXPORTS[split as CommunitySplit].truth;
  try {
    const result = await evaluateAmbassadors(exportPath, truthFile, deps.replay ?? ((dir) => replayThroughPipeline(dir, io)));
    const { replay, withTies, ...summary } = result;
    if (values.json) {
      // The fixed shape first; `withTies` is extra and for information only (the truth cannot
      // order members tied on distinct people helped, so it counts them all as top-k).
      io.stdout.write(`${JSON.stringify({ members: summary.members, rapport: summary.rapport, messageCount: summary.messageCount, withTies })}\n`);
      return 0;
    }
    const f = (n: number): string => n.toFixed(2).padStart(6);
    io.stdout.write(
      [
        `Ambassador evaluation: ${exportPath}`,
        `${replay.messages} messages, ${summary.members} members, replayed in ${replay.seconds.toFixed(2)} s (${Math.round(replay.messages / replay.seconds)} msg/s)`,
        'P@k = |top-k by the method ∩ top-k of the ground truth (distinct people helped)| / k',
        '',
        '                 P@5   P@10   P@20',
        `Rapport       ${f(summary.rapport.p5)} ${f(summary.rapport.p10)} ${f(summary.rapport.p20)}`,
        `Message count ${f(summary.messageCount.p5)} ${f(summary.messageCount.p10)} ${f(summary.messageCount.p20)}`,
        '',
        'Counting members tied with the k-th of the truth as top-k (information only):',
        `Rapport       ${f(withTies.rapport.p5)} ${f(withTies.rapport.p10)} ${f(withTies.rapport.p20)}`,
        `Message count ${f(withTies.messageCount.p5)} ${f(withTies.messageCount.p10)} ${f(withTies.messageCount.p20)}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
