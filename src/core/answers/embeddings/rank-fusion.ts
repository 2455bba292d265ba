// Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): an entry's fused score is the
// sum of 1 / (k + rank) over the rankings it appears in (rank 1 = best). It needs no common scale:
// BM25 plus n-gram scores and cosine similarities are not comparable, and a weighted sum would
// need a weight chosen on queries. k = 60 is the paper's value, not tuned here.
export const RRF_K = 60;

/** Fused scores of every id in any of the rankings (each ranking best first). */
export function reciprocalRankFusion(rankings: ReadonlyArray<readonly string[]>, k = RRF_K): Map<string, number> {
  const fused = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, i) => fused.set(id, (fused.get(id) ?? 0) + 1 / (k + i + 1)));
  }
  return fused;
}
