// Turns document hits into entry scores, and measures character n-gram overlap for re-ranking.
import type { TermStats } from './term-stats.ts';

export interface RankedEntry {
  entryId: string;
  bestDoc: string;
  score: number;
}

/** Entry score = best document + `secondShare` x second-best document: an entry asked about in
 * several phrasings is more likely right than one lucky phrasing. */
export function aggregateByEntry(hits: ReadonlyArray<{ id: string; score: number }>, secondShare: number): RankedEntry[] {
  const perEntry = new Map<string, { best: number; second: number; bestDoc: string }>();
  for (const hit of hits) {
    const entryId = hit.id.slice(0, hit.id.indexOf('\u0000'));
    const agg = perEntry.get(entryId);
    if (!agg) perEntry.set(entryId, { best: hit.score, second: 0, bestDoc: hit.id });
    else if (hit.score > agg.best) Object.assign(agg, { second: agg.best, best: hit.score, bestDoc: hit.id });
    else if (hit.score > agg.second) agg.second = hit.score;
  }
  return [...perEntry.entries()]
    .map(([entryId, a]) => ({ entryId, bestDoc: a.bestDoc, score: a.best + secondShare * a.second }))
    .sort((a, b) => b.score - a.score);
}

/** Best Dice overlap of the query's character n-grams with any of the given documents. */
export function gramSimilarity(stats: TermStats, queryGrams: ReadonlySet<string>, docIds: readonly string[]): number {
  if (queryGrams.size === 0) return 0;
  let best = 0;
  for (const id of docIds) {
    const grams = stats.doc(id)?.grams;
    if (!grams || grams.size === 0) continue;
    let common = 0;
    for (const g of queryGrams) if (grams.has(g)) common += 1;
    best = Math.max(best, (2 * common) / (queryGrams.size + grams.size));
  }
  return best;
}
