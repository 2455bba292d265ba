// `rapport eval routing [--slack-export DIR|ZIP] [--truth FILE] [--json]`
//
// Replays a Slack export in time order and, at each question of the truth file, compares whom the
// router would ping with two baselines (src/core/routing/evaluate-routing.ts). Defaults to the
// bundled held-out set, eval/datasets/ubuntu-irc-dev. The truth file only picks which questions
// are scored; its `answered_by` is read for scoring, never by the router.
import { dirname, join } from 'node:path';
import { evaluateRouting, type ReplayMessage, type RoutingEvaluation } from '../core/routing/evaluate-routing.ts';
import type { RoutingWeights } from '../core/routing/routing-weights.ts';
import { routedMessageOf } from '../core/routing/warm-up.ts';
import { slackExportMessageToEvents } from '../import/slack-export-events.ts';
import { openSlackExport, type SlackExport } from '../import/slack-export-reader.ts';
import { COMMUNITY_EXPORTS } from './bundled-datasets.ts';
import { readTruthQuestions } from './truth-file.ts';
import type { CliIo } from './io.ts';
import { parseCommandArgs } from './io.ts';

// The bundled held-out export, found from the package (not the working directory).
export const DEFAULT_EXPORT = COMMUNITY_EXPORTS.dev.export;
const TEAM = 'export';
const USAGE = 'usage: rapport eval routing [--slack-export DIR|ZIP] [--truth FILE] [--json]\n(defaults: eval/datasets/ubuntu-irc-dev and its ground-truth.json)\n';

/** The `questions` of a ground-truth file (one reader for every eval: truth-file.ts). */
export const readRoutingTruth = readTruthQuestions;

/** The export's posted messages, oldest first, as the router sees them. */
export async function* replayMessages(exp: SlackExport): AsyncGenerator<ReplayMessage> {
  for await (const message of exp.messages()) {
    for (const event of slackExportMessageToEvents(exp, message, { teamId: TEAM })) {
      if (event.type !== 'message.posted') continue;
      yield { ts: message.ts, userId: message.userId, ...routedMessageOf(event) };
    }
  }
}

export async function evaluateRoutingExport(exportPath: string, truthFile: string, options: Parameters<typeof evaluateRouting>[2] = {}): Promise<RoutingEvaluation> {
  const truth = await readRoutingTruth(truthFile);
  const exp = await openSlackExport(exportPath);
  try {
    return await evaluateRouting(replayMessages(exp), truth, options);
  } finally {
    await exp.close();
  }
}

export async function runEvalRouting(argv: string[], io: Pick<CliIo, 'stdout' | 'stderr'>, deps: { weights?: RoutingWeights } = {}): Promise<number> {
  const parsed = parseCommandArgs<{ 'slack-export'?: string; truth?: string; json?: boolean; help?: boolean }>(argv, { 'slack-export': { type: 'string' }, truth: { type: 'string' }, json: { type: 'boolean' } }, USAGE, io);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const exportPath = values['slack-export'] ?? DEFAULT_EXPORT;
  // The truth file sits next to an export folder, or next to a ZIP.
  const truthFile = values.truth ?? (exportPath.toLowerCase().endsWith('.zip') ? join(dirname(exportPath), 'ground-truth.json') : join(exportPath, 'ground-truth.json'));
  try {
    const result = await evaluateRoutingExport(exportPath, truthFile, deps.weights ? { weights: deps.weights } : {});
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ questions: result.questions, rapport: result.rapport, recentlyActive: result.recentlyActive, mostActive: result.mostActive, items: result.items })}\n`);
      return 0;
    }
    const f = (n: number): string => n.toFixed(3).padStart(7);
    io.stdout.write(
      [
        `Routing evaluation: ${exportPath}`,
        `${result.questions} questions; hit@k = one of the first k suggested members answered`,
        '',
        '                  hit@1  hit@3',
        `Rapport         ${f(result.rapport.hit1)}${f(result.rapport.hit3)}`,
        `Recently active ${f(result.recentlyActive.hit1)}${f(result.recentlyActive.hit3)}`,
        `Most active     ${f(result.mostActive.hit1)}${f(result.mostActive.hit3)}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
