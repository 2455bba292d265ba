// `rapport eval learning [--slack-export DIR|ZIP] [--truth FILE] [--json] [--miner-only]`
//
// Replays a Slack export, oldest message first, through the full pipeline of a fresh Rapport (as
// `eval ambassadors` does; the learning feature stores its suggestions in the queue), or with
// --miner-only straight through the thread miner (src/core/learning/thread-miner.ts, no database:
// seconds instead of minutes, the same suggestions), and scores the suggestions against a
// ground-truth file's `questions`:
// - a suggestion matches the truth question whose ts is its opening message's ts; those matching
//   none are `unmatched` and not scored;
// - precision = matched suggestions whose credited member is among the question's `answered_by`
//   / matched suggestions; coverage = matched suggestions / questions.
// The truth file is read after the replay and only scores: mining never sees it.
// Defaults: the bundled dev export (eval/datasets/ubuntu-irc-dev) and its ground-truth.json.
import { createRepositories } from '../db/create-repositories.ts';
import { createThreadMiner, minerMessageOf, type MinedSuggestion, type MinerOptions } from '../core/learning/thread-miner.ts';
import { parseId } from '../core/ids.ts';
import { slackExportMessageToEvents } from '../import/slack-export-events.ts';
import { openSlackExport } from '../import/slack-export-reader.ts';
import { replayEvents } from '../import/replay-events.ts';
import { communityId as makeCommunityId } from '../core/ids.ts';
import { COMMUNITY_EXPORTS } from './bundled-datasets.ts';
import type { CliIo } from './io.ts';
import { readTruthQuestions } from './truth-file.ts';
import { parseCommandArgs } from './io.ts';
import { openImportRuntime } from './import-runtime.ts';

const DEV = COMMUNITY_EXPORTS.dev.export;
const TEAM = 'export';

export interface LearningItem {
  questionTs: string;
  asker: string;
  credited: string;
}

export interface LearningEvaluation {
  questions: number;
  suggestions: number;
  answererCorrect: number;
  precision: number;
  coverage: number;
  items: LearningItem[];
  unmatched: number;
}

interface TruthQuestion {
  ts: string;
  answeredBy: Set<string>;
}

/** The platform-local part of an id ("slack:export:C1/123.45" -> "C1/123.45"). */
const local = (id: string) => decodeURIComponent(parseId(id).local ?? id);

/** Mines an export; one item per suggestion, in the order they were made. */
export async function mineExport(dir: string, options: Partial<MinerOptions> = {}): Promise<{ items: LearningItem[]; suggestions: MinedSuggestion[] }> {
  const exp = await openSlackExport(dir);
  const miner = createThreadMiner(options);
  const suggestions: MinedSuggestion[] = [];
  try {
    for await (const message of exp.messages()) {
      for (const event of slackExportMessageToEvents(exp, message, { teamId: TEAM })) {
        let found: MinedSuggestion | null = null;
        if (event.type === 'message.posted') found = miner.onMessage(minerMessageOf(event));
        else if (event.type === 'reaction.added') found = miner.onReaction({ channelId: event.channelId, messageId: event.messageId, actorId: event.actor.memberId, actorIsModerator: event.actor.isModerator, emoji: event.emoji, at: event.occurredAt.getTime() });
        // The queue refuses empty answers (suggestion-queue.ts): the evaluation does the same.
        if (found && found.answerText.trim() !== '') suggestions.push(found);
      }
    }
  } finally {
    await exp.close();
  }
  const items = suggestions.map((s) => ({ questionTs: local(s.questionMessageId).split('/').pop() ?? '', asker: local(s.askerId), credited: local(s.creditedId) }));
  return { items, suggestions };
}

/**
 * The same export through the full pipeline of a fresh Rapport (activity, recognition, answering,
 * the learning feature and its queue, in a database of its own, see import-runtime.ts): the
 * suggestions the live queue stores, oldest first.
 */
export async function mineThroughPipeline(dir: string, io: CliIo): Promise<{ items: LearningItem[] }> {
  const runtime = await openImportRuntime(io, { fresh: true, queue: false });
  try {
    const exp = await openSlackExport(dir);
    try {
      async function* events() {
        for await (const message of exp.messages()) yield* slackExportMessageToEvents(exp, message, { teamId: TEAM });
      }
      await replayEvents(runtime.rapport.pipeline, events());
    } finally {
      await exp.close();
    }
    const stored = await createRepositories(runtime.db.prisma).learning.pending(makeCommunityId('slack', TEAM), Number.MAX_SAFE_INTEGER);
    return { items: stored.map((s) => ({ questionTs: local(s.questionMessageId).split('/').pop() ?? '', asker: local(s.askerMemberId), credited: local(s.creditedMemberId) })) };
  } finally {
    await runtime.close();
  }
}

/** The truth file's questions, with who answered each as a set (scoring looks members up). */
export async function readLearningTruth(file: string): Promise<TruthQuestion[]> {
  return (await readTruthQuestions(file)).map((q) => ({ ts: q.ts, answeredBy: new Set(q.answeredBy) }));
}

export function scoreLearning(items: readonly LearningItem[], truth: readonly TruthQuestion[]): LearningEvaluation {
  const byTs = new Map(truth.map((q) => [q.ts, q]));
  let matched = 0;
  let correct = 0;
  for (const item of items) {
    const question = byTs.get(item.questionTs);
    if (!question) continue;
    matched++;
    if (question.answeredBy.has(item.credited)) correct++;
  }
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return {
    questions: truth.length,
    suggestions: items.length,
    answererCorrect: correct,
    precision: matched === 0 ? 0 : round(correct / matched),
    coverage: truth.length === 0 ? 0 : round(matched / truth.length),
    items: [...items],
    unmatched: items.length - matched,
  };
}

const USAGE = 'usage: rapport eval learning [--slack-export DIR|ZIP] [--truth FILE] [--json] [--miner-only]\n(defaults: eval/datasets/ubuntu-irc-dev and its ground-truth.json; --miner-only skips the database and feeds the miner directly)\n';

export async function runEvalLearning(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs<{ 'slack-export'?: string; truth?: string; json?: boolean; help?: boolean; 'miner-only'?: boolean }>(argv, { 'slack-export': { type: 'string' }, truth: { type: 'string' }, json: { type: 'boolean' }, 'miner-only': { type: 'boolean' } }, USAGE, io);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const dir = values['slack-export'] ?? DEV;
  const truthFile = values.truth ?? (values['slack-export'] === undefined ? `${DEV}/ground-truth.json` : undefined);
  if (!truthFile) {
    io.stderr.write(`--truth is required with --slack-export\n${USAGE}`);
    return 2;
  }
  try {
    const { items } = values['miner-only'] ? await mineExport(dir) : await mineThroughPipeline(dir, io);
    const result = scoreLearning(items, await readLearningTruth(truthFile));
    if (values.json) {
      const { questions, suggestions, answererCorrect, precision, coverage, unmatched } = result;
      io.stdout.write(`${JSON.stringify({ questions, suggestions, answererCorrect, precision, coverage, items: result.items, unmatched })}\n`);
      return 0;
    }
    io.stdout.write(
      [
        `Learning evaluation: ${dir}`,
        `${result.suggestions} suggestions (${result.unmatched} match no truth question), ${result.questions} questions`,
        `precision ${result.precision.toFixed(3)} (${result.answererCorrect} credited a member who answered), coverage ${result.coverage.toFixed(3)}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
