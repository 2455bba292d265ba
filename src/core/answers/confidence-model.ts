// Coefficients of the confidence model, in the order of FEATURE_NAMES in confidence.ts.
// Produced by fitConfidenceModel (fit-confidence-model.ts) on the StackFAQ, Banking77 and shop-bg
// dev sets plus the CLINC150 off-topic questions, each knowledge base weighted equally, L2 = 1.
// Refit whenever a feature or the retrieval changes; test/unit/answers/confidence-fit.test.ts
// fails when these numbers no longer match what the procedure produces.
export const CONFIDENCE_MODEL = {
  coefficients: [-5.572, 0.799, 1.111, 1.225, 3.281, 1.872, 1.014, -1.554, 1.085, 3.846, -0.644],
  /** Default community threshold: answer when the estimated probability of being right is at least 0.7. */
  threshold: 0.7,
} as const;
