// Public surface of the answers engine (text, detect, knowledge-base, search, decide, eval): pure
// parts only, for the bot, the CLI and tests. The live feature (feature/, storage/, admin/, learn/)
// is imported from its own files.
export type { KbEntry, LabelledQuery, Language } from './knowledge-base/kb-entry.ts';
export { parseKb, kbFormatOf } from './knowledge-base/kb-parse.ts';
export { parseKbJson } from './knowledge-base/kb-parse-json.ts';
export { parseKbMarkdown } from './knowledge-base/kb-parse-markdown.ts';
export { parseKbCsv } from './knowledge-base/kb-parse-csv.ts';
export { KbImportError, describeKbProblem, type KbFormat, type KbProblem, type KbLocation } from './knowledge-base/kb-import-error.ts';
export { parseQueryLines } from './eval/query-file-parse.ts';
export { tokenize, detectLanguage, analyzeTerms, charNgrams, stemWord } from './text/analyze.ts';
export { detectQuestion, defaultQuestionDetector, questionScore, scoreQuestion, QUESTION_THRESHOLD, type QuestionContext, type QuestionDetector, type QuestionScore, type QuestionVerdict } from './detect/question-detector.ts';
export { createAnswerIndex, DEFAULT_RETRIEVAL, type AnswerIndex, type AnswerCandidate, type AnswerIndexOptions, type SearchOptions, type RetrievalSettings } from './search/answer-index.ts';
export { decideAnswer, DEFAULT_ANSWER_THRESHOLD, type AnswerDecision, type DecideOptions } from './decide/decide-answer.ts';
export { runQueries, summarize, type QueryOutcome, type SetResult } from './eval/evaluate-answers.ts';
export { fitConfidenceModel, type CalibrationSet, type HeldOutReport } from './decide/fit-confidence-model.ts';
export { FEATURE_NAMES, confidenceOf } from './decide/confidence.ts';
export { CONFIDENCE_MODEL } from './decide/confidence-model.ts';
export { syntheticKb } from './knowledge-base/synthetic-kb.ts';
export { createSynonymTable, type SynonymGroup, type SynonymTable } from './knowledge-base/synonyms.ts';
export { parseSynonymGroup, parseSynonymFile, synonymGroupKey, SYNONYM_LIMITS } from './knowledge-base/synonym-parse.ts';
export { selfCheck, type SelfCheck } from './decide/self-check.ts';
