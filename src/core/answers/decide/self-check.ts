// The self-calibration a community's own knowledge base gets when it is imported, with no labelled
// questions: the same self-questions the shipped model is fitted on (kb-self-queries.ts), asked of
// this knowledge base alone. Each sampled entry's questions and phrasings are asked with that one
// taken out of the entry (it should still win), and its question with the whole entry taken out
// (every answer is wrong). The result says how the community's threshold behaves on its own
// questions, and which threshold the shipped rule (chooseThreshold) would pick for it.
import { createAnswerIndex } from '../search/answer-index.ts';
import { CONFIDENCE_MODEL } from './confidence-model.ts';
import { chooseThreshold } from './fit-confidence-model.ts';
import type { KbEntry } from '../knowledge-base/kb-entry.ts';
import type { SelfOutcome } from '../eval/kb-self-queries.ts';
import type { SynonymGroup } from '../knowledge-base/synonyms.ts';

export interface SelfCheck {
  /** In-scope self-questions asked (a question or phrasing left out of its entry). */
  questions: number;
  answered: number;
  right: number;
  /** Questions asked with their whole entry taken out (none can be answered rightly). */
  leftOut: number;
  leftOutAnswered: number;
  threshold: number;
  /** The threshold the shipped rule picks on these self-questions. */
  suggested: number;
}

/** At most this many entries are asked about, spread over the knowledge base (a large one costs seconds otherwise). */
const SAMPLE = 200;

export function selfCheck(entries: readonly KbEntry[], options: { threshold: number; synonyms?: readonly SynonymGroup[] }): SelfCheck | null {
  if (entries.length < 2) return null;
  const index = createAnswerIndex(entries, { synonyms: options.synonyms ?? [] });
  const step = Math.max(1, Math.floor(entries.length / SAMPLE));
  const outcomes: SelfOutcome[] = [];
  const ask = (query: string, expected: string | null, kind: SelfOutcome['kind']) => {
    const best = index.search(query, { limit: 2 })[0];
    outcomes.push({ kind, expected, top: best?.entry.id ?? null, confidence: best?.confidence ?? 0, features: best?.features ?? [] });
  };
  for (let i = 0; i < entries.length; i += step) {
    const entry = entries[i] as KbEntry;
    const asks = [entry.question, ...entry.phrasings];
    asks.forEach((text, j) => {
      const rest = asks.filter((_, k) => k !== j);
      index.update({ ...entry, question: rest[0] ?? '', phrasings: rest.slice(1) });
      ask(text, entry.id, 'phrasing-out');
    });
    index.remove(entry.id);
    ask(entry.question, null, 'entry-out');
    index.add(entry);
  }
  const inScope = outcomes.filter((o) => o.expected !== null);
  const answered = inScope.filter((o) => o.confidence >= options.threshold);
  const leftOut = outcomes.filter((o) => o.expected === null);
  return {
    questions: inScope.length,
    answered: answered.length,
    right: answered.filter((o) => o.top === o.expected).length,
    leftOut: leftOut.length,
    leftOutAnswered: leftOut.filter((o) => o.confidence >= options.threshold).length,
    threshold: options.threshold,
    suggested: chooseThreshold([{ outcomes }], CONFIDENCE_MODEL.coefficients),
  };
}
