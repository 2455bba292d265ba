// Knowledge gaps: the questions Rapport did not answer and the answers askers said did not help,
// over a period, grouped by topic so moderators see what the knowledge base is missing. A topic is
// the content word (analyzeTerms: stop words dropped, English and Bulgarian stemmed, the analysis
// the answer index uses) that the most questions of the period share; each question joins the
// topic of its most shared word, and questions sharing no word with another stand alone.
import { analyzeTerms } from '../answers/index.ts';
import type { OpenQuestionRow } from '../answers/storage/ports.ts';

export interface GapQuestion {
  id: number;
  question: string;
  askedAt: Date;
  /** Rapport answered, and someone said it did not help. */
  unhelpful: boolean;
}

export interface GapGroup {
  /** The shared word (stemmed), or null for questions that share no word with another. */
  topic: string | null;
  count: number;
  unanswered: number;
  unhelpful: number;
  /** Up to `examples` questions, newest first; `/faq adopt id:N` works on each. */
  examples: GapQuestion[];
  /** Every question of the group, newest first. */
  questions: GapQuestion[];
}

export interface GapsReport {
  since: Date;
  until: Date;
  total: number;
  groups: GapGroup[];
}

export function groupGaps(questions: readonly GapQuestion[], options: { examples?: number } = {}): GapGroup[] {
  const examples = options.examples ?? 3;
  const termsOf = new Map<number, string[]>();
  const df = new Map<string, number>();
  for (const q of questions) {
    const terms = [...new Set(analyzeTerms(q.question))];
    termsOf.set(q.id, terms);
    for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const groups = new Map<string | null, GapGroup>();
  for (const q of [...questions].sort((a, b) => b.askedAt.getTime() - a.askedAt.getTime())) {
    let topic: string | null = null;
    let best = 1;
    for (const term of termsOf.get(q.id) ?? []) {
      const shared = df.get(term) ?? 0;
      // Ties go to the longer word: more specific ("password" over "reset" when both are shared alike).
      if (shared > best || (shared === best && topic !== null && term.length > topic.length)) {
        topic = term;
        best = shared;
      }
    }
    const group = groups.get(topic) ?? { topic, count: 0, unanswered: 0, unhelpful: 0, examples: [], questions: [] };
    group.count += 1;
    if (q.unhelpful) group.unhelpful += 1;
    else group.unanswered += 1;
    if (group.examples.length < examples) group.examples.push(q);
    group.questions.push(q);
    groups.set(topic, group);
  }
  return [...groups.values()].sort((a, b) => Number(a.topic === null) - Number(b.topic === null) || b.count - a.count || b.unhelpful - a.unhelpful);
}

export function createKnowledgeGaps(deps: { answerLogs: { openQuestions(communityId: string, limit: number): Promise<OpenQuestionRow[]> }; now(): Date }) {
  return {
    /** The last `days` days (7 by default), from at most `scan` open questions. */
    async report(communityId: string, options: { days?: number; scan?: number } = {}): Promise<GapsReport> {
      const until = deps.now();
      const since = new Date(until.getTime() - (options.days ?? 7) * 86_400_000);
      const rows = await deps.answerLogs.openQuestions(communityId, options.scan ?? 2_000);
      const questions = rows
        .filter((r) => r.createdAt >= since)
        .map((r) => ({ id: r.id, question: r.question, askedAt: r.createdAt, unhelpful: r.answered && r.unhelpfulVotes > 0 }));
      return { since, until, total: questions.length, groups: groupGaps(questions) };
    },
  };
}

export type KnowledgeGaps = ReturnType<typeof createKnowledgeGaps>;

/** One CSV row per question, with its group (RFC 4180 quoting). */
export function gapsCsv(report: GapsReport): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = ['topic,group_count,question_id,asked_at,kind,question'];
  for (const group of report.groups) {
    for (const q of group.questions) {
      lines.push([group.topic ?? '', group.count, q.id, q.askedAt.toISOString(), q.unhelpful ? 'unhelpful' : 'unanswered', q.question].map(cell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
