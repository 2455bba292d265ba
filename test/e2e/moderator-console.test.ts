// Proves moderator fixes from issue 19 in the console on the real Rapport: /ambassadors stage:newcomer lists the members /member calls newcomers, shout-out templates with unknown placeholders are refused (en, bg), /settings timezone stores the canonical IANA name, /feedback schedule accepts a channel nobody posted in yet, /faq list is sorted by id, a language change applies to the very next answer, and "This helped" is acknowledged privately.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleDriver } from '../support/console-driver.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
const chat = createConsoleDriver();
const send = chat.send;
const button = (out: string, label: string) => [...out.matchAll(/\[(\d+)\] ([^[]+)/g)].find((m) => m[2]!.trim().startsWith(label))?.[1];

beforeAll(async () => {
  app = await createTestApp({ adapters: ({ translator }) => [chat.adapter(translator)] });
  await send('/in general', '/as nina', 'hello everyone, I am new here', '/as mod mod');
});

afterAll(async () => {
  await app.close();
});

describe('moderator commands in the console (issue 19)', () => {
  it('GIVEN a member the funnel has not evaluated THEN /member and /ambassadors stage:newcomer agree that she is a newcomer', async () => {
    const member = await send('/member nina');
    expect(member).toContain('Stage: newcomer');
    const list = await send('/ambassadors stage:newcomer');
    expect(list).not.toContain('Nobody is at newcomer');
    expect(list).toMatch(/nina/);
  });

  it('GIVEN a template with an unknown placeholder THEN it is refused with the known ones listed, in English and Bulgarian, and nothing is saved', async () => {
    const en = await send('/shoutout template text:"Thanks {{helpers}} and {{helper}}!"');
    expect(en).toContain('Rapport does not know the placeholder {{helper}}. A template can use {{period}}, {{helpers}}, {{improved}}; nothing was saved.');
    const scheduled = await send('/shoutout schedule channel:#general rule:"weekly on Monday 10:00" template:"{{helpers}} {{who}} {{when}}"');
    expect(scheduled).toContain('Rapport does not know the placeholders {{who}}, {{when}}.');
    const bg = await send('/shoutout template language:bg text:"Браво {{helpers}} {{ime}}"');
    expect(bg).toContain('nothing was saved');
    const shown = await send('/shoutout template');
    expect(shown).not.toContain('{{helper}}!');
    expect(await send('/shoutout list')).toContain('No shout-outs are scheduled');
  });

  it('GIVEN timezone:utc or europe/sofia THEN the canonical IANA name is stored', async () => {
    expect(await send('/settings timezone:utc')).toContain('Time zone: UTC.');
    expect((await app.repos.communities.get('console:local'))?.timeZone).toBe('UTC');
    expect(await send('/settings timezone:europe/sofia')).toContain('Time zone: Europe/Sofia.');
    expect((await app.repos.communities.get('console:local'))?.timeZone).toBe('Europe/Sofia');
    expect(await send('/settings timezone:Mars/Olympus')).toContain('Mars/Olympus');
  });

  it('GIVEN a channel nobody has posted in THEN /feedback schedule takes it and names it', async () => {
    const out = await send('/feedback schedule channel:#mods');
    expect(out).not.toContain('No channel called');
    expect(out).toContain('#mods');
    expect((await app.repos.channels.get('console:local:mods'))?.name).toBe('mods');
    expect((await app.repos.ambassadors.digestSchedules()).map((s) => s.channelId)).toContain('console:local:mods');
  });

  it('GIVEN entries added out of order THEN /faq list shows them by id, numbers as numbers', async () => {
    for (const id of ['zeta', 'faq-10', 'alpha', 'faq-2']) await send(`/faq add question:"What is ${id}?" answer:"It is ${id}." id:${id}`);
    const out = await send('/faq list');
    const ids = [...out.matchAll(/^\s+([\w-]+): What is/gm)].map((m) => m[1]);
    expect(ids).toEqual(['alpha', 'faq-2', 'faq-10', 'zeta']);
  });

  it('GIVEN /settings language:bg THEN the next answer is in Bulgarian without another command, and "This helped" is acknowledged only to the presser', async () => {
    await send('/faq add question:"How do I reset my password?" answer:"Open Settings, choose Account, then Reset password." id:reset-password');
    const english = await send('/as ann', 'how do I reset my password?');
    expect(english).toContain('This helped');
    const press = button(english, 'This helped');
    expect(press).toBeDefined();
    const acknowledged = await send(`/press ${press}`);
    expect(acknowledged).toMatch(/Rapport \(only you see this\):\s+Thank you: your vote that this answer helped is counted\./);
    await send('/as mod mod', '/settings language:bg');
    const bulgarian = await send('/as ann', 'how can I reset my password?');
    expect(bulgarian).toContain('Помогна ми');
    const bgPress = button(bulgarian, 'Помогна ми');
    expect(await send(`/press ${bgPress}`)).toMatch(/Rapport \(only you see this\):\s+Благодаря: гласът Ви, че този отговор е помогнал, е отчетен\./);
  });
});
