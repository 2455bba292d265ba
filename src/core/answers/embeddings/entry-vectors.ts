// The vectors of a knowledge base: every question, phrasing and answer of every entry (the same
// documents the word index holds), compared with a question's vector by brute force. A few
// thousand documents of ~1,000 numbers take milliseconds; no approximate index is needed at the
// sizes communities have.
import type { KbEntry } from '../knowledge-base/kb-entry.ts';
import type { DocKind } from '../search/term-stats.ts';
import { dot } from './vector-math.ts';

/** Answers can be long; embedding models read a few thousand tokens at most. */
const MAX_TEXT_CHARS = 2000;

export interface VectorDoc {
  entryId: string;
  kind: DocKind;
  text: string;
  vector: Float32Array;
}

export interface EntryMatch {
  /** Best cosine similarity of the query with any of the entry's documents. */
  similarity: number;
  doc: VectorDoc;
}

export interface EntryVectors {
  readonly dimension: number;
  /** Best match of every accepted entry (skipped documents do not count). */
  match(query: Float32Array, options?: { accept?(entryId: string): boolean; skip?(doc: VectorDoc): boolean }): Map<string, EntryMatch>;
}

/** The texts embedded for an entry, as the word index holds them (empty ones are left out). */
export function docTextsOf(entry: KbEntry): Array<{ kind: DocKind; text: string }> {
  const docs: Array<{ kind: DocKind; text: string }> = [
    { kind: 'question', text: entry.question },
    ...entry.phrasings.map((text) => ({ kind: 'phrasing' as const, text })),
    { kind: 'answer', text: entry.answer.slice(0, MAX_TEXT_CHARS) },
  ];
  return docs.filter((d) => d.text.trim() !== '');
}

export function createEntryVectors(entries: readonly KbEntry[], vectorOf: ReadonlyMap<string, Float32Array>, dimension: number): EntryVectors {
  const docs: VectorDoc[] = [];
  for (const entry of entries) {
    for (const { kind, text } of docTextsOf(entry)) {
      const vector = vectorOf.get(text);
      if (!vector) throw new Error(`No vector for a document of entry "${entry.id}"`);
      docs.push({ entryId: entry.id, kind, text, vector });
    }
  }
  return {
    dimension,
    match(query, options = {}) {
      const best = new Map<string, EntryMatch>();
      for (const doc of docs) {
        if (options.accept && !options.accept(doc.entryId)) continue;
        if (options.skip?.(doc)) continue;
        const similarity = dot(query, doc.vector);
        const held = best.get(doc.entryId);
        if (!held || similarity > held.similarity) best.set(doc.entryId, { similarity, doc });
      }
      return best;
    },
  };
}
