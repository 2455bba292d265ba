// The reproducible procedure behind confidence-model.ts. For each knowledge base, every dev query
// and every off-topic query is searched; a row is the top candidate's features with label 1 when
// it is the expected entry. Each knowledge base weighs the same in the fit (a 1,155-query set does
// not outvote a 33-query one). It also reports leave-one-knowledge-base-out figures: the model is
// fitted on the other sets and judged on the held-out one, which is how it will meet a new community.
import type { KbEntry, LabelledQuery } from './kb-entry.ts';
import { createAnswerIndex, type RetrievalSettings } from './answer-index.ts';
import { runQueries, summarize, type QueryOutcome, type SetResult } from './evaluate-answers.ts';
import { calibrationReport, fitLogistic, type TrainingRow } from './calibrate.ts';
import { confidenceOf } from './confidence.ts';

export interface CalibrationSet {
  name: string;
  entries: KbEntry[];
  queries: LabelledQuery[];
  /** Questions no entry answers (expected: null), run against this knowledge base too. */
  offTopic: LabelledQuery[];
}

export interface HeldOutReport extends SetResult {
  name: string;
  ece: number;
  logLoss: number;
}

const label = (o: QueryOutcome): 0 | 1 => (o.expected !== null && o.top === o.expected ? 1 : 0);

function rowsOf(outcomes: QueryOutcome[]): TrainingRow[] {
  return outcomes.filter((o) => o.features.length > 0).map((o) => ({ x: o.features, y: label(o), weight: 1 / outcomes.length }));
}

function judge(name: string, outcomes: QueryOutcome[], coefficients: number[], threshold: number): HeldOutReport {
  const rescored = outcomes.map((o) => ({ ...o, confidence: o.features.length > 0 ? confidenceOf(o.features, coefficients) : 0 }));
  const cal = calibrationReport(rescored.map((o) => ({ p: o.confidence, y: label(o) })));
  return { name, ...summarize(rescored, threshold), ece: Math.round(cal.ece * 1000) / 1000, logLoss: Math.round(cal.logLoss * 1000) / 1000 };
}

export function fitConfidenceModel(sets: readonly CalibrationSet[], options: { threshold: number; l2?: number; retrieval?: Partial<RetrievalSettings> }) {
  const outcomes = sets.map((s) => {
    const index = createAnswerIndex(s.entries, { retrieval: options.retrieval });
    return { name: s.name, outcomes: [...runQueries(index, s.queries), ...runQueries(index, s.offTopic)] };
  });
  const fit = (use: typeof outcomes) => fitLogistic(use.flatMap((o) => rowsOf(o.outcomes)), { l2: options.l2 ?? 1 });
  const coefficients = fit(outcomes);
  const heldOut = outcomes.map((o) => judge(o.name, o.outcomes, fit(outcomes.filter((x) => x !== o)), options.threshold));
  const inSample = outcomes.map((o) => judge(o.name, o.outcomes, coefficients, options.threshold));
  return { coefficients, heldOut, inSample };
}
