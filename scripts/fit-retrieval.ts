// Chooses the retrieval constants from the knowledge bases themselves, never from query files:
// each constant is tried at a few values, one at a time in the order below, and a value is kept
// only when it raises by at least MIN_GAIN (one self-question in a hundred, so that noise is not
// fitted) the mean top-1 of leave-one-phrasing-out self-questions (kb-self-queries.ts:
// every question and phrasing asked with it taken out of its entry) over the bundled knowledge
// bases that have such questions, each weighing the same. Only entries asked in at least two ways
// count: with its only question taken out, an entry has no question left to compare with, which
// never happens to a real query and would teach the ranking to ignore questions (in the first
// version of this script, StackFAQ's and shop-bg's one-question entries pushed the 4-gram weight
// down to 0.5 and the answer weight up to 1.5 for that reason). The confidence model is refitted
// afterwards (scripts/fit-confidence.ts), since its features depend on the ranking.
//   npx tsx scripts/fit-retrieval.ts
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RETRIEVAL, parseKbJson, type RetrievalSettings } from '../src/core/answers/index.ts';
import { leaveOnePhrasingOut } from '../src/core/answers/eval/kb-self-queries.ts';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../eval/datasets/faq');
const sets = ['stackfaq', 'banking77', 'shop-bg'].map((name) => ({ name, entries: parseKbJson(readFileSync(path.join(DATA, `${name}.kb.json`), 'utf8')) }));

export const GRID: Array<[keyof RetrievalSettings, number[]]> = [
  ['answerWeight', [0.25, 0.5, 0.75, 1, 1.5]],
  ['secondDocShare', [0, 0.15, 0.3, 0.5, 0.7]],
  ['gramWeight', [0.5, 1, 1.5, 2, 3]],
  ['rerank', [10, 30, 60]],
];

const usable = sets.filter((s) => s.entries.some((e) => e.phrasings.length > 0));

const MIN_GAIN = 0.01;

function score(retrieval: Partial<RetrievalSettings>): { mean: number; per: string } {
  const tops = usable.map((s) => {
    const several = new Set(s.entries.filter((e) => e.phrasings.length > 0).map((e) => e.id));
    const outcomes = leaveOnePhrasingOut(s.entries, { retrieval }).filter((o) => o.expected !== null && several.has(o.expected));
    return outcomes.filter((o) => o.top === o.expected).length / outcomes.length;
  });
  return { mean: tops.reduce((a, b) => a + b, 0) / tops.length, per: tops.map((t, i) => `${usable[i]?.name} ${t.toFixed(3)}`).join(', ') };
}

console.log(`self-questions from: ${usable.map((s) => s.name).join(', ')} (the others have no entry asked in two ways)`);
const current: Partial<RetrievalSettings> = {};
let best = score(current);
console.log(`start: mean ${best.mean.toFixed(4)} (${best.per})`);
for (const [key, values] of GRID) {
  for (const value of values) {
    if (value === (current[key] ?? DEFAULT_RETRIEVAL[key])) continue;
    const s = score({ ...current, [key]: value });
    const keep = s.mean >= best.mean + MIN_GAIN - 1e-9;
    console.log(`${key} = ${value}: mean ${s.mean.toFixed(4)} (${s.per})${keep ? '  kept' : ''}`);
    if (keep) { best = s; Object.assign(current, { [key]: value }); }
  }
}
console.log(`\nresult: ${JSON.stringify({ ...current })}; mean ${best.mean.toFixed(4)} (${best.per})`);
