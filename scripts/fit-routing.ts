// Fits the router's weights (src/core/routing/routing-weights.ts) on the TRAIN export only:
// replays it once, keeps every scored question's candidates, then climbs hit@3 (hit@1 breaks
// ties) one weight at a time. Run: npx tsx scripts/fit-routing.ts [EXPORT] [TRUTH]
// The dev export is never read here; `rapport eval routing` judges the result on it.
import { evaluateRoutingExport } from '../src/cli/eval-routing.ts';
import type { FitSample } from '../src/core/routing/evaluate-routing.ts';
import { rankCandidates } from '../src/core/routing/routing-model.ts';
import { ROUTING_WEIGHTS, type RoutingWeights } from '../src/core/routing/routing-weights.ts';

const exportPath = process.argv[2] ?? 'eval/datasets/ubuntu-irc-train/export.zip';
const truthFile = process.argv[3] ?? 'eval/datasets/ubuntu-irc-train/ground-truth.json';
const samples: FitSample[] = [];
await evaluateRoutingExport(exportPath, truthFile, { onSample: (s) => samples.push(s) });
const total = samples.length;

function measure(w: RoutingWeights): { hit1: number; hit3: number } {
  let h1 = 0;
  let h3 = 0;
  for (const s of samples) {
    const top = rankCandidates(s.candidates, w, 3);
    if (top[0] && s.answeredBy.has(top[0].memberId)) h1++;
    if (top.some((t) => s.answeredBy.has(t.memberId))) h3++;
  }
  return { hit1: h1 / total, hit3: h3 / total };
}
const better = (a: { hit1: number; hit3: number }, b: { hit1: number; hit3: number }): boolean => a.hit3 > b.hit3 + 1e-9 || (Math.abs(a.hit3 - b.hit3) < 1e-9 && a.hit1 > b.hit1 + 1e-9);

let best = { ...ROUTING_WEIGHTS };
let bestScore = measure(best);
console.log('start', bestScore);
const keys = Object.keys(best) as Array<keyof RoutingWeights>;
const grids: Partial<Record<keyof RoutingWeights, number[]>> = {
  presenceMinutes: [2, 5, 10, 15, 20, 30, 45, 60, 90, 120],
  recentAnswersHalfLifeMinutes: [5, 10, 20, 30, 60, 120, 240, 1440],
};
const linear = [-2, -1, -0.5, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 10];
for (let round = 0; round < 4; round++) {
  let changed = false;
  for (const key of keys) {
    for (const value of grids[key] ?? linear) {
      const trial = { ...best, [key]: value };
      const score = measure(trial);
      if (better(score, bestScore)) {
        best = trial;
        bestScore = score;
        changed = true;
      }
    }
  }
  console.log('round', round, bestScore, JSON.stringify(best));
  if (!changed) break;
}
console.log(JSON.stringify(best, null, 2));
