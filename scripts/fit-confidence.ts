// Refits the confidence model from the bundled knowledge bases alone (no query file) and prints
// what to paste into src/core/answers/decide/confidence-model.ts, with the held-out report.
//   npx tsx scripts/fit-confidence.ts
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIDENCE_MODEL, fitConfidenceModel, parseKbJson } from '../src/core/answers/index.ts';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../eval/datasets/faq');
const sets = ['stackfaq', 'banking77', 'shop-bg'].map((name) => ({ name, entries: parseKbJson(readFileSync(path.join(DATA, `${name}.kb.json`), 'utf8')) }));
const r = fitConfidenceModel(sets, { threshold: CONFIDENCE_MODEL.threshold });
console.log(`coefficients: ${JSON.stringify(r.coefficients)}\nthreshold: ${r.threshold}`);
console.table([...r.heldOut.map((x) => ({ fit: 'held out', ...x })), ...r.inSample.map((x) => ({ fit: 'in sample', ...x }))]);
