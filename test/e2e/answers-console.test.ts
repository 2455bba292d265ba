// Proves the answers feature end to end in the console on the real Rapport: a moderator imports and adds entries, a member's question in other words is answered in its thread with the entry named and both buttons, an off-topic question gets no reply, "Didn't help" puts the question on /faq unanswered, "This helped" is stored, and a member's reply becomes an entry with /faq adopt.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleDriver } from '../support/console-driver.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

const KB = {
  name: 'shop',
  language: 'en',
  entries: [
    { id: 'refund', question: 'Can I get a refund for my order?', answer: 'Yes: within 14 days of delivery, from Orders > Return.', phrasings: ['money back for a purchase'] },
    { id: 'shipping-time', question: 'How long does delivery take?', answer: 'Orders ship within 2 working days; delivery takes 3-5 days.', phrasings: ['When will my parcel arrive?'] },
  ],
};

describe('answers in the console', () => {
  let app: TestApp;
  let dir: string;
  const chat = createConsoleDriver();

  /** Sends lines as `speaker` in #general and returns what Rapport printed meanwhile. */
  const say = (speaker: string, ...lines: string[]) => chat.send(`/as ${speaker}`, '/in general', ...lines);

  const button = (out: string, label: string) => [...out.matchAll(/\[(\d+)\] ([^[]+)/g)].find((m) => m[2]!.trim().startsWith(label))?.[1];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rapport-faq-'));
    await writeFile(join(dir, 'shop.kb.json'), JSON.stringify(KB));
    await writeFile(join(dir, 'broken.csv'), 'question,answer\n"How do I pay?,By card\n');
    app = await createTestApp({
      adapters: ({ translator }) => [chat.adapter(translator)],
    });
  });

  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN a moderator imports a file and adds an entry THEN /faq list shows them; a broken file names its line and imports nothing', async () => {
    const imported = await say('mod mod', `/faq import path:${join(dir, 'shop.kb.json')}`);
    expect(imported).toContain('Imported 2 entries');
    expect(imported).toContain('Self-check on your own entries');
    const broken = await say('mod mod', `/faq import path:${join(dir, 'broken.csv')}`);
    expect(broken).toMatch(/not imported \(line 2\).*Nothing was imported/);
    const added = await say('mod mod', '/faq add question:"How do I reset my password?" answer:"Open Settings, choose Account, then Reset password." id:reset-password');
    expect(added).toContain('Added FAQ entry "reset-password"');
    const listed = await say('ann', '/faq list');
    expect(listed).toContain('FAQ: 3 entries');
    expect(await say('ann', '/faq add question:x answer:y')).toContain('for moderators only');
    const shown = await say('ann', '/faq show id:refund');
    expect(shown).toContain('refund: Can I get a refund for my order?');
    expect(shown).toContain('Also asked as: money back for a purchase');
    const asked = await say('ann', '/faq ask question:"when does my parcel arrive?"');
    expect(asked).toMatch(/shipping-time: 0\.\d\d/);
    expect(asked).toMatch(/Rapport would answer with "shipping-time"/);
    // Without the question mark the detector does not read it as a question, in a channel or here.
    const statement = await say('ann', '/faq ask question:"when does my parcel arrive"');
    expect(statement).toMatch(/shipping-time: 0\.\d\d/);
    expect(statement).toContain('it does not read as a question, so Rapport would stay silent');
  });

  it('GIVEN a member asks in other words THEN Rapport answers in the thread, names the entry and shows the buttons; "This helped" is stored', async () => {
    const out = await say('ann', 'My parcel still has not arrived, how long does shipping take?');
    expect(out).toMatch(/Rapport \[#general, thread m\d+-\w+\] \(b\d+-\w+\):/);
    expect(out).toContain('delivery takes 3-5 days');
    expect(out).toContain('From the FAQ entry "shipping-time"');
    const helped = button(out, 'This helped');
    expect(helped).toBeDefined();
    expect(button(out, "Didn't help")).toBeDefined();
    await say('ann', `/press ${helped}`);
    const log = (await app.db.prisma.answerLog.findMany({ where: { entryKey: 'shipping-time' } }))[0]!;
    expect(await app.repos.answerLogs.votes(log.id)).toEqual([{ memberId: 'console:local:ann', helpful: true, byAsker: true }]);
  });

  it('GIVEN an off-topic question THEN Rapport stays silent', async () => {
    const out = await say('bob', 'How do I bake sourdough bread at home?');
    expect(out).not.toContain('Rapport [');
  });

  it('GIVEN "Didn\'t help" on an answer THEN the question is on /faq unanswered for moderators, with the off-topic one', async () => {
    const out = await say('cy', 'Is it possible to get my money back for an order?');
    expect(out).toContain('From the FAQ entry "refund"');
    const sorry = await say('cy', `/press ${button(out, "Didn't help")}`);
    expect(sorry).toContain("Sorry it didn't help");
    const list = await say('mod mod', '/faq unanswered');
    expect(list).toContain('Is it possible to get my money back for an order?');
    expect(list).toContain('1× "didn\'t help"');
    expect(list).toContain('How do I bake sourdough bread at home?');
    expect(await say('cy', '/faq unanswered')).toContain('for moderators only');
  });

  it('GIVEN a member replied in the thread of an unanswered question THEN /faq adopt turns it into an entry that answers the next asker', async () => {
    const asked = await say('dan', 'How do I export my invoices as PDF files?');
    expect(asked).not.toContain('Rapport [');
    const rows = await app.db.prisma.answerLog.findMany({ where: { question: 'How do I export my invoices as PDF files?' } });
    await say('eve', `/reply ${rows[0]!.messageId} Open Billing, tick the invoices and choose Download PDF.`);
    await say('gus', `/reply ${rows[0]!.messageId} no idea sorry`);
    const list = await say('mod mod', '/faq unanswered');
    expect(list).toContain('best reply from gus: no idea sorry');
    expect(list).toContain(`best of 2 replies (/faq unanswered id:${rows[0]!.id} shows them all)`);
    const replies = await app.db.prisma.answerReply.findMany({ where: { answerLogId: rows[0]!.id }, orderBy: { id: 'asc' } });
    const shown = await say('mod mod', `/faq unanswered id:${rows[0]!.id}`);
    expect(shown).toContain(`reply ${replies[0]!.id} from eve (0 reactions): Open Billing`);
    expect(shown).toContain(`reply ${replies[1]!.id} from gus`);
    const adopted = await say('mod mod', `/faq adopt id:${rows[0]!.id} reply:${replies[0]!.id}`);
    expect(adopted).toMatch(/Added FAQ entry "how-do-i-export-my-invoices" from question #\d+ and the reply of eve/);
    const next = await say('fay', 'Can I export my invoices to PDF?');
    expect(next).toContain('Open Billing, tick the invoices and choose Download PDF.');
  });
});
