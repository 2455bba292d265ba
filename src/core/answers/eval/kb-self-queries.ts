// Labelled questions made from a knowledge base itself, so that retrieval settings and the
// confidence model can be chosen without the dev query files they are judged on.
// - leave one phrasing out: each question or phrasing is taken out of its entry and asked; the
//   entry (its other phrasings and its answer) should still win. This is how a new paraphrase
//   meets the index.
// - leave one entry out: a whole entry is taken out and its questions are asked; whatever the
//   index answers is wrong. These are the hardest off-topic questions: same domain, same words.
// - other knowledge bases: their questions and phrasings asked here (no entry answers them),
//   plain off-topic.
import type { KbEntry } from '../knowledge-base/kb-entry.ts';
import { createAnswerIndex, type AnswerIndexOptions, type AnswerIndex } from '../search/answer-index.ts';
import type { QueryOutcome } from './evaluate-answers.ts';

export type SelfQueryKind = 'phrasing-out' | 'entry-out' | 'other-kb';

export interface SelfOutcome extends QueryOutcome {
  kind: SelfQueryKind;
}

function outcome(index: AnswerIndex, query: string, expected: string | null, kind: SelfQueryKind): SelfOutcome {
  const best = index.search(query, { limit: 2 })[0];
  return { kind, expected, top: best?.entry.id ?? null, confidence: best?.confidence ?? 0, features: best?.features ?? [] };
}

/** Asks every question and phrasing of every entry with it left out of its entry. */
export function leaveOnePhrasingOut(entries: readonly KbEntry[], options: AnswerIndexOptions = {}): SelfOutcome[] {
  const index = createAnswerIndex(entries, options);
  const out: SelfOutcome[] = [];
  for (const entry of entries) {
    const asks = [entry.question, ...entry.phrasings];
    asks.forEach((ask, i) => {
      const rest = asks.filter((_, j) => j !== i);
      // An entry asked in one way only keeps just its answer (question '' indexes nothing): then
      // it can be found through its answer alone, as a new question in other words often is.
      index.update({ ...entry, question: rest[0] ?? '', phrasings: rest.slice(1) });
      out.push(outcome(index, ask, entry.id, 'phrasing-out'));
    });
    index.update(entry);
  }
  return out;
}

/** Asks the question of every entry with the whole entry left out (every answer is wrong). */
export function leaveOneEntryOut(entries: readonly KbEntry[], options: AnswerIndexOptions = {}): SelfOutcome[] {
  const index = createAnswerIndex(entries, options);
  const out: SelfOutcome[] = [];
  for (const entry of entries) {
    index.remove(entry.id);
    out.push(outcome(index, entry.question, null, 'entry-out'));
    index.add(entry);
  }
  return out;
}

/** Questions and phrasings of other knowledge bases asked of this one (none is answered here). */
export function otherKbQuestions(entries: readonly KbEntry[], others: readonly KbEntry[], options: AnswerIndexOptions = {}): SelfOutcome[] {
  const index = createAnswerIndex(entries, options);
  return others.flatMap((e) => [e.question, ...e.phrasings]).map((q) => outcome(index, q, null, 'other-kb'));
}
