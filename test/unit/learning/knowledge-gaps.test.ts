// Proves knowledge gaps: English and Bulgarian questions are grouped by the content word they share (stemmed, so "passwords" joins "password"), with counts of unanswered and "didn't help", newest examples first; lone questions go last; the CSV has one quoted row per question; the digest message says how to act; bad CLI options exit 2 with what to fix.
import { describe, expect, it } from 'vitest';
import { gapsMessage } from '../../../src/core/learning/gaps-digest.ts';
import { gapsCsv, groupGaps, type GapQuestion } from '../../../src/core/learning/knowledge-gaps.ts';
import { createTranslator } from '../../../src/i18n/create-translator.ts';
import { runRapport, SPAWN_TIMEOUT_MS } from '../../support/run-cli.ts';

let n = 0;
const q = (question: string, unhelpful = false): GapQuestion => ({ id: ++n, question, askedAt: new Date(Date.UTC(2026, 0, 1, 0, n)), unhelpful });

describe('knowledge gaps', () => {
  it('GIVEN English and Bulgarian questions THEN they group by shared topic with counts, lone questions last', () => {
    const groups = groupGaps([
      q('How do I reset my password?'),
      q('My passwords are not accepted', true),
      q('Password change fails with an error'),
      q('Как да сменя паролата си?'),
      q('Паролата ми не работи'),
      q('Is there a dark theme?'),
    ]);
    expect(groups[0]).toMatchObject({ count: 3, unanswered: 2, unhelpful: 1 });
    expect(groups[0]!.examples[0]!.question).toBe('Password change fails with an error');
    expect(groups[1]).toMatchObject({ count: 2 });
    expect(groups[1]!.questions.map((x) => x.question)).toEqual(['Паролата ми не работи', 'Как да сменя паролата си?']);
    expect(groups.at(-1)).toMatchObject({ topic: null, count: 1 });
    expect(groups.at(-1)!.examples[0]!.question).toBe('Is there a dark theme?');
  });

  it('GIVEN a report THEN the CSV has a header and one quoted row per question', () => {
    const questions = [q('How do I export, as "CSV"?'), q('Export to CSV fails')];
    const csv = gapsCsv({ since: new Date(0), until: new Date(), total: 2, groups: groupGaps(questions) });
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('topic,group_count,question_id,asked_at,kind,question');
    expect(lines).toHaveLength(3);
    expect(csv).toContain('"How do I export, as ""CSV""?"');
  });

  it('GIVEN a report in Bulgarian THEN the digest names topics, examples and how to adopt them', async () => {
    const translator = await createTranslator();
    const t = (key: string, vars?: Record<string, string | number>) => translator.t('bg', key, vars);
    const report = { since: new Date('2026-01-01'), until: new Date('2026-01-08'), total: 2, groups: groupGaps([q('Как да сменя паролата си?'), q('Паролата ми не работи')]) };
    const message = gapsMessage(t, report, 3);
    expect(message.title).toBe('Пропуски в знанията: последните 7 дни');
    expect(message.text).toContain('Как да сменя паролата си?');
    expect(message.text).toContain('/faq adopt id:N entry:KEY');
    expect(message.text).toContain('Чакащи предложения от решени разговори: 3');
  });

  it('GIVEN --format xml THEN `rapport export gaps` exits 2 and says what formats exist', async () => {
    const result = await runRapport(['export', 'gaps', '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format must be csv or json');
  }, SPAWN_TIMEOUT_MS);
});
