// `rapport bench answer-path [--entries N] [--queries N] [--data DIR] [--json]`
// The live path of issue 5's speed target: builds a knowledge base of N entries (default 10,000)
// from the bundled FAQ data (eval/datasets/faq) and times, in-process, from a MessagePosted event
// handed to the answering feature to its replier call (detection, retrieval, confidence, learning
// penalty and the answer-log write on in-memory stores). `bench answers` times the engine alone.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseKbJson, parseQueryLines, type KbEntry } from '../core/answers/index.ts';
import { seededRandom, syntheticKb } from '../core/answers/knowledge-base/synthetic-kb.ts';
import { timeAnswerPath } from '../core/answers/feature/time-answer-path.ts';
import { createTranslator } from '../i18n/create-translator.ts';
import { createLogger } from '../pino-logger.ts';
import { FAQ_DIR as DEFAULT_DATA } from './bundled-datasets.ts';
import { parseFlags, type CliCommand } from './io.ts';

const KBS = ['stackfaq', 'banking77', 'shop-bg'];
const QUERIES = ['stackfaq.dev.jsonl', 'banking77.dev.jsonl', 'shop-bg.dev.jsonl', 'out-of-scope.dev.jsonl'];
const USAGE = 'Usage: rapport bench answer-path [--entries N] [--queries N] [--data DIR] [--json]\n';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export const runBenchAnswerPath: CliCommand = async (argv, io) => {
  const { values, flags, rest, errors } = parseFlags(argv, { strings: ['entries', 'queries', 'data'], booleans: ['json'] });
  const size = Number(values.entries ?? 10_000);
  const count = Number(values.queries ?? 2_000);
  if (errors.length > 0 || rest.length > 0 || !Number.isInteger(size) || size < 1 || !Number.isInteger(count) || count < 1) {
    io.stderr.write(`${errors.join('\n')}${errors.length > 0 ? '\n' : ''}${USAGE}`);
    return 2;
  }
  const dir = values.data ?? DEFAULT_DATA;
  const base: KbEntry[] = [];
  const pool: string[] = [];
  try {
    for (const kb of KBS) base.push(...parseKbJson(await readFile(join(dir, `${kb}.kb.json`), 'utf8')));
    for (const file of QUERIES) pool.push(...parseQueryLines(await readFile(join(dir, file), 'utf8'), file).map((q) => q.query));
  } catch (error) {
    io.stderr.write(`Cannot read the FAQ data in ${dir} (${(error as Error).message}); pass --data DIR.\n`);
    return 2;
  }
  const random = seededRandom(11);
  const questions = Array.from({ length: count }, () => pool[Math.floor(random() * pool.length)]!);
  const timing = await timeAnswerPath({ entries: syntheticKb(base, size), questions, translator: await createTranslator(), logger: createLogger({ level: 'silent', pretty: false }) });
  const sorted = [...timing.times].sort((a, b) => a - b);
  const cpu = [...timing.cpuTimes].sort((a, b) => a - b);
  const result = {
    entries: timing.entries,
    questions: timing.questions,
    answered: timing.answered,
    loadMs: Math.round(timing.loadMs),
    p50Ms: Number(percentile(sorted, 50).toFixed(3)),
    p99Ms: Number(percentile(sorted, 99).toFixed(3)),
    maxMs: Number((sorted.at(-1) ?? 0).toFixed(3)),
    cpuP50Ms: Number(percentile(cpu, 50).toFixed(3)),
    cpuP99Ms: Number(percentile(cpu, 99).toFixed(3)),
  };
  io.stdout.write(
    flags.has('json')
      ? `${JSON.stringify(result)}\n`
      : `Answer path (event -> reply call): ${result.entries} entries, ${result.questions} messages, ${result.answered} answered\n  knowledge base load ${result.loadMs} ms\n  per message p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, max ${result.maxMs.toFixed(2)} ms (target p99 <= 20 ms)\n  CPU time per message p50 ${result.cpuP50Ms.toFixed(2)} ms, p99 ${result.cpuP99Ms.toFixed(2)} ms\n`,
  );
  return 0;
};
