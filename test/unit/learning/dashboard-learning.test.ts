// Proves the dashboard's knowledge page carries learning: its JSON adds the period's gaps by topic and the waiting suggestions (with the answerer's name) to what the page had, and the page has the two tables with Bulgarian headings for a Bulgarian session.
import { describe, expect, it } from 'vitest';
import type { OpenQuestionRow } from '../../../src/core/answers/storage/ports.ts';
import type { DashboardData, DashboardPeriod } from '../../../src/core/dashboard/ports.ts';
import { withLearning } from '../../../src/core/learning/dashboard-learning.ts';
import { createInMemorySuggestions } from '../../../src/core/learning/in-memory-suggestions.ts';
import { createKnowledgeGaps } from '../../../src/core/learning/knowledge-gaps.ts';
import { createTranslator } from '../../../src/i18n/create-translator.ts';
import { renderDashboardPage } from '../../../src/web/pages/layout.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const row = (id: number, question: string, daysAgo: number): OpenQuestionRow => ({ id, communityId: 'c', channelId: 'c:g', messageId: `m${id}`, askerMemberId: 'c:a', question, normalized: question, entryKey: null, confidence: 0, answered: false, replyMessageId: null, status: 'open', createdAt: new Date(NOW.getTime() - daysAgo * 86_400_000), unhelpfulVotes: 0, replies: 0 });

describe('learning on the dashboard', () => {
  it('GIVEN gaps and a waiting suggestion THEN the knowledge JSON keeps its rows and adds both, within the period', async () => {
    const base = { available: true, unanswered: [{ question: 'q', count: 1, lastAskedAt: NOW }], unhelpful: [] };
    const data = { knowledgeBase: async () => base } as unknown as DashboardData;
    const rows = [row(1, 'Why does the PDF export fail?', 1), row(2, 'PDF export error', 2), row(3, 'PDF export broken since May', 20)];
    const gaps = createKnowledgeGaps({ answerLogs: { openQuestions: async () => rows }, now: () => NOW });
    const repo = createInMemorySuggestions();
    await repo.add({ communityId: 'c', channelId: 'c:g', questionMessageId: 'q1', askerMemberId: 'c:a', creditedMemberId: 'c:b', questionText: 'How do I pin?', answerText: 'Hover and Pin.', answerMessageIds: ['a1'], signal: 'thanks', signalMessageId: 's1', language: 'en', imported: false, entryKey: null, createdAt: NOW });
    const wrapped = withLearning(data, { gaps, pending: (c, limit) => repo.pending(c, limit), name: async (id) => (id === 'c:b' ? 'Bob' : id) });
    const period = { key: '7d', from: new Date(NOW.getTime() - 7 * 86_400_000), to: NOW, timeZone: 'UTC' } as DashboardPeriod;
    const json = await wrapped.knowledgeBase('c', period);
    expect(json.unanswered).toEqual(base.unanswered);
    expect(json.gaps).toHaveLength(1);
    expect(json.gaps![0]).toMatchObject({ count: 2, unanswered: 2 });
    expect(json.suggestions).toEqual([{ id: 1, question: 'How do I pin?', answer: 'Hover and Pin.', credited: 'Bob', imported: false }]);
  });

  it('GIVEN a Bulgarian session THEN the knowledge page has the gaps and suggestions tables with Bulgarian headings', async () => {
    const translator = await createTranslator();
    const html = renderDashboardPage({ language: 'bg', t: (k, v) => translator.t('bg', k, v), communityName: 'Общност', base: '/dashboard/x', page: 'knowledge', period: '7d' });
    expect(html).toContain('table-gaps');
    expect(html).toContain('Пропуски в знанията по теми');
    expect(html).toContain('table-suggestions');
    expect(html).toContain('Отговорил');
  });
});
