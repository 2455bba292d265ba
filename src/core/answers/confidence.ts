// Calibrated confidence: a few features of the top candidate fused by a logistic model into the
// probability that the candidate answers the query. The coefficients come from
// confidence-model.ts, fitted by src/core/answers/calibrate.ts (see docs/answers.md).
import type { TermStats } from './term-stats.ts';
import { CONFIDENCE_MODEL } from './confidence-model.ts';

export const FEATURE_NAMES = ['bias', 'coverage', 'entryCoverage', 'docCoverage', 'gramCoverage', 'margin', 'answerOnly', 'queryLength'] as const;
export type Features = number[];

export interface FeatureInput {
  stats: TermStats;
  queryWords: string[];
  queryGrams: ReadonlySet<string>;
  entryDocIds: string[];
  bestDocId: string;
  score: number;
  otherScore: number;
  rank: number;
}

function share(terms: Iterable<string>, has: (t: string) => boolean, weight: (t: string) => number): number {
  let total = 0;
  let hit = 0;
  for (const t of terms) {
    const w = weight(t);
    total += w;
    if (has(t)) hit += w;
  }
  return total > 0 ? hit / total : 0;
}

export function candidateFeatures(input: FeatureInput): Features {
  const { stats, queryWords, queryGrams } = input;
  const idf = (t: string) => stats.idf(t);
  const best = stats.doc(input.bestDocId);
  const bestWords = best?.words ?? new Set<string>();
  const askDocs = input.entryDocIds.map((id) => stats.doc(id)).filter((d) => d && d.kind !== 'answer');
  const inEntry = (t: string) => askDocs.some((d) => d?.words.has(t));
  const querySet = new Set(queryWords);
  const coverage = share(querySet, (t) => bestWords.has(t), idf);
  const entryCoverage = share(querySet, inEntry, idf);
  const docCoverage = best?.kind === 'answer' ? 0 : share(bestWords, (t) => querySet.has(t), idf);
  const gramCoverage = share(queryGrams, (g) => best?.grams.has(g) ?? false, () => 1);
  const margin = input.rank === 0
    ? (input.score - input.otherScore) / Math.max(input.score, 1e-9)
    : (input.score - input.otherScore) / Math.max(input.otherScore, 1e-9);
  const answerOnly = best?.kind === 'answer' ? 1 : 0;
  const queryLength = Math.log(1 + querySet.size);
  return [1, coverage, entryCoverage, docCoverage, gramCoverage, margin, answerOnly, queryLength];
}

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function confidenceOf(features: Features, coefficients: readonly number[] = CONFIDENCE_MODEL.coefficients): number {
  let z = 0;
  for (let i = 0; i < features.length; i += 1) z += (coefficients[i] ?? 0) * (features[i] ?? 0);
  return logistic(z);
}
