// `rapport bench answers [--entries N] [--queries N] [--data DIR] [--json]`
// Builds a knowledge base of N entries (default 10,000) from the bundled FAQ data
// (eval/datasets/faq) and times the in-process path from a question event to the reply decision:
// question detection, retrieval and confidence. Reports index build time and p50/p99 per question.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createAnswerIndex } from '../core/answers/search/answer-index.ts';
import { decideAnswer } from '../core/answers/decide/decide-answer.ts';
import { parseKbJson } from '../core/answers/knowledge-base/kb-parse-json.ts';
import { parseQueryLines } from '../core/answers/eval/query-file-parse.ts';
import { seededRandom, syntheticKb } from '../core/answers/knowledge-base/synthetic-kb.ts';
import type { KbEntry } from '../core/answers/knowledge-base/kb-entry.ts';
import { FAQ_DIR as DEFAULT_DATA } from './bundled-datasets.ts';
import type { CliIo } from './eval-answers.ts';

const KBS = ['stackfaq', 'banking77', 'shop-bg'];
const QUERIES = ['stackfaq.dev.jsonl', 'banking77.dev.jsonl', 'shop-bg.dev.jsonl', 'out-of-scope.dev.jsonl'];

const TEXT = {
  en: {
    usage: 'Usage: rapport bench answers [--entries N] [--queries N] [--data DIR] [--json]',
    badNumber: (name: string) => `--${name} must be a whole number above 0.`,
    noData: (dir: string, why: string) => `Cannot read the FAQ data in ${dir} (${why}); pass --data DIR.`,
    report: (r: BenchResult) => `Answers benchmark: ${r.entries} entries, ${r.questions} questions\n  index build  ${r.buildMs.toFixed(0)} ms\n  per question p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms, max ${r.maxMs.toFixed(2)} ms (target p99 <= 20 ms)\n  CPU time per question p50 ${r.cpuP50Ms.toFixed(2)} ms, p99 ${r.cpuP99Ms.toFixed(2)} ms\n`,
  },
  bg: {
    usage: 'Употреба: rapport bench answers [--entries N] [--queries N] [--data ПАПКА] [--json]',
    badNumber: (name: string) => `--${name} трябва да е цяло число над 0.`,
    noData: (dir: string, why: string) => `Не мога да прочета данните в ${dir} (${why}); подайте --data ПАПКА.`,
    report: (r: BenchResult) => `Тест за скорост на отговорите: ${r.entries} записа, ${r.questions} въпроса\n  изграждане на индекса  ${r.buildMs.toFixed(0)} ms\n  на въпрос p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms, макс. ${r.maxMs.toFixed(2)} ms (цел p99 <= 20 ms)\n  процесорно време на въпрос p50 ${r.cpuP50Ms.toFixed(2)} ms, p99 ${r.cpuP99Ms.toFixed(2)} ms\n`,
  },
};

export interface BenchResult {
  entries: number;
  questions: number;
  buildMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** CPU time of the process per question: less sensitive than wall time to other busy processes. */
  cpuP50Ms: number;
  cpuP99Ms: number;
  answered: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function runBenchAnswers(argv: string[], io: CliIo): Promise<number> {
  const t = TEXT[io.language ?? 'en'];
  let values: { entries?: string; queries?: string; data?: string; json?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { entries: { type: 'string' }, queries: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${t.usage}\n`);
    return 2;
  }
  const count = (name: 'entries' | 'queries', fallback: number): number | null => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    return Number.isInteger(n) && n > 0 ? n : null;
  };
  const size = count('entries', 10_000);
  const questionCount = count('queries', 2_000);
  if (size === null || questionCount === null) {
    io.stderr.write(`${t.badNumber(size === null ? 'entries' : 'queries')}\n${t.usage}\n`);
    return 2;
  }
  const dir = values.data ?? DEFAULT_DATA;
  const base: KbEntry[] = [];
  const questions: string[] = [];
  try {
    for (const kb of KBS) base.push(...parseKbJson(await readFile(join(dir, `${kb}.kb.json`), 'utf8')));
    for (const file of QUERIES) questions.push(...parseQueryLines(await readFile(join(dir, file), 'utf8'), file).map((q) => q.query));
  } catch (error) {
    io.stderr.write(`${t.noData(dir, (error as Error).message)}\n`);
    return 2;
  }
  const entries = syntheticKb(base, size);
  const started = performance.now();
  const index = createAnswerIndex(entries);
  const buildMs = performance.now() - started;
  const random = seededRandom(7);
  const picked = Array.from({ length: questionCount }, () => questions[Math.floor(random() * questions.length)] as string);
  for (const q of picked.slice(0, 50)) decideAnswer(index, q); // warm up the JIT
  const times: number[] = [];
  const cpu: number[] = [];
  let answered = 0;
  for (const q of picked) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const decision = decideAnswer(index, q);
    times.push(performance.now() - t0);
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1000);
    if (decision.kind === 'answer') answered += 1;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const result: BenchResult = {
    entries: index.size, questions: times.length, buildMs: Math.round(buildMs),
    p50Ms: Number(percentile(times, 50).toFixed(3)), p99Ms: Number(percentile(times, 99).toFixed(3)), maxMs: Number((times.at(-1) ?? 0).toFixed(3)),
    cpuP50Ms: Number(percentile(cpu, 50).toFixed(3)), cpuP99Ms: Number(percentile(cpu, 99).toFixed(3)), answered,
  };
  io.stdout.write(values.json ? `${JSON.stringify(result)}\n` : t.report(result));
  return 0;
}
