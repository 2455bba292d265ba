// Fits the confidence model: L2-regularised, weighted logistic regression by Newton's method
// (the model is tiny, so an exact solver is simpler and more reproducible than gradient descent).
// Rows come from runQueries over several knowledge bases; weighting each set equally keeps one
// big file from deciding the coefficients. See docs/answers.md for the procedure.
import { logistic } from './confidence.ts';

export interface TrainingRow {
  x: readonly number[];
  y: 0 | 1;
  weight: number;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const p = m[col]?.[col] ?? 0;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const f = (m[r]?.[col] ?? 0) / p;
      for (let c = col; c <= n; c += 1) (m[r] as number[])[c] = (m[r]?.[c] ?? 0) - f * (m[col]?.[c] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] || 1));
}

/** Coefficients (first one is the bias; feature 0 must be the constant 1). The bias is not penalised.
 * `signs[j]` = 1 or -1 constrains coefficient j to that sign (0 or missing: free): features that
 * are evidence for an answer must never lower confidence, but correlated features otherwise trade
 * signs to fit noise. A coefficient that comes out with the wrong sign is fixed at 0 and the rest
 * refitted, until every constraint holds (an active-set method). */
export function fitLogistic(rows: readonly TrainingRow[], options: { l2?: number; iterations?: number; signs?: readonly number[] } = {}): number[] {
  const d = rows[0]?.x.length ?? 0;
  const fixed = new Set<number>();
  for (;;) {
    const beta = newton(rows, d, fixed, options.l2 ?? 1, options.iterations ?? 30);
    const wrong = beta.map((b, j) => ({ b, j, s: options.signs?.[j] ?? 0 })).filter(({ b, s, j }) => !fixed.has(j) && s !== 0 && b * s < 0);
    if (wrong.length === 0) return beta.map((b) => Math.round(b * 1000) / 1000);
    // Fix the most violated one first; the others may recover once it is gone.
    const worst = wrong.reduce((a, c) => (Math.abs(c.b) > Math.abs(a.b) ? c : a));
    fixed.add(worst.j);
  }
}

function newton(rows: readonly TrainingRow[], d: number, fixed: ReadonlySet<number>, l2: number, iterations: number): number[] {
  let beta = new Array<number>(d).fill(0);
  const totalWeight = rows.reduce((s, r) => s + r.weight, 0) || 1;
  for (let it = 0; it < iterations; it += 1) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const row of rows) {
      let z = 0;
      for (let j = 0; j < d; j += 1) z += (beta[j] ?? 0) * (row.x[j] ?? 0);
      const p = logistic(z);
      const w = row.weight / totalWeight;
      for (let j = 0; j < d; j += 1) {
        const xj = row.x[j] ?? 0;
        grad[j] = (grad[j] ?? 0) + w * (p - row.y) * xj;
        for (let k = 0; k < d; k += 1) (hess[j] as number[])[k] = (hess[j]?.[k] ?? 0) + w * p * (1 - p) * xj * (row.x[k] ?? 0);
      }
    }
    const n = rows.length || 1;
    for (let j = 1; j < d; j += 1) {
      grad[j] = (grad[j] ?? 0) + (l2 / n) * (beta[j] ?? 0);
      (hess[j] as number[])[j] = (hess[j]?.[j] ?? 0) + l2 / n;
    }
    // A fixed coefficient stays 0: its row and column become the identity, its gradient 0.
    for (const j of fixed) {
      grad[j] = 0;
      for (let k = 0; k < d; k += 1) { (hess[j] as number[])[k] = 0; (hess[k] as number[])[j] = 0; }
      (hess[j] as number[])[j] = 1;
    }
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b - (step[j] ?? 0));
    if (step.every((s) => Math.abs(s) < 1e-8)) break;
  }
  return beta;
}

/** Log-loss and expected calibration error (10 equal-width bins) of predictions. */
export function calibrationReport(predictions: ReadonlyArray<{ p: number; y: 0 | 1 }>): { logLoss: number; ece: number } {
  let loss = 0;
  const bins = Array.from({ length: 10 }, () => ({ n: 0, p: 0, y: 0 }));
  for (const { p, y } of predictions) {
    const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
    loss -= y ? Math.log(q) : Math.log(1 - q);
    const bin = bins[Math.min(9, Math.floor(p * 10))] as { n: number; p: number; y: number };
    bin.n += 1; bin.p += p; bin.y += y;
  }
  const n = predictions.length || 1;
  const ece = bins.reduce((s, b) => s + (b.n > 0 ? (b.n / n) * Math.abs(b.p / b.n - b.y / b.n) : 0), 0);
  return { logLoss: loss / n, ece };
}
