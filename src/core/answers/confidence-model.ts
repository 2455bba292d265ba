// Coefficients of the confidence model, in the order of FEATURE_NAMES in confidence.ts.
// Produced by fitConfidenceModel (fit-confidence-model.ts) on the StackFAQ, Banking77 and shop-bg
// dev sets plus the CLINC150 off-topic questions, each knowledge base weighted equally, L2 = 1.
// Refit whenever a feature or the retrieval changes; test/unit/answers/confidence-fit.test.ts
// fails when these numbers no longer match what the procedure produces.
export const CONFIDENCE_MODEL = {
  coefficients: [-5.259, 0.578, 1.22, 1.316, 3.021, 1.783, 1.018, -1.665, 1.008, 3.63, -0.621],
  /** Default community threshold: answer when the estimated probability of being right is at least 0.7. */
  threshold: 0.7,
} as const;
