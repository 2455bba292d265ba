// Proves answer quality on the bundled dev sets stays at the measured level (a regression fails) and the eval command keeps its fixed shape.
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createAnswerIndex } from '../../../src/core/answers/search/answer-index.ts';
import { DEFAULT_ANSWER_THRESHOLD } from '../../../src/core/answers/decide/decide-answer.ts';
import { runQueries, summarize } from '../../../src/core/answers/eval/evaluate-answers.ts';
import { parseKbJson } from '../../../src/core/answers/knowledge-base/kb-parse-json.ts';
import { parseQueryLines } from '../../../src/core/answers/eval/query-file-parse.ts';
import { runEvalAnswers } from '../../../src/cli/eval-answers.ts';
import { FAQ_DIR } from '../../../src/cli/bundled-datasets.ts';

// Data: StackFAQ (CC BY-SA), Banking77 (CC-BY-4.0, PolyAI), CLINC150 out-of-scope (CC-BY-3.0), shop-bg (this project).
const DATA = FAQ_DIR;
const read = (file: string) => readFileSync(DATA + file, 'utf8');
const offTopic = parseQueryLines(read('out-of-scope.dev.jsonl'));

function measure(name: string) {
  const index = createAnswerIndex(parseKbJson(read(`${name}.kb.json`)));
  const inScope = summarize(runQueries(index, parseQueryLines(read(`${name}.dev.jsonl`))), DEFAULT_ANSWER_THRESHOLD);
  const off = summarize(runQueries(index, offTopic), DEFAULT_ANSWER_THRESHOLD);
  return {
    top1: inScope.top1,
    answeredShare: inScope.answered / inScope.inScope,
    precision: inScope.answeredCorrect / Math.max(1, inScope.answered),
    offTopicShare: (off.outOfScopeAnswered + inScope.outOfScopeAnswered) / (off.outOfScope + inScope.outOfScope),
  };
}

// Floors sit just under the measured figures (see docs/answers.md). The confidence model is fitted on
// the knowledge bases alone, never on these query files, so these are held-out figures.
describe('answer quality on the dev sets', () => {
  it('GIVEN StackFAQ THEN top1, precision and silence on off-topic questions hold', () => {
    const m = measure('stackfaq');
    expect(m.top1).toBeGreaterThanOrEqual(0.69);
    expect(m.precision).toBeGreaterThanOrEqual(0.95);
    expect(m.answeredShare).toBeGreaterThanOrEqual(0.12);
    expect(m.offTopicShare).toBeLessThanOrEqual(0.05);
  });

  it('GIVEN Banking77 THEN top1, precision and silence on off-topic questions hold', () => {
    const m = measure('banking77');
    expect(m.top1).toBeGreaterThanOrEqual(0.62);
    expect(m.precision).toBeGreaterThanOrEqual(0.9);
    expect(m.answeredShare).toBeGreaterThanOrEqual(0.15);
    expect(m.offTopicShare).toBeLessThanOrEqual(0.05);
  });

  it('GIVEN shop-bg THEN top1, answers and silence on off-topic questions hold', () => {
    const m = measure('shop-bg');
    expect(m.top1).toBeGreaterThanOrEqual(0.56);
    expect(m.answeredShare).toBeGreaterThanOrEqual(0.23);
    expect(m.offTopicShare).toBeLessThanOrEqual(0.05);
  });
});

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => { out += String(c); });
  stderr.on('data', (c) => { err += String(c); });
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

describe('rapport eval answers', () => {
  it('GIVEN --json THEN stdout is exactly one JSON object with the fixed fields', async () => {
    const c = capture();
    const code = await runEvalAnswers(['--kb', `${DATA}shop-bg.kb.json`, '--queries', `${DATA}shop-bg.dev.jsonl`, '--json'], c.io);
    expect(code).toBe(0);
    const result = JSON.parse(c.out());
    expect(Object.keys(result)).toEqual(['kb', 'entries', 'sets', 'embeddings']);
    expect(result.embeddings).toEqual({ model: null, used: false });
    expect(result.entries).toBe(15);
    expect(Object.keys(result.sets[0])).toEqual(['queries', 'total', 'inScope', 'outOfScope', 'top1', 'answered', 'answeredCorrect', 'answeredWrong', 'outOfScopeAnswered']);
    expect(result.sets[0]).toMatchObject({ total: 33, inScope: 30, outOfScope: 3 });
  });

  it('GIVEN several --queries THEN a table is printed for each', async () => {
    const c = capture();
    await runEvalAnswers(['--kb', `${DATA}shop-bg.kb.json`, '--queries', `${DATA}shop-bg.dev.jsonl`, '--queries', `${DATA}out-of-scope.dev.jsonl`], c.io);
    expect(c.out().match(/top1/g)).toHaveLength(2);
    expect(c.out()).toContain('out-of-scope.dev.jsonl');
  });

  it('GIVEN no arguments THEN each bundled knowledge base is evaluated on its dev set and the off-topic set, and --json prints one fixed-shape line per knowledge base', async () => {
    const c = capture();
    expect(await runEvalAnswers(['--json'], c.io)).toBe(0);
    const lines = c.out().trim().split('\n').map((line) => JSON.parse(line) as { kb: string; entries: number; sets: Array<Record<string, unknown>> });
    expect(lines.map((l) => l.kb)).toEqual(['stackfaq', 'banking77', 'shop-bg'].map((name) => `${DATA}${name}.kb.json`));
    expect(lines.map((l) => l.entries)).toEqual([125, 77, 15]);
    for (const l of lines) expect(Object.keys(l)).toEqual(['kb', 'entries', 'sets', 'embeddings']);
    expect(lines.map((l) => l.sets.map((s) => [s['queries'], s['total']]))).toEqual([
      [[`${DATA}stackfaq.dev.jsonl`, 500], [`${DATA}out-of-scope.dev.jsonl`, 200]],
      [[`${DATA}banking77.dev.jsonl`, 1155], [`${DATA}out-of-scope.dev.jsonl`, 200]],
      [[`${DATA}shop-bg.dev.jsonl`, 33], [`${DATA}out-of-scope.dev.jsonl`, 200]],
    ]);
    // The same figures the floors above hold, as the command reports them.
    expect(lines[2]!.sets[0]).toMatchObject({ inScope: 30, outOfScope: 3, top1: measure('shop-bg').top1 });
  });

  it('GIVEN no arguments and no --json THEN a header and tables are printed for each bundled knowledge base', async () => {
    const c = capture();
    expect(await runEvalAnswers([], c.io)).toBe(0);
    expect(c.out().match(/^Knowledge base .*: \d+ entries, threshold /gm)).toHaveLength(3);
    expect(c.out().match(/top1/g)).toHaveLength(6);
  });

  it.each([
    [['--queries', 'q.jsonl'], 'Missing --kb'],
    [['--kb', 'kb.json'], 'Missing --queries'],
    [['--kb', 'kb.txt', '--queries', 'q.jsonl'], 'Cannot tell the format'],
    [['--kb', 'kb.json', '--queries', 'q.jsonl', '--fast'], "Unknown option '--fast'"],
    [['--kb', '/nonexistent/kb.json', '--queries', 'q.jsonl'], 'Cannot read /nonexistent/kb.json'],
  ])('GIVEN the arguments %j THEN it explains the problem and exits with 2', async (argv, message) => {
    const c = capture();
    expect(await runEvalAnswers(argv, c.io)).toBe(2);
    expect(c.err()).toContain(message);
  });
});
