// Coefficients of the confidence model, in the order of FEATURE_NAMES in confidence.ts.
// Fitted by fitConfidenceModel (calibrate.ts) on all dev sets pooled; see docs/answers.md.
export const CONFIDENCE_MODEL = {
  coefficients: [-5.016, 0.782, 0.995, 1.329, 3.067, 2.025, 0.667, -1.721, 1.003, 3.262, -0.555],
  /** Default community threshold: answer when the estimated probability of being right is at least this. */
  threshold: 0.7,
} as const;
