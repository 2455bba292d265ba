// Reads the `questions` of a ground-truth file (eval/datasets/*/ground-truth.json): which
// conversation-opening questions to score, who asked and who answered them. Shared by
// `rapport eval learning` and `rapport eval routing`; what is learned or routed never reads it.
import { readFile } from 'node:fs/promises';
import { UserError } from '../core/errors.ts';
import type { TruthQuestion } from '../core/routing/evaluate-routing.ts';
import { parseJsonFile } from '../import/slack-export-reader.ts';

export async function readTruthQuestions(file: string): Promise<TruthQuestion[]> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new UserError('eval.truth_unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  });
  const data = parseJsonFile(file, text) as { questions?: unknown };
  if (!Array.isArray(data.questions)) throw new UserError('eval.truth_invalid', { file, reason: 'no "questions" array' });
  return data.questions.map((q: unknown, i: number) => {
    const rec = q as { ts?: unknown; user?: unknown; answered_by?: unknown };
    if (typeof rec.ts !== 'string' || typeof rec.user !== 'string' || !Array.isArray(rec.answered_by) || !rec.answered_by.every((u) => typeof u === 'string')) {
      throw new UserError('eval.truth_invalid', { file, reason: `question #${i + 1} needs "ts", "user" and "answered_by" (a list of user ids)` });
    }
    return { ts: rec.ts, user: rec.user, answeredBy: rec.answered_by as string[] };
  });
}
