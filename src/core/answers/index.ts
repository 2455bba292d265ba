// Public surface of the answers feature; the bot, the CLI and tests import from here.
export type { KbEntry, LabelledQuery, Language } from './kb-entry.ts';
export { parseKb, kbFormatOf } from './kb-parse.ts';
export { parseKbJson } from './kb-parse-json.ts';
export { parseKbMarkdown } from './kb-parse-markdown.ts';
export { parseKbCsv } from './kb-parse-csv.ts';
export { KbImportError, describeKbProblem, type KbFormat, type KbProblem, type KbLocation } from './kb-import-error.ts';
export { parseQueryLines } from './query-file-parse.ts';
export { tokenize, detectLanguage, analyzeTerms, charNgrams, stemWord } from './analyze.ts';
export { detectQuestion, QUESTION_THRESHOLD, type QuestionContext, type QuestionVerdict } from './detect-question.ts';
export { createAnswerIndex, DEFAULT_RETRIEVAL, type AnswerIndex, type AnswerCandidate, type AnswerIndexOptions, type SearchOptions, type RetrievalSettings } from './answer-index.ts';
export { decideAnswer, DEFAULT_ANSWER_THRESHOLD, type AnswerDecision, type DecideOptions } from './decide-answer.ts';
export { runQueries, summarize, type QueryOutcome, type SetResult } from './evaluate-answers.ts';
export { fitConfidenceModel, type CalibrationSet, type HeldOutReport } from './fit-confidence-model.ts';
export { FEATURE_NAMES, confidenceOf } from './confidence.ts';
export { CONFIDENCE_MODEL } from './confidence-model.ts';
export { syntheticKb } from './synthetic-kb.ts';
export { createSynonymTable, type SynonymGroup, type SynonymTable } from './synonyms.ts';
export { parseSynonymGroup, parseSynonymFile, synonymGroupKey, SYNONYM_LIMITS } from './synonym-parse.ts';
