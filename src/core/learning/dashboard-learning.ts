// The dashboard's knowledge page with learning's rows: the period's knowledge gaps by topic and the
// suggestions waiting for a moderator (the same data as /faq gaps and /faq suggestions).
import type { DashboardData, KnowledgeBaseData } from '../dashboard/ports.ts';
import type { KnowledgeGaps } from './knowledge-gaps.ts';
import type { SuggestionRecord } from './ports.ts';

const DAYS: Record<string, number> = { '7d': 7, '30d': 30, '90d': 90, '365d': 365 };

export function withLearning(data: DashboardData, deps: { gaps: Pick<KnowledgeGaps, 'report'>; pending(communityId: string, limit: number): Promise<SuggestionRecord[]>; name(memberId: string): Promise<string> }): DashboardData {
  return {
    ...data,
    async knowledgeBase(communityId, period): Promise<KnowledgeBaseData> {
      const [base, report, pending] = await Promise.all([data.knowledgeBase(communityId, period), deps.gaps.report(communityId, { days: DAYS[period.key] ?? 30 }), deps.pending(communityId, 20)]);
      const suggestions = [];
      for (const s of pending) suggestions.push({ id: s.id, question: s.questionText, answer: s.answerText.slice(0, 300), credited: await deps.name(s.creditedMemberId), imported: s.imported });
      return {
        ...base,
        gaps: report.groups.slice(0, 20).map((g) => ({ topic: g.topic, count: g.count, unanswered: g.unanswered, unhelpful: g.unhelpful, examples: g.examples.map((q) => q.question.slice(0, 200)) })),
        suggestions,
      };
    },
  };
}
