// Proves `rapport eval routing` replays the bundled dev export, prints exactly the JSON fields, reproduces the recentlyActive baseline, never suggests the asker, and beats the baseline at hit@3.
import { describe, expect, it } from 'vitest';
import { runEvalRouting, readRoutingTruth } from '../../../src/cli/eval-routing.ts';

function capture() {
  let out = '';
  let err = '';
  return { io: { stdout: { write: (t: string) => ((out += t), true) }, stderr: { write: (t: string) => ((err += t), true) } } as never, out: () => out, err: () => err };
}

describe('eval routing', () => {
  it('GIVEN the bundled dev export WHEN run with --json THEN it prints the fixed shape, one item per question, and beats recentlyActive at hit@3', async () => {
    const c = capture();
    expect(await runEvalRouting(['--json'], c.io)).toBe(0);
    const result = JSON.parse(c.out());
    expect(Object.keys(result)).toEqual(['questions', 'rapport', 'recentlyActive', 'mostActive', 'items']);
    const truth = await readRoutingTruth('eval/datasets/ubuntu-irc-dev/ground-truth.json');
    expect(result.questions).toBe(truth.length);
    expect(result.items).toHaveLength(truth.length);
    expect(result.recentlyActive.hit3).toBeCloseTo(0.298, 3);
    expect(result.rapport.hit3).toBeGreaterThan(result.recentlyActive.hit3);
    const askers = new Map(truth.map((q) => [q.ts, q.user]));
    for (const item of result.items) {
      expect(item.suggested.length).toBeLessThanOrEqual(3);
      expect(item.suggested).not.toContain(askers.get(item.questionTs));
    }
  }, 120_000);

  it('GIVEN a truth file without questions WHEN run THEN it fails with a message naming the file', async () => {
    const c = capture();
    expect(await runEvalRouting(['--truth', 'package.json'], c.io)).toBe(1);
    expect(c.err()).toMatch(/package\.json/);
  }, 60_000);
});
