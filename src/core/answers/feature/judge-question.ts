// One judgement of a question against a community's knowledge, shared by the live path (a message
// in a watched channel, answer-question.ts) and /faq ask, so both say the same: the detector's
// verdict, the best entry, its confidence after askers' "Didn't help" votes, and whether it clears
// the community's threshold.
import { detectQuestion, type AnswerCandidate, type AnswerIndex, type QuestionContext, type QuestionVerdict } from '../index.ts';
import type { CommunityKnowledge } from '../storage/knowledge-cache.ts';
import { penaltyFor } from '../learn/learning.ts';
import { searchTextOf } from '../text/question-text.ts';

export interface Judgement {
  verdict: QuestionVerdict;
  /** The text searched (mentions removed). */
  text: string;
  /** The best candidates, confidence after penalties, best first (empty when not a question, unless searchAnyway). */
  candidates: Array<{ candidate: AnswerCandidate; confidence: number }>;
  /** Whether Rapport posts the first candidate. */
  answered: boolean;
}

export interface JudgeInput {
  communityId: string;
  knowledge: CommunityKnowledge;
  message: string;
  context: QuestionContext;
  /** Semantic search (semantic-answering.ts); the word index when absent. */
  indexFor?(communityId: string, knowledge: CommunityKnowledge, text: string): Promise<AnswerIndex>;
  /** How many candidates to keep (the live path needs one, /faq ask shows three). */
  limit?: number;
  /** Search even when the text does not read as a question (/faq ask shows the matches anyway); the live path does not. */
  searchAnyway?: boolean;
}

export async function judgeQuestion(input: JudgeInput): Promise<Judgement> {
  const { knowledge } = input;
  const verdict = detectQuestion(input.message, input.context);
  const text = searchTextOf(input.message, input.context.mentionsBot === true);
  // An empty knowledge base has no candidate to find: skip the search (and its allocations).
  if ((!verdict.isQuestion && !input.searchAnyway) || text === '' || knowledge.index.size === 0) return { verdict, text, candidates: [], answered: false };
  const index = input.indexFor ? await input.indexFor(input.communityId, knowledge, text) : knowledge.index;
  // The community's threshold is applied after what askers' "Didn't help" votes taught (learning.ts).
  const candidates = index
    .search(text, { limit: input.limit ?? 1 })
    .map((candidate) => ({ candidate, confidence: Math.max(0, candidate.confidence - penaltyFor(knowledge.feedback, candidate.entry.id, text)) }));
  const best = candidates[0];
  return { verdict, text, candidates, answered: verdict.isQuestion && best !== undefined && best.confidence >= knowledge.threshold };
}
