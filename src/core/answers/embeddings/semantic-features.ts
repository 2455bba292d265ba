// Inputs of the confidence model when vectors are on: the word features of confidence.ts for the
// candidate, then three about its vectors. A candidate only the vectors found gets the word
// features of "nothing matched". The coefficients are refitted per knowledge base
// (fit-semantic-model.ts); until then the vector features weigh nothing.
import { CONFIDENCE_MODEL } from '../decide/confidence-model.ts';
import { FEATURE_NAMES, FEATURE_SIGNS } from '../decide/confidence.ts';

export const VECTOR_FEATURE_NAMES = ['vectorSimilarity', 'vectorMargin', 'wordTop'] as const;
export const SEMANTIC_FEATURE_NAMES: readonly string[] = [...FEATURE_NAMES, ...VECTOR_FEATURE_NAMES];
/** All three are evidence: a closer vector, a clearer lead, agreement with word matching. */
export const SEMANTIC_FEATURE_SIGNS: readonly number[] = [...FEATURE_SIGNS, 1, 1, 1];
/** The word model with the vector features at 0: what a knowledge base too small to refit uses. */
export const WORD_ONLY_COEFFICIENTS: readonly number[] = [...CONFIDENCE_MODEL.coefficients, 0, 0, 0];

/** Word features of an entry the word ranking did not find: no coverage, similarity or lead; the
 * query-level features (unknown words, length) are the query's own, read from any word candidate. */
export function absentWordFeatures(anyWordCandidate: readonly number[] | undefined, queryLength: number): number[] {
  const at = (name: string) => anyWordCandidate?.[FEATURE_NAMES.indexOf(name as (typeof FEATURE_NAMES)[number])];
  return FEATURE_NAMES.map((name) => {
    if (name === 'bias') return 1;
    if (name === 'margin' || name === 'bm25Margin') return -1;
    if (name === 'unknownWords') return at(name) ?? 1;
    if (name === 'queryLength') return at(name) ?? queryLength;
    return 0;
  });
}
