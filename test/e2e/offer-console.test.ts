// Proves the whole offer flow in the console on the real pipeline: a moderator creates an offer,
// the approval queue proposes eligible members (not one who opted out of DMs), Approve sends the DM
// through the job queue in the member's language, the member accepts, and /offer stats counts it;
// and the /ambassadors, /member and /privacy commands as people type them.
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { createConsoleDriver } from '../support/console-driver.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function startConsole() {
  const chat = createConsoleDriver();
  const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));
  app = await createTestApp({ clock, adapters: ({ translator }) => [chat.adapter(translator, { clock, user: 'mod' })] });
  const waitFor = async (text: string | RegExp, from = 0) => {
    const deadline = Date.now() + 30_000;
    const found = () => (typeof text === 'string' ? chat.printed().slice(from).includes(text) : text.test(chat.printed().slice(from)));
    while (!found()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(text)} in:\n${chat.printed().slice(from)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const send = chat.send;
  const buttonNumber = (text: string, label: string) => {
    const match = new RegExp(`\\[(\\d+)\\] ${label}`).exec(text);
    if (!match) throw new Error(`No button "${label}" in:\n${text}`);
    return Number(match[1]);
  };
  return { app, send, waitFor, buttonNumber, all: chat.printed };
}

describe('offers in the console', () => {
  it('GIVEN advocates WHEN a moderator creates, queues and approves an offer THEN the DM goes out, the member accepts and the stats count it', async () => {
    const { app: a, send, waitFor, buttonNumber, all } = await startConsole();
    await send('/as alice', 'hello everyone', '/as ivan', 'здравейте', '/as bob', 'hi all', '/privacy dms off', '/as carol', 'hey');
    const seed = async (name: string, to: 'advocate' | 'love') =>
      a.repos.ambassadors.changeStage({ memberId: `console:local:${name}`, communityId: 'console:local', from: 'newcomer', to, reasons: [{ key: 'ambassadors.reason.helped', vars: { count: 5 } }], cause: 'promotion', at: a.clock.now() });
    for (const name of ['alice', 'ivan', 'bob']) expect(await seed(name, 'advocate')).toBe(true);
    await seed('carol', 'love');
    await a.repos.members.setLanguage('console:local:ivan', 'bg');

    const created = await send('/as mod mod', '/offer create title:"Beta access" content:"https://acme.io/beta?code=RAPPORT" stage:advocate places:2 expires:14d');
    expect(created).toMatch(/Offer o[0-9a-f]{6} created: "Beta access" for advocate members, 2 places, until 2026-12-07\. Proposed: 2 members/);

    const queue = await send('/offer queue');
    expect(queue).toContain('Beta access');
    expect(queue).toContain('alice: advocate; active on 1 day of the last 30');
    expect(queue).not.toContain('bob');
    expect(queue).not.toContain('carol');

    const approveAlice = buttonNumber(queue, 'Approve alice');
    const approveIvan = buttonNumber(queue, 'Approve ivan');
    const beforeDm = all().length;
    // The moderator's decision is answered privately, not posted to the channel.
    expect(await send(`/press ${approveAlice}`)).toMatch(/Rapport \(only you see this\):[^\n]*\n  Approved alice; the DM is on its way\./);
    await waitFor('Rapport [DM to alice]', beforeDm);
    await send(`/press ${approveIvan}`);
    await waitFor('Rapport [DM to ivan]', beforeDm);
    const dms = all().slice(beforeDm);
    expect(dms).toContain('An offer for you: Beta access');
    expect(dms).toContain('Оферта за Вас: Beta access');
    expect(dms).toContain('Приемам');

    const accept = buttonNumber(dms.slice(dms.indexOf('[DM to alice]')), 'Accept');
    const accepted = await send('/as alice', `/press ${accept}`);
    expect(accepted).toContain('Wonderful! Here is "Beta access": https://acme.io/beta?code=RAPPORT');
    // Pressing again changes nothing.
    expect(await send(`/press ${accept}`)).toContain('You have already answered this offer.');
    const decline = buttonNumber(dms.slice(dms.indexOf('[DM to ivan]')), 'Не, благодаря');
    expect(await send('/as ivan', `/press ${decline}`)).toContain('Няма проблем');

    const stats = await send('/as mod mod', '/offer stats');
    expect(stats).toContain('Open: 2 places for advocate members, until 2026-12-07.');
    expect(stats).toContain('Accepted: 1');
    expect(stats).toContain('Declined: 1');
    expect(stats).toContain('Waiting for approval: 0');
    expect(all()).not.toContain('[DM to bob]');
    expect(all()).not.toContain('[DM to carol]');
    const sent = await a.db.prisma.offerRecipient.findMany({ orderBy: { memberId: 'asc' } });
    expect(sent.map((r) => [r.memberId, r.state])).toEqual([
      ['console:local:alice', 'accepted'],
      ['console:local:ivan', 'declined'],
    ]);
  });

  it('GIVEN an advocate WHEN moderators and members use /ambassadors, /member and /privacy THEN each answers, respects opt-outs and deletes on confirmation', async () => {
    const { app: a, send, waitFor, buttonNumber, all } = await startConsole();
    await send('/as alice', 'hello everyone', '/as bob', 'hi');
    expect(await send('/as mod mod', '/ambassadors brand:"Acme, acme.io"')).toContain('Saved. Rapport now listens for: Acme, acme.io.');
    await a.repos.ambassadors.changeStage({ memberId: 'console:local:alice', communityId: 'console:local', from: 'newcomer', to: 'advocate', reasons: [{ key: 'ambassadors.reason.helped', vars: { count: 5 } }], cause: 'promotion', at: a.clock.now() });

    const list = await send('/ambassadors');
    expect(list).toContain('Ambassadors (like, love and advocate): 1');
    expect(list).toContain('alice [advocate] ↑ rising: active on 1 day of the last 30');
    expect(list).toContain('Brand names: Acme, acme.io');
    // Moderator results are private; the member's own deletion result too.
    expect(list).toMatch(/^Rapport \(only you see this\): Ambassadors/m);
    expect(list).not.toContain('Rapport [#');
    expect(await send('/feedback digest')).toMatch(/^Rapport \(only you see this\):/m);
    const preview = await send('/shoutout preview');
    expect(preview).toMatch(/^Rapport \(only you see this\):/m);
    expect(preview).not.toContain('Rapport [#');
    expect(await send('/ambassadors love')).toContain('Nobody is at love yet.');
    expect(await send('/member alice')).toContain('2026-11-23: newcomer → advocate (promoted): helped 5 people');
    expect(await send('/as bob', '/member alice')).toContain('/member <who> is for moderators only.');
    expect(await send('/ambassadors')).toContain('/ambassadors is for moderators only.');

    expect(await send('/as alice', '/privacy profiling off')).toContain('Rapport will not score or rank you');
    expect(await send('/as mod mod', '/ambassadors')).toContain('Nobody is at like, love and advocate yet.');
    expect(await send('/member alice')).toContain('alice opted out of profiling');

    const before = all().length;
    expect(await send('/as alice', '/privacy export')).toContain('I sent you a direct message with your data as a file.');
    await waitFor(/\[DM to alice\][^\n]*\n  Here is everything Rapport holds about you: \d+ records\.\n  \[file rapport-data-alice\.json, \d+ bytes\]/, before);

    const confirm = await send('/privacy delete');
    expect(confirm).toContain('This deletes everything Rapport holds about you');
    expect(await send(`/press ${buttonNumber(confirm, 'Delete my data')}`)).toMatch(/Rapport \(only you see this\):[^\n]*\n  Deleted: \d+ records about you are gone/);
    expect(await a.db.prisma.member.count({ where: { id: 'console:local:alice' } })).toBe(0);
    expect(await a.db.prisma.privacyPreference.count()).toBe(0);

    await send('/as mod mod', '/settings language:bg');
    expect(await send('/privacy show')).toContain('Вашата поверителност');
  });
});
