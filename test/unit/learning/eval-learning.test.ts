// Proves `rapport eval learning`: suggestions are matched to truth questions by the opening message's ts, precision and coverage follow the definitions, and the command prints exactly the agreed JSON fields on the bundled dev export.
import { describe, expect, it } from 'vitest';
import { scoreLearning } from '../../../src/cli/eval-learning.ts';
import { runRapport, SPAWN_TIMEOUT_MS } from '../../support/run-cli.ts';

describe('eval learning', () => {
  it('GIVEN three suggestions, one matching no question THEN precision counts only matched ones and coverage divides by all questions', () => {
    const truth = [
      { ts: '1.0', answeredBy: new Set(['B']) },
      { ts: '2.0', answeredBy: new Set(['C', 'D']) },
      { ts: '3.0', answeredBy: new Set<string>() },
      { ts: '4.0', answeredBy: new Set(['E']) },
    ];
    const items = [
      { questionTs: '1.0', asker: 'A', credited: 'B' },
      { questionTs: '2.0', asker: 'A', credited: 'X' },
      { questionTs: '9.9', asker: 'A', credited: 'B' },
    ];
    expect(scoreLearning(items, truth)).toEqual({ questions: 4, suggestions: 3, answererCorrect: 1, precision: 0.5, coverage: 0.5, items, unmatched: 1 });
  });

  it(
    'GIVEN the bundled dev export WHEN `rapport eval learning --json` runs with its defaults THEN it prints the agreed fields, one item per suggestion',
    async () => {
      const result = await runRapport(['eval', 'learning', '--json']);
      expect(result.code).toBe(0);
      const out = JSON.parse(result.stdout) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
      expect(Object.keys(out)).toEqual(['questions', 'suggestions', 'answererCorrect', 'precision', 'coverage', 'items', 'unmatched']);
      expect(out['questions']).toBe(151);
      expect(out.items).toHaveLength(out['suggestions'] as number);
      for (const item of out.items) expect(Object.keys(item)).toEqual(['questionTs', 'asker', 'credited']);
      expect(out['precision']).toBeGreaterThan(0);
    },
    SPAWN_TIMEOUT_MS,
  );

  it('GIVEN --slack-export without --truth THEN it exits 2 and says --truth is required', async () => {
    const result = await runRapport(['eval', 'learning', '--slack-export', 'eval/datasets/ubuntu-irc-dev']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--truth is required');
  }, SPAWN_TIMEOUT_MS);
});
