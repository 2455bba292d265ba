// Coefficients of the confidence model, in the order of FEATURE_NAMES in confidence.ts, and the
// default threshold. Produced by fitConfidenceModel (fit-confidence-model.ts) from the StackFAQ,
// Banking77 and shop-bg knowledge bases alone (their own questions and phrasings asked with them
// left out, see kb-self-queries.ts): no query file was used, so the dev sets measure the model
// honestly. Refit whenever a feature or the retrieval changes; test/unit/answers/confidence-fit.test.ts
// fails when these numbers no longer match what the procedure produces.
export const CONFIDENCE_MODEL = {
  coefficients: [-4.98, 2.112, 0, 2.102, 0.105, 0.83, 2.687, -3.055, 0.874, 1.633, -0.352],
  /** Default community threshold (see chooseThreshold): answer when the estimated probability of being right is at least this. */
  threshold: 0.7,
} as const;
