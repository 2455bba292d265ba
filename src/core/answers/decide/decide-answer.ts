// The whole question -> reply decision the bot makes for one message: is it a question, which
// entry answers it, and is Rapport sure enough to post. Pure and synchronous; the caller posts.
import type { AnswerCandidate, AnswerIndex } from '../search/answer-index.ts';
import { detectQuestion, type QuestionContext, type QuestionVerdict } from '../detect/question-detector.ts';
import { detectLanguage } from '../text/analyze.ts';
import { CONFIDENCE_MODEL } from './confidence-model.ts';

/** Default community threshold: the estimated probability of being right needed to answer. */
export const DEFAULT_ANSWER_THRESHOLD: number = CONFIDENCE_MODEL.threshold;

export type AnswerDecision =
  | { kind: 'answer'; candidate: AnswerCandidate; verdict: QuestionVerdict }
  | { kind: 'silent'; reason: 'not-a-question'; verdict: QuestionVerdict }
  | { kind: 'silent'; reason: 'unsure'; verdict: QuestionVerdict; best: AnswerCandidate | null };

export interface DecideOptions {
  context?: QuestionContext;
  /** Community threshold in [0, 1]; DEFAULT_ANSWER_THRESHOLD when omitted. */
  threshold?: number;
  /** Skip question detection (the evaluation command and explicit "/faq ask" do). */
  assumeQuestion?: boolean;
}

export function decideAnswer(index: AnswerIndex, text: string, options: DecideOptions = {}): AnswerDecision {
  const verdict: QuestionVerdict = options.assumeQuestion
    ? { isQuestion: true, score: 1, asksForHelp: 1, reasons: ['assumed'], language: detectLanguage(text) }
    : detectQuestion(text, options.context);
  if (!verdict.isQuestion) return { kind: 'silent', reason: 'not-a-question', verdict };
  const best = index.search(text, { limit: 2 })[0] ?? null;
  const threshold = options.threshold ?? DEFAULT_ANSWER_THRESHOLD;
  if (best && best.confidence >= threshold) return { kind: 'answer', candidate: best, verdict };
  return { kind: 'silent', reason: 'unsure', verdict, best };
}
