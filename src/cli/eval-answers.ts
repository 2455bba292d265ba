// `rapport eval answers [--kb FILE --queries FILE [--queries FILE ...]] [--json]`
// With no --kb and no --queries it evaluates the bundled knowledge bases (eval/datasets/faq), one
// after the other, each on its dev set and the off-topic set (bundled-datasets.ts); --json then
// prints one line per knowledge base, each of the same fixed shape.
// Runs every query through the same retrieval and confidence path the bot uses (each query is
// treated as an asked question) and reports top-1 accuracy and what the bot would have posted at
// its default threshold. The shape of the command and of its JSON is fixed: scripts depend on it.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createAnswerIndex } from '../core/answers/search/answer-index.ts';
import { DEFAULT_ANSWER_THRESHOLD } from '../core/answers/decide/decide-answer.ts';
import { runQueries, summarize, type SetResult } from '../core/answers/eval/evaluate-answers.ts';
import { kbFormatOf, parseKb } from '../core/answers/knowledge-base/kb-parse.ts';
import { parseQueryLines } from '../core/answers/eval/query-file-parse.ts';
import type { Language } from '../core/answers/knowledge-base/kb-entry.ts';
import { BUNDLED_ANSWER_SETS } from './bundled-datasets.ts';
import type { AnswerIndex } from '../core/answers/search/answer-index.ts';
import { ConfigError } from '../core/errors.ts';
import { loadEmbeddingsConfig } from '../config.ts';
import { semanticEvalIndex } from './eval-answers-semantic.ts';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Language of the human-readable output (default English). */
  language?: Language;
  /** EMBEDDINGS_* turn semantic search on (see src/config.ts); word matching only when absent. */
  env?: Record<string, string | undefined>;
}

const TEXT = {
  en: {
    usage: 'Usage: rapport eval answers [--kb FILE --queries FILE [--queries FILE ...]] [--json]',
    needKb: 'Missing --kb FILE (a knowledge base: .json, .md or .csv).',
    needQueries: 'Missing --queries FILE (JSON Lines: {"query": "...", "expected": "<id>" | null}).',
    badKb: (f: string) => `Cannot tell the format of ${f}: use a .json, .md or .csv file.`,
    unreadable: (f: string, why: string) => `Cannot read ${f}: ${why}`,
    header: (kb: string, n: number, t: number) => `Knowledge base ${kb}: ${n} entries, threshold ${t}`,
    cols: ['queries', 'in scope', 'top1', 'answered', 'right', 'wrong', 'precision', 'off-topic', 'off-topic answered'],
    semantic: (model: string) => `Semantic search: ${model} (word and vector rankings fused, confidence refitted on this knowledge base)`,
    wordsOnly: 'Word matching only (EMBEDDINGS_URL is not set)',
    fellBack: (model: string, why: string) => `Word matching only: the embeddings server (${model}) failed: ${why}`,
  },
  bg: {
    usage: 'Употреба: rapport eval answers [--kb ФАЙЛ --queries ФАЙЛ [--queries ФАЙЛ ...]] [--json]',
    needKb: 'Липсва --kb ФАЙЛ (база знания: .json, .md или .csv).',
    needQueries: 'Липсва --queries ФАЙЛ (JSON Lines: {"query": "...", "expected": "<id>" | null}).',
    badKb: (f: string) => `Не мога да разбера формата на ${f}: използвайте файл .json, .md или .csv.`,
    unreadable: (f: string, why: string) => `Не мога да прочета ${f}: ${why}`,
    header: (kb: string, n: number, t: number) => `База знания ${kb}: ${n} записа, праг ${t}`,
    cols: ['заявки', 'в обхвата', 'top1', 'отговорени', 'верни', 'грешни', 'точност', 'извън темата', 'отговорени извън темата'],
    semantic: (model: string) => `Семантично търсене: ${model} (класиранията по думи и по вектори са обединени, увереността е напасната към тази база знания)`,
    wordsOnly: 'Само съвпадение по думи (EMBEDDINGS_URL не е зададена)',
    fellBack: (model: string, why: string) => `Само съвпадение по думи: сървърът за вектори (${model}) върна грешка: ${why}`,
  },
};

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd()).join('\n');
}

function printSet(io: CliIo, file: string, r: SetResult): void {
  const t = TEXT[io.language ?? 'en'];
  const precision = r.answered > 0 ? (r.answeredCorrect / r.answered).toFixed(3) : '-';
  io.stdout.write(`\n${table([t.cols, [file, String(r.inScope), r.inScope > 0 ? r.top1.toFixed(3) : '-', String(r.answered), String(r.answeredCorrect), String(r.answeredWrong), precision, String(r.outOfScope), String(r.outOfScopeAnswered)]])}\n`);
}

export async function runEvalAnswers(argv: string[], io: CliIo): Promise<number> {
  const t = TEXT[io.language ?? 'en'];
  let values: { kb?: string; queries?: string[]; json?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { kb: { type: 'string' }, queries: { type: 'string', multiple: true }, json: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${t.usage}\n`);
    return 2;
  }
  if (!values.kb && !values.queries) {
    for (const [i, set] of BUNDLED_ANSWER_SETS.entries()) {
      if (i > 0 && !values.json) io.stdout.write('\n');
      const code = await evaluateKb(set.kb, set.queries, values.json === true, io);
      if (code !== 0) return code;
    }
    return 0;
  }
  if (!values.kb) { io.stderr.write(`${t.needKb}\n${t.usage}\n`); return 2; }
  if (!values.queries || values.queries.length === 0) { io.stderr.write(`${t.needQueries}\n${t.usage}\n`); return 2; }
  return evaluateKb(values.kb, values.queries, values.json === true, io);
}

async function evaluateKb(kb: string, queryFiles: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const t = TEXT[io.language ?? 'en'];
  const format = kbFormatOf(kb);
  if (!format) { io.stderr.write(`${t.badKb(kb)}\n`); return 2; }
  const read = async (file: string) => readFile(file, 'utf8');
  let entries;
  const querySets: Array<{ file: string; queries: ReturnType<typeof parseQueryLines> }> = [];
  let current = kb;
  try {
    entries = parseKb(await read(kb), format);
    for (const file of queryFiles) {
      current = file;
      querySets.push({ file, queries: parseQueryLines(await read(file), file) });
    }
  } catch (error) {
    io.stderr.write(`${t.unreadable(current, (error as Error).message)}\n`);
    return 2;
  }
  let embeddings;
  try {
    embeddings = loadEmbeddingsConfig(io.env ?? {});
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 2;
  }
  const words = createAnswerIndex(entries);
  let index: AnswerIndex = words;
  let used = false;
  let why = '';
  if (embeddings) {
    const semantic = await semanticEvalIndex(words, querySets.flatMap((s) => s.queries.map((q) => q.query)), embeddings, io.stderr);
    if (semantic.ok) ({ index, used } = { index: semantic.index, used: true });
    else {
      why = semantic.why;
      io.stderr.write(`${t.fellBack(embeddings.model, why)}\n`);
    }
  }
  const total = querySets.reduce((n, s) => n + s.queries.length, 0);
  const bar = new cliProgress.SingleBar({ stream: io.stderr, clearOnComplete: true, hideCursor: false }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  const results = querySets.map((s) => ({ file: s.file, result: summarize(runQueries(index, s.queries, () => bar.increment()), DEFAULT_ANSWER_THRESHOLD) }));
  bar.stop();
  if (json) {
    const sets = results.map(({ file, result }) => ({ queries: file, ...result }));
    io.stdout.write(`${JSON.stringify({ kb, entries: entries.length, sets, embeddings: { model: embeddings?.model ?? null, used } })}\n`);
    return 0;
  }
  io.stdout.write(`${t.header(kb, entries.length, DEFAULT_ANSWER_THRESHOLD)}\n`);
  io.stdout.write(`${embeddings ? (used ? t.semantic(embeddings.model) : t.fellBack(embeddings.model, why)) : t.wordsOnly}\n`);
  for (const { file, result } of results) printSet(io, file, result);
  return 0;
}
