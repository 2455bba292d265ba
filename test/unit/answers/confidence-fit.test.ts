// Proves the shipped confidence coefficients and threshold are what the documented fitting procedure produces from the knowledge bases alone (no hand-tuning, no query files).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIDENCE_MODEL } from '../../../src/core/answers/decide/confidence-model.ts';
import { fitConfidenceModel } from '../../../src/core/answers/decide/fit-confidence-model.ts';
import { parseKbJson } from '../../../src/core/answers/knowledge-base/kb-parse-json.ts';
import { FAQ_DIR } from '../../../src/cli/bundled-datasets.ts';

const DATA = FAQ_DIR;
const read = (file: string) => readFileSync(DATA + file, 'utf8');

describe('fitConfidenceModel', () => {
  it('GIVEN the knowledge bases THEN the fit reproduces the shipped coefficients and threshold, and the in-sample fit stays mostly silent out of scope', () => {
    const sets = ['stackfaq', 'banking77', 'shop-bg'].map((name) => ({ name, entries: parseKbJson(read(`${name}.kb.json`)) }));
    const result = fitConfidenceModel(sets, { threshold: CONFIDENCE_MODEL.threshold });
    expect(result.coefficients).toHaveLength(CONFIDENCE_MODEL.coefficients.length);
    result.coefficients.forEach((c, i) => expect(c).toBeCloseTo(CONFIDENCE_MODEL.coefficients[i] ?? NaN, 1));
    expect(result.threshold).toBe(CONFIDENCE_MODEL.threshold);
    for (const set of result.inSample) expect(set.outOfScopeAnswered / set.outOfScope).toBeLessThanOrEqual(0.05);
  });
});
