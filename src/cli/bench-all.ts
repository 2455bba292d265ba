// `rapport bench all [--json]` (what `npm run bench` runs): every benchmark there is, one after
// the other: the replay of the bundled train export (eval/datasets/ubuntu-irc-train/export.zip)
// through the full pipeline, then the answers benchmarks (bench answers, bench answer-path) when
// their commands exist. Exits non-zero when any benchmark fails to run.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.ts';
import { COMMUNITY_EXPORTS } from './bundled-datasets.ts';
import type { CliCommand } from './io.ts';

const TRAIN = COMMUNITY_EXPORTS.train.export;

export const runBenchAll: CliCommand = async (argv, io) => {
  const json = argv.includes('--json');
  let worst = 0;
  if (existsSync(TRAIN)) {
    io.stdout.write(json ? '' : '== bench replay ==\n');
    const { runBenchReplay } = await import('./bench-replay.ts');
    worst = Math.max(worst, await runBenchReplay(['--slack-export', TRAIN, ...(json ? ['--json'] : [])], io));
  } else {
    io.stderr.write(`bench replay skipped: ${TRAIN} is missing\n`);
  }
  if (existsSync(fileURLToPath(new URL('./bench-answers.ts', import.meta.url)))) {
    io.stdout.write(json ? '' : '== bench answers ==\n');
    const { runBenchAnswers } = await import('./bench-answers.ts');
    worst = Math.max(worst, await runBenchAnswers(json ? ['--json'] : [], { stdout: io.stdout, stderr: io.stderr, language: loadConfig(io.env).language }));
  }
  if (existsSync(fileURLToPath(new URL('./bench-answer-path.ts', import.meta.url)))) {
    io.stdout.write(json ? '' : '== bench answer-path ==\n');
    const { runBenchAnswerPath } = await import('./bench-answer-path.ts');
    worst = Math.max(worst, await runBenchAnswerPath(json ? ['--json'] : [], io));
  }
  return worst;
};
