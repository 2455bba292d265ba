// Proves the answers benchmark builds a knowledge base of the requested size and reports its figures (speed itself is not asserted).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runBenchAnswers } from '../../../src/cli/bench-answers.ts';
import { syntheticKb } from '../../../src/core/answers/knowledge-base/synthetic-kb.ts';

describe('rapport bench answers', () => {
  it('GIVEN --entries and --json THEN one JSON object reports build time and percentiles', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    stdout.on('data', (c) => { out += String(c); });
    const code = await runBenchAnswers(['--entries', '500', '--queries', '50', '--json'], { stdout, stderr });
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ entries: 500, questions: 50 });
    for (const key of ['buildMs', 'p50Ms', 'p99Ms', 'maxMs']) expect(typeof result[key]).toBe('number');
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
  });

  it('GIVEN a bad --entries value THEN it exits with 2', async () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c) => { err += String(c); });
    expect(await runBenchAnswers(['--entries', 'many'], { stdout: new PassThrough(), stderr })).toBe(2);
    expect(err).toContain('--entries');
  });

  it('GIVEN the same base entries THEN the synthetic knowledge base is the same every time with unique ids', () => {
    const base = [{ id: 'a', question: 'Q?', answer: 'A', phrasings: ['p1', 'p2'], tags: [], language: 'en' as const }];
    const one = syntheticKb(base, 50);
    expect(syntheticKb(base, 50)).toEqual(one);
    expect(new Set(one.map((e) => e.id)).size).toBe(50);
  });
});
