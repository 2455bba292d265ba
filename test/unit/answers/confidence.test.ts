// Proves the confidence model is a probability that grows with evidence and falls with doubt, and that the fit recovers a known model.
import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, confidenceOf } from '../../../src/core/answers/decide/confidence.ts';
import { CONFIDENCE_MODEL } from '../../../src/core/answers/decide/confidence-model.ts';
import { calibrationReport, fitLogistic } from '../../../src/core/answers/decide/calibrate.ts';
import { createAnswerIndex } from '../../../src/core/answers/search/answer-index.ts';
import { seededRandom } from '../../../src/core/answers/knowledge-base/synthetic-kb.ts';

const at = (name: (typeof FEATURE_NAMES)[number]) => FEATURE_NAMES.indexOf(name);
const middle = (): number[] => FEATURE_NAMES.map((n) => (n === 'bias' ? 1 : 0.5));

describe('confidence', () => {
  it('GIVEN the model THEN it has one coefficient per feature and a threshold in (0, 1)', () => {
    expect(CONFIDENCE_MODEL.coefficients).toHaveLength(FEATURE_NAMES.length);
    expect(CONFIDENCE_MODEL.threshold).toBeGreaterThan(0);
    expect(CONFIDENCE_MODEL.threshold).toBeLessThan(1);
  });

  it.each(['gram', 'margin', 'bm25Margin', 'coverage'] as const)('GIVEN more %s THEN confidence does not fall', (name) => {
    let previous = -1;
    for (const v of [0, 0.25, 0.5, 0.75, 1]) {
      const x = middle();
      x[at(name)] = v;
      const c = confidenceOf(x);
      expect(c).toBeGreaterThanOrEqual(previous);
      previous = c;
    }
  });

  it('GIVEN more query words unknown to the knowledge base THEN confidence falls', () => {
    const known = middle();
    known[at('unknownWords')] = 0;
    const unknown = middle();
    unknown[at('unknownWords')] = 1;
    expect(confidenceOf(unknown)).toBeLessThan(confidenceOf(known));
  });

  it('GIVEN the exact question, a paraphrase and an unrelated query THEN confidence is ordered that way', () => {
    const index = createAnswerIndex([
      { id: 'a', question: 'How do I delete my Facebook account?', answer: 'Settings, then Delete.', phrasings: [], tags: [], language: 'en' },
      { id: 'b', question: 'How do I change my Gmail password?', answer: 'Security page.', phrasings: [], tags: [], language: 'en' },
      { id: 'c', question: 'Strikethrough with GitHub Markdown', answer: 'Use ~~tildes~~.', phrasings: [], tags: [], language: 'en' },
    ]);
    const exact = index.search('How do I delete my Facebook account?')[0]?.confidence ?? 0;
    const paraphrase = index.search('removing my facebook account for good')[0]?.confidence ?? 0;
    const unrelated = index.search('best pizza in town for my account')[0]?.confidence ?? 0;
    expect(exact).toBeGreaterThan(paraphrase);
    expect(paraphrase).toBeGreaterThan(unrelated);
  });
});

describe('fitLogistic', () => {
  it('GIVEN data drawn from a known logistic model THEN the fit recovers its coefficients and is calibrated', () => {
    const random = seededRandom(3);
    const truth = [-1, 3];
    const rows = Array.from({ length: 4000 }, () => {
      const x = [1, random()];
      const p = 1 / (1 + Math.exp(-(truth[0]! + truth[1]! * x[1]!)));
      return { x, y: (random() < p ? 1 : 0) as 0 | 1, weight: 1 };
    });
    const [b0, b1] = fitLogistic(rows, { l2: 0 });
    expect(b0).toBeCloseTo(-1, 0);
    expect(b1).toBeCloseTo(3, 0);
    const report = calibrationReport(rows.map((r) => ({ p: 1 / (1 + Math.exp(-((b0 ?? 0) + (b1 ?? 0) * (r.x[1] ?? 0)))), y: r.y })));
    expect(report.ece).toBeLessThan(0.05);
  });

  it('GIVEN a sign constraint the data contradicts THEN that coefficient is held at 0 and the others are refitted', () => {
    const random = seededRandom(5);
    // y depends on x1 only; x2 is x1 minus noise, so a free fit gives x2 a negative weight.
    const rows = Array.from({ length: 3000 }, () => {
      const a = random();
      const x = [1, a, a - 0.3 * random()];
      return { x, y: (random() < 1 / (1 + Math.exp(-(4 * a - 2 - 3 * (x[2] ?? 0)))) ? 1 : 0) as 0 | 1, weight: 1 };
    });
    expect(fitLogistic(rows, { l2: 0 })[2]).toBeLessThan(0);
    const constrained = fitLogistic(rows, { l2: 0, signs: [0, 1, 1] });
    expect(constrained[2]).toBe(0);
    expect(constrained[1]).toBeGreaterThan(0);
  });
});
