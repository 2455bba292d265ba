// Coefficients of the confidence model, in the order of FEATURE_NAMES in confidence.ts.
// Fitted by fitConfidenceModel (calibrate.ts) on all dev sets pooled; see docs/answers.md.
export const CONFIDENCE_MODEL = {
  coefficients: [-4, 3, 2, 2, 2, 3, -1, 0],
  /** Default community threshold: answer when the estimated probability of being right is at least this. */
  threshold: 0.6,
} as const;
