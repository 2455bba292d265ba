// The confidence model with vectors on, refitted for each knowledge base from its own self-queries
// (the procedure of kb-self-queries.ts, see docs/answers.md): every question and phrasing asked
// with it left out of its entry (its vector too), label 1 when the entry still ranks first; every
// entry's question asked with the whole entry left out, label 0. In-scope and out-of-scope
// questions weigh the same. No query file is involved. A knowledge base too small to give at
// least MIN_ROWS right and MIN_ROWS wrong answers keeps the word model (vector features at 0).
import { createAnswerIndex } from '../search/answer-index.ts';
import { fitLogistic, type TrainingRow } from '../decide/calibrate.ts';
import type { KbEntry } from '../knowledge-base/kb-entry.ts';
import type { EntryVectors } from './entry-vectors.ts';
import { SEMANTIC_FEATURE_SIGNS, WORD_ONLY_COEFFICIENTS } from './semantic-features.ts';
import { createSemanticSearch, type SemanticConfidence } from './semantic-search.ts';

export const MIN_ROWS = 10;
/** Entries asked about at most: a large knowledge base is sampled evenly (every n-th entry). */
const MAX_ENTRIES = 200;
/** Asks per entry at most (its question and first phrasings). */
const MAX_ASKS = 3;

export interface SemanticFit extends SemanticConfidence {
  /** Self-queries asked, by label. */
  right: number;
  wrong: number;
}

export interface FitOptions {
  model: string;
  /** Lets other work run between chunks of self-queries (a large base takes a while). */
  pause?(): Promise<void>;
}

export async function fitSemanticModel(entries: readonly KbEntry[], vectors: EntryVectors, vectorOf: ReadonlyMap<string, Float32Array>, options: FitOptions): Promise<SemanticFit> {
  // A private word index: leaving entries out must never touch the one answering questions.
  const words = createAnswerIndex(entries);
  const search = createSemanticSearch({ words, vectors, model: options.model, confidence: { coefficients: WORD_ONLY_COEFFICIENTS, fitted: false } });
  const step = Math.max(1, Math.ceil(entries.length / MAX_ENTRIES));
  const sampled = entries.filter((_, i) => i % step === 0);
  const inScope: Array<{ x: number[]; y: 0 | 1 }> = [];
  const outOfScope: Array<{ x: number[]; y: 0 | 1 }> = [];
  const top = (query: string, skip: (doc: { entryId: string; text: string; kind: string }) => boolean) => {
    const vector = vectorOf.get(query);
    return vector ? search.search(query, vector, { limit: 2, skip })[0] : undefined;
  };
  for (const [n, entry] of sampled.entries()) {
    const asks = [entry.question, ...entry.phrasings].filter((a) => a.trim() !== '');
    asks.slice(0, MAX_ASKS).forEach((ask, i) => {
      const rest = asks.filter((_, j) => j !== i);
      words.update({ ...entry, question: rest[0] ?? '', phrasings: rest.slice(1) });
      const best = top(ask, (doc) => doc.entryId === entry.id && doc.kind !== 'answer' && doc.text === ask);
      if (best) inScope.push({ x: best.features, y: best.entry.id === entry.id ? 1 : 0 });
    });
    words.remove(entry.id);
    const best = top(entry.question, (doc) => doc.entryId === entry.id);
    if (best) outOfScope.push({ x: best.features, y: 0 });
    words.add(entry);
    if (n % 25 === 24) await options.pause?.();
  }
  const rows: TrainingRow[] = [
    ...inScope.map((r) => ({ ...r, weight: 0.5 / inScope.length })),
    ...outOfScope.map((r) => ({ ...r, weight: 0.5 / outOfScope.length })),
  ];
  const right = rows.filter((r) => r.y === 1).length;
  const wrong = rows.length - right;
  if (right < MIN_ROWS || wrong < MIN_ROWS) return { coefficients: WORD_ONLY_COEFFICIENTS, fitted: false, right, wrong };
  return { coefficients: fitLogistic(rows, { l2: 1, signs: SEMANTIC_FEATURE_SIGNS }), fitted: true, right, wrong };
}
