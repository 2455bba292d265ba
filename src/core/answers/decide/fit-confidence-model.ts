// The reproducible procedure behind confidence-model.ts. Training rows come from the knowledge
// bases alone (kb-self-queries.ts), never from query files: every question and phrasing asked
// with it left out of its entry (label 1 when its entry still ranks first), every entry's question
// asked with the whole entry left out, and the other knowledge bases' questions (label 0: no entry
// answers them). A row is the top candidate's features. Each knowledge base weighs the same in the
// fit, and inside one, in-scope and out-of-scope questions weigh the same (as a community's
// questions are a mix of both). It also reports leave-one-knowledge-base-out figures: the model
// is fitted on the other knowledge bases and judged on the held-out one's self-queries.
import type { KbEntry } from '../knowledge-base/kb-entry.ts';
import type { RetrievalSettings } from '../search/answer-index.ts';
import { summarize, type SetResult } from '../eval/evaluate-answers.ts';
import { calibrationReport, fitLogistic, type TrainingRow } from './calibrate.ts';
import { confidenceOf, FEATURE_SIGNS } from './confidence.ts';
import { leaveOneEntryOut, leaveOnePhrasingOut, otherKbQuestions, type SelfOutcome } from '../eval/kb-self-queries.ts';

export interface CalibrationSet {
  name: string;
  entries: KbEntry[];
}

export interface HeldOutReport extends SetResult {
  name: string;
  ece: number;
  logLoss: number;
}

const label = (o: SelfOutcome): 0 | 1 => (o.expected !== null && o.top === o.expected ? 1 : 0);

// In-scope and out-of-scope questions weigh the same overall (a community's questions are a mix of
// both); inside each half every knowledge base that has such questions weighs the same (a 385-row
// set does not outvote a 15-row one), and the two kinds of out-of-scope questions share their KB's part.
function rowsOf(sets: ReadonlyArray<{ outcomes: SelfOutcome[] }>): TrainingRow[] {
  const usable = sets.map((s) => s.outcomes.filter((o) => o.features.length > 0));
  const inScope = usable.map((u) => u.filter((o) => o.expected !== null)).filter((g) => g.length > 0);
  const outOfScope = usable.map((u) => [u.filter((o) => o.kind === 'entry-out'), u.filter((o) => o.kind === 'other-kb')].filter((g) => g.length > 0)).filter((g) => g.length > 0);
  const weigh = (group: SelfOutcome[], total: number) => group.map((o) => ({ x: o.features, y: label(o), weight: total / group.length }));
  return [
    ...inScope.flatMap((g) => weigh(g, 0.5 / inScope.length)),
    ...outOfScope.flatMap((kinds) => kinds.flatMap((g) => weigh(g, 0.5 / outOfScope.length / kinds.length))),
  ];
}

function judge(name: string, outcomes: SelfOutcome[], coefficients: number[], threshold: number): HeldOutReport {
  const rescored = outcomes.map((o) => ({ ...o, confidence: o.features.length > 0 ? confidenceOf(o.features, coefficients) : 0 }));
  const cal = calibrationReport(rescored.map((o) => ({ p: o.confidence, y: label(o) })));
  return { name, ...summarize(rescored, threshold), ece: Math.round(cal.ece * 1000) / 1000, logLoss: Math.round(cal.logLoss * 1000) / 1000 };
}

/** Self-queries of every knowledge base (see kb-self-queries.ts). */
export function selfQueries(sets: readonly CalibrationSet[], retrieval?: Partial<RetrievalSettings>): Array<{ name: string; outcomes: SelfOutcome[] }> {
  const options = { retrieval };
  return sets.map((s) => ({
    name: s.name,
    outcomes: [
      ...leaveOnePhrasingOut(s.entries, options),
      ...leaveOneEntryOut(s.entries, options),
      // Questions in another language are told apart by their script; only same-language ones teach anything.
      ...otherKbQuestions(s.entries, sets.filter((o) => o !== s).flatMap((o) => o.entries).filter((e) => s.entries.some((x) => x.language === e.language)), options),
    ],
  }));
}

/** Thresholds the default is chosen from: coarse steps, so that it cannot be fitted to noise. */
const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9];

/** The lowest threshold at which, on every knowledge base's self-queries, answered in-scope
 * questions are at least 90% right and at most 5% of out-of-scope questions are answered. */
export function chooseThreshold(sets: ReadonlyArray<{ outcomes: SelfOutcome[] }>, coefficients: readonly number[]): number {
  const p = (o: SelfOutcome) => (o.features.length > 0 ? confidenceOf(o.features, coefficients) : 0);
  const holds = (t: number) => sets.every(({ outcomes }) => {
    const answered = outcomes.filter((o) => o.expected !== null && p(o) >= t);
    const right = answered.filter((o) => o.top === o.expected).length;
    const outOfScope = outcomes.filter((o) => o.expected === null);
    const wrongly = outOfScope.filter((o) => p(o) >= t).length;
    return (answered.length === 0 || right / answered.length >= 0.9) && wrongly <= 0.05 * outOfScope.length;
  });
  return THRESHOLDS.find(holds) ?? (THRESHOLDS.at(-1) as number);
}

export function fitConfidenceModel(sets: readonly CalibrationSet[], options: { threshold: number; l2?: number; retrieval?: Partial<RetrievalSettings> }) {
  const outcomes = selfQueries(sets, options.retrieval);
  const fit = (use: typeof outcomes) => fitLogistic(rowsOf(use), { l2: options.l2 ?? 1, signs: FEATURE_SIGNS });
  const coefficients = fit(outcomes);
  const heldOut = outcomes.map((o) => judge(o.name, o.outcomes, fit(outcomes.filter((x) => x !== o)), options.threshold));
  const inSample = outcomes.map((o) => judge(o.name, o.outcomes, coefficients, options.threshold));
  return { coefficients, threshold: chooseThreshold(outcomes, coefficients), heldOut, inSample };
}
