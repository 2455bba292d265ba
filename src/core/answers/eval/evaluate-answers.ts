// Runs labelled queries through the same retrieval and confidence path the bot uses and counts
// what it would post at a threshold. Pure: the CLI reads files and prints.
import type { LabelledQuery } from '../knowledge-base/kb-entry.ts';
import type { AnswerIndex } from '../search/answer-index.ts';

export interface QueryOutcome {
  expected: string | null;
  top: string | null;
  confidence: number;
  features: number[];
}

export interface SetResult {
  total: number;
  inScope: number;
  outOfScope: number;
  /** Share of in-scope queries whose best-ranked entry is the expected one. */
  top1: number;
  /** Queries the bot would answer (in scope or not) = answeredCorrect + answeredWrong. */
  answered: number;
  answeredCorrect: number;
  answeredWrong: number;
  outOfScopeAnswered: number;
}

export function runQueries(index: AnswerIndex, queries: readonly LabelledQuery[], onEach?: () => void): QueryOutcome[] {
  return queries.map((q) => {
    const best = index.search(q.query, { limit: 2 })[0];
    onEach?.();
    return { expected: q.expected, top: best?.entry.id ?? null, confidence: best?.confidence ?? 0, features: best?.features ?? [] };
  });
}

export function summarize(outcomes: readonly QueryOutcome[], threshold: number): SetResult {
  let inScope = 0;
  let top1 = 0;
  let answered = 0;
  let answeredCorrect = 0;
  let outOfScopeAnswered = 0;
  for (const o of outcomes) {
    const answers = o.top !== null && o.confidence >= threshold;
    if (o.expected !== null) {
      inScope += 1;
      if (o.top === o.expected) top1 += 1;
    } else if (answers) outOfScopeAnswered += 1;
    if (answers) {
      answered += 1;
      if (o.top === o.expected) answeredCorrect += 1;
    }
  }
  return {
    total: outcomes.length, inScope, outOfScope: outcomes.length - inScope,
    top1: inScope > 0 ? Math.round((top1 / inScope) * 1000) / 1000 : 0,
    answered, answeredCorrect, answeredWrong: answered - answeredCorrect, outOfScopeAnswered,
  };
}
