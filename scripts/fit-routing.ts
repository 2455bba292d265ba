// Fits the router's weights (src/core/routing/routing-weights.ts) on the TRAIN export only:
// replays it once and keeps every scored question's candidates as feature vectors
// (routing-score.ts), then
//   1. a listwise logistic ranking: per question, a softmax over its candidates, fitted (Adam,
//      small L2) to put the members who answered first;
//   2. coordinate ascent on hit@3 (hit@1 breaking ties) from there, one weight at a time over a
//      grid of values, a few rounds;
// and prints the weights, rounded. Run: npx tsx scripts/fit-routing.ts [EXPORT] [TRUTH]
// The dev export is never read here; `rapport eval routing` judges the result on it.
import { evaluateRoutingExport } from '../src/cli/eval-routing.ts';
import { FEATURE_NAMES, featureVector, type RoutingWeights } from '../src/core/routing/routing-score.ts';

const exportPath = process.argv[2] ?? 'eval/datasets/ubuntu-irc-train/export.zip';
const truthFile = process.argv[3] ?? 'eval/datasets/ubuntu-irc-train/ground-truth.json';

interface Sample {
  x: number[][];
  /** 1 for each candidate who answered. */
  y: number[];
  /** Recency order breaks score ties, as rankCandidates does. */
  since: number[];
}
const samples: Sample[] = [];
const result = await evaluateRoutingExport(exportPath, truthFile, {
  onSample: (s) => samples.push({ x: s.candidates.map(featureVector), y: s.candidates.map((c) => (s.answeredBy.has(c.memberId) ? 1 : 0)), since: s.candidates.map((c) => c.minutesSinceSpoke) }),
});
const total = samples.length;
const d = FEATURE_NAMES.length;
console.log(`train: ${total} questions; recentlyActive hit@1 ${result.recentlyActive.hit1} hit@3 ${result.recentlyActive.hit3}; current weights hit@1 ${result.rapport.hit1} hit@3 ${result.rapport.hit3}`);

const dot = (w: number[], x: number[]) => x.reduce((sum, v, i) => sum + v * w[i]!, 0);

function measure(w: number[]): { hit1: number; hit3: number } {
  let h1 = 0;
  let h3 = 0;
  for (const s of samples) {
    if (s.x.length === 0) continue;
    const order = s.x.map((x, i) => ({ i, score: dot(w, x) })).sort((a, b) => b.score - a.score || s.since[a.i]! - s.since[b.i]!);
    if (s.y[order[0]!.i]) h1++;
    if (order.slice(0, 3).some((o) => s.y[o.i])) h3++;
  }
  return { hit1: h1 / total, hit3: h3 / total };
}

// 1. Listwise softmax regression with Adam.
const answered = samples.filter((s) => s.y.some((v) => v > 0));
let w = new Array<number>(d).fill(0);
{
  const m = new Array<number>(d).fill(0);
  const v = new Array<number>(d).fill(0);
  const lr = 0.05;
  const l2 = 1e-4;
  for (let epoch = 1; epoch <= 300; epoch++) {
    const g = new Array<number>(d).fill(0);
    for (const s of answered) {
      const scores = s.x.map((x) => dot(w, x));
      const max = Math.max(...scores);
      const p = scores.map((z) => Math.exp(z - max));
      const sum = p.reduce((a, b) => a + b, 0);
      const positives = s.y.reduce((a, b) => a + b, 0);
      s.x.forEach((x, i) => {
        const diff = p[i]! / sum - s.y[i]! / positives;
        for (let k = 0; k < d; k++) g[k]! += diff * x[k]!;
      });
    }
    for (let k = 0; k < d; k++) {
      const grad = g[k]! / answered.length + l2 * w[k]!;
      m[k] = 0.9 * m[k]! + 0.1 * grad;
      v[k] = 0.999 * v[k]! + 0.001 * grad * grad;
      w[k]! -= (lr * (m[k]! / (1 - 0.9 ** epoch))) / (Math.sqrt(v[k]! / (1 - 0.999 ** epoch)) + 1e-8);
    }
    if (epoch % 50 === 0) console.log(`softmax epoch ${epoch}`, measure(w));
  }
}
w = w.map((x) => Math.round(x * 100) / 100);

// 2. Coordinate ascent on hit@3, hit@1 breaking ties.
const better = (a: { hit1: number; hit3: number }, b: { hit1: number; hit3: number }): boolean => a.hit3 > b.hit3 + 1e-9 || (Math.abs(a.hit3 - b.hit3) < 1e-9 && a.hit1 > b.hit1 + 1e-9);
let best = measure(w);
console.log('softmax', best);
const steps = [-2, -1, -0.5, -0.25, 0.25, 0.5, 1, 2];
for (let round = 0; round < 3; round++) {
  let changed = false;
  for (let k = 0; k < d; k++) {
    for (const step of steps) {
      const trial = [...w];
      trial[k] = Math.round((trial[k]! + step) * 100) / 100;
      const score = measure(trial);
      if (better(score, best)) {
        w = trial;
        best = score;
        changed = true;
      }
    }
  }
  console.log('round', round, best);
  if (!changed) break;
}
const weights = Object.fromEntries(FEATURE_NAMES.map((name, k) => [name, w[k]!])) as RoutingWeights;
console.log(JSON.stringify(weights, null, 2));
