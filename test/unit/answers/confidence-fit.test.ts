// Proves the shipped confidence coefficients are what the documented fitting procedure produces on the dev data (no hand-tuning).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIDENCE_MODEL } from '../../../src/core/answers/confidence-model.ts';
import { fitConfidenceModel } from '../../../src/core/answers/fit-confidence-model.ts';
import { parseKbJson } from '../../../src/core/answers/kb-parse-json.ts';
import { parseQueryLines } from '../../../src/core/answers/query-file-parse.ts';

const DATA = fileURLToPath(new URL('../../../../shared/data/faq/', import.meta.url));
const read = (file: string) => readFileSync(DATA + file, 'utf8');

describe('fitConfidenceModel', () => {
  it('GIVEN the dev sets THEN the fit reproduces the shipped coefficients and held-out sets stay mostly silent off-topic', () => {
    const offTopic = parseQueryLines(read('out-of-scope.dev.jsonl'));
    const sets = ['stackfaq', 'banking77', 'shop-bg'].map((name) => ({
      name, entries: parseKbJson(read(`${name}.kb.json`)), queries: parseQueryLines(read(`${name}.dev.jsonl`)), offTopic,
    }));
    const result = fitConfidenceModel(sets, { threshold: CONFIDENCE_MODEL.threshold });
    result.coefficients.forEach((c, i) => expect(c).toBeCloseTo(CONFIDENCE_MODEL.coefficients[i] ?? NaN, 1));
    for (const held of result.heldOut) expect(held.outOfScopeAnswered / held.outOfScope).toBeLessThanOrEqual(0.05);
  });
});
