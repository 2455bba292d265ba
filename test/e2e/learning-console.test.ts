// Proves learning end to end in the console on the real Rapport (PostgreSQL), in English and Bulgarian: a thanked thread reply becomes a pending suggestion, /faq suggestions shows it to moderators only with Approve / Edit / Reject, approval adds the entry (the next asker is answered at once), credits the answerer on the helper board and thanks them by DM; edit and reject work by command; a deleted question removes its pending suggestion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleDriver } from '../support/console-driver.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

const button = (out: string, label: string) => [...out.matchAll(/\[(\d+)\] ([^[]+)/g)].find((m) => m[2]!.trim().startsWith(label))?.[1];

async function questionId(app: TestApp, text: string): Promise<string> {
  const row = await app.db.prisma.answerLog.findFirst({ where: { question: text } });
  if (!row) throw new Error(`question not logged: ${text}`);
  return row.messageId;
}

describe('learning in the console (English)', () => {
  let app: TestApp;
  const chat = createConsoleDriver();
  const say = (speaker: string, ...lines: string[]) => chat.send(`/as ${speaker}`, '/in general', ...lines);

  beforeAll(async () => {
    app = await createTestApp({ adapters: ({ translator }) => [chat.adapter(translator)] });
  });
  afterAll(async () => {
    await app.close();
  });

  it('GIVEN a question answered in its thread and the asker thanking THEN a moderator approves it and the next asker gets the answer, the answerer is credited and thanked', async () => {
    const question = 'How do I change my avatar picture?';
    await say('ann', question);
    const id = await questionId(app, question);
    await say('bob', `/reply ${id} Open Profile, then Edit, then Photo, and upload a square image.`);
    await say('ann', `/reply ${id} thanks bob, that worked!`);

    expect(await say('ann', '/faq suggestions')).toContain('for moderators only');
    const listed = await say('mod mod', '/faq suggestions');
    expect(listed).toContain('Knowledge-base suggestions: 1 waiting');
    expect(listed).toContain(question);
    expect(listed).toContain('Open Profile, then Edit, then Photo');
    expect(listed).toContain('ann thanked them');
    expect(button(listed, 'Edit')).toBeDefined();
    expect(button(listed, 'Reject')).toBeDefined();

    const before = (await app.rapport.ports.recognition.rank({ id: 'console:local', timeZone: 'UTC' }, 'console:local:bob'))?.standing.helper ?? 0;
    const approved = await say('mod mod', `/press ${button(listed, 'Approve')}`);
    expect(approved).toMatch(/Suggestion #\d+ approved: new entry "how-do-i-change-my-avatar/);
    expect(approved).toContain('bob is credited');
    expect(chat.printed()).toMatch(/bob[^\n]*\n?[^\n]*Thank you! The moderators added your answer/);
    const after = (await app.rapport.ports.recognition.rank({ id: 'console:local', timeZone: 'UTC' }, 'console:local:bob'))?.standing.helper ?? 0;
    expect(after).toBeGreaterThan(before);

    const next = await say('cy', 'how can I change my avatar picture?');
    expect(next).toContain('upload a square image');
    expect(await say('mod mod', `/press ${button(listed, 'Approve')}`)).toContain('already decided');
  });

  it('GIVEN a reply nobody thanked WHEN a moderator saves it as the answer THEN it is a suggestion crediting its author; an unknown message is refused', async () => {
    const question = 'How do I mute a channel?';
    await say('ivy', question);
    const id = await questionId(app, question);
    await say('joe', `/reply ${id} Right-click it and choose Mute.`);
    const reply = await app.db.prisma.activityEvent.findFirst({ where: { memberId: 'console:local:joe', kind: 'reply' }, orderBy: { occurredAt: 'desc' } });
    const saved = await say('mod mod', `/faq suggestions save message:${reply!.messageId}`);
    expect(saved).toMatch(/Saved as suggestion #\d+/);
    expect(saved).toContain('a moderator saved it as the answer');
    expect(saved).toContain('Right-click it and choose Mute.');
    expect(await say('mod mod', '/faq suggestions save message:nope')).toContain('Rapport has not seen that message');
  });

  it('GIVEN unanswered questions on one topic THEN /faq gaps groups them for moderators with their numbers', async () => {
    await say('gus', 'Why does the export to PDF fail?');
    await say('hal', 'PDF export gives me an error, why?');
    expect(await say('gus', '/faq gaps')).toContain('for moderators only');
    const out = await say('mod mod', '/faq gaps');
    expect(out).toContain('Knowledge gaps: the last 7 days');
    expect(out).toMatch(/(export|pdf): 2 \(2 unanswered, 0 "didn't help"\)/);
    const row = await app.db.prisma.answerLog.findFirst({ where: { question: 'PDF export gives me an error, why?' } });
    expect(out).toContain(`#${row!.id} PDF export gives me an error, why?`);
  });

  it('GIVEN a pending suggestion WHEN its question is deleted THEN the suggestion is gone', async () => {
    const question = 'Where do I find the invoice history?';
    await say('dan', question);
    const id = await questionId(app, question);
    await say('eve', `/reply ${id} Billing > History lists every invoice.`);
    await say('dan', `/reply ${id} thank you eve`);
    const pending = await app.repos.learning.pendingWithMessage('console:local', id);
    expect(pending).toHaveLength(1);
    await app.rapport.pipeline.handle({ platform: 'console', type: 'message.deleted', eventId: 'console:delete:1', communityId: 'console:local', channelId: pending[0]!.channelId, messageId: id, occurredAt: new Date(), author: { memberId: 'console:local:dan', displayName: 'dan', isBot: false, isModerator: false } });
    expect(await app.repos.learning.get(pending[0]!.id)).toBeNull();
  });
});

describe('learning in the console (Bulgarian)', () => {
  let app: TestApp;
  const chat = createConsoleDriver();
  const say = (speaker: string, ...lines: string[]) => chat.send(`/as ${speaker}`, '/in general', ...lines);

  beforeAll(async () => {
    app = await createTestApp({ language: 'bg', adapters: ({ translator }) => [chat.adapter(translator)] });
  });
  afterAll(async () => {
    await app.close();
  });

  it('GIVEN a Bulgarian question thanked with "благодаря" THEN the suggestion is listed in Bulgarian, edited by command, approved; another is rejected', async () => {
    const question = 'Как да сменя езика на приложението?';
    await say('ана', question);
    const id = await questionId(app, question);
    await say('борис', `/reply ${id} От Настройки изберете Език.`);
    await say('ана', `/reply ${id} Благодаря, борис!`);
    const listed = await say('mod mod', '/faq suggestions');
    expect(listed).toContain('Предложения за базата знания: 1 чака');
    expect(listed).toContain('ана благодари за отговора');
    const [row] = await app.repos.learning.pending('console:local', 5);
    expect(row?.language).toBe('bg');
    const how = await say('mod mod', `/press ${button(listed, 'Редактирай')}`);
    expect(how).toContain(`/faq suggestions edit id:${row!.id}`);
    const edited = await say('mod mod', `/faq suggestions edit id:${row!.id} answer:"От Настройки > Общи изберете Език и рестартирайте."`);
    expect(edited).toContain(`Предложение №${row!.id} е променено`);
    const approved = await say('mod mod', `/faq suggestions approve id:${row!.id}`);
    expect(approved).toContain('е одобрено: нов запис');
    const next = await say('вера', 'Как мога да сменя езика на приложението?');
    expect(next).toContain('рестартирайте');

    const other = 'Къде да намеря старите фактури?';
    await say('дан', other);
    const otherId = await questionId(app, other);
    await say('ели', `/reply ${otherId} В Плащания > История.`);
    await say('дан', `/reply ${otherId} мерси ели`);
    const [second] = await app.repos.learning.pending('console:local', 5);
    expect(await say('mod mod', `/faq suggestions reject id:${second!.id}`)).toContain(`Предложение №${second!.id} е отхвърлено`);
    expect(await say('mod mod', '/faq suggestions')).toContain('Няма чакащи предложения');
    expect(await say('mod mod', '/faq suggestions approve')).toContain('Посочете предложението');
  });
});
