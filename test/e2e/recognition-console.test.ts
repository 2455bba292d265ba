// Proves /leaderboard, /rank and /shoutout in the console on the real pipeline: helpers lead, a spammer does not, options (kind, period, channel) work, reasons are shown, moderators schedule, preview, edit and remove shout-outs, and Bulgarian works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.ts';
import { createConsoleDriver } from '../support/console-driver.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
const chat = createConsoleDriver();
const send = chat.send;

/** A clock that moves one second every time it is read: messages arrive one after the other. */
function tickingClock(start: Date): Clock {
  let at = start.getTime();
  return { now: () => new Date((at += 1_000)) };
}

beforeAll(async () => {
  // Wednesday in Sofia: the whole conversation is in one week, and a shout-out now looks at this
  // week (on Monday morning it would thank last week's helpers).
  const clock = tickingClock(new Date('2026-11-25T08:00:00Z'));
  app = await createTestApp({
    clock,
    adapters: ({ translator }) => [chat.adapter(translator, { clock })],
  });
  await send(
    '/in general',
    '/as bob',
    'how do I make ubuntu remember my wifi password?',
    '/as alice',
    'bob: open Settings, Wi-Fi, the gear icon, and tick "connect automatically"',
    '/as carol',
    ...Array.from({ length: 20 }, () => 'lol'),
    '/as bob',
    'thanks alice, that fixed it',
    '/as erin',
    'does anyone know how to install a .deb file?',
    '/as alice',
    'erin: sudo apt install ./file.deb works, or double-click it',
    '/in random',
    '/as dave',
    'anyone watching the match tonight?',
  );
});

afterAll(async () => {
  await app.close();
});

describe('recognition commands in the console', () => {
  it('GIVEN a helper, a spammer and a thanker THEN /leaderboard kind:helpers shows the helper with reasons and not the spammer', async () => {
    const out = await send('/as frank', '/leaderboard kind:helpers');
    expect(out).toContain('Leaderboard: helpers, this week');
    expect(out).toMatch(/1\. alice: [\d.]+ points \(helped 2 people this week, answered 2 questions, thanked 1 time\)/);
    expect(out).not.toContain('carol');
  });

  it('GIVEN the engagement board THEN the helper is above the one-word spammer', async () => {
    const out = await send('/leaderboard period:all');
    expect(out).toContain('Leaderboard: engagement, of all time');
    const lines = out.split('\n');
    const rank = (name: string) => lines.findIndex((line) => new RegExp(`^\\s*\\d+\\. ${name}:`).test(line));
    expect(rank('alice')).toBeGreaterThanOrEqual(0);
    expect(rank('alice')).toBeLessThan(rank('carol'));
  });

  it('GIVEN channel:#random THEN only that channel counts', async () => {
    const out = await send('/leaderboard channel:#random period:month');
    expect(out).toContain('Leaderboard: engagement in #random, this month');
    expect(out).toMatch(/1\. dave: 1 point \(1 message this month\)/);
    expect(out).not.toContain('alice');
  });

  it('GIVEN /rank for another member and for oneself THEN the positions and the reasons per period are shown', async () => {
    const other = await send('/rank alice');
    expect(other).toMatch(/Rank of alice\s+Helpers: #1 · Engagement: #\d \(all time\)\s+This week: helped 2 people this week, answered 2 questions, thanked 1 time/);
    const self = await send('/as carol', '/rank');
    expect(self).toMatch(/Rank of carol\s+Helpers: not ranked yet · Engagement: #\d+ \(all time\)/);
    const nobody = await send('/as zed', '/rank');
    expect(nobody).toContain('zed has no score yet.');
  });

  it('GIVEN a member THEN /shoutout is refused; GIVEN a moderator THEN schedule, list, preview, template and remove work', async () => {
    expect(await send('/as frank', '/shoutout list')).toContain('/shoutout list is for moderators only.');
    const scheduled = await send('/as mia mod', '/shoutout schedule #general weekly on Monday 10:00');
    const id = /Scheduled shout-out (so-[0-9a-f]+): weekly on Monday 10:00 \(Europe\/Sofia\) in #general/.exec(scheduled)?.[1];
    expect(id).toBeDefined();
    expect(scheduled).toContain('Next post: Mon');
    expect(await send('/shoutout schedule #general every blue moon')).toContain('"every blue moon" is not a schedule I understand.');
    expect(await send('/shoutout list')).toContain(`${id}: weekly on Monday 10:00 in #general, week, next Mon`);
    const preview = await send('/shoutout preview');
    expect(preview).toContain('Preview (not posted)');
    expect(preview).toMatch(/Thank you to the people who helped others this week!\s+1\. alice: helped 2 people this week/);
    expect(await send('/shoutout template language:bg text:"Браво на помощниците! {{helpers}}"')).toContain('Saved the Bulgarian shout-out template.');
    expect(await send('/shoutout template language:bg')).toContain('Браво на помощниците! {{helpers}}');
    expect(await send('/shoutout template en Thanks everyone')).toContain('A template needs {{helpers}}.');
    expect(await send(`/shoutout remove ${id}`)).toContain(`Removed shout-out ${id}.`);
    expect(await send('/shoutout list')).toContain('No shout-outs are scheduled.');
  });

  it('GIVEN the community speaks Bulgarian THEN the boards and the reasons are in Bulgarian', async () => {
    await send('/as mia mod', '/settings language:bg');
    const out = await send('/leaderboard kind:helpers');
    expect(out).toContain('Класиране: помощници, тази седмица');
    expect(out).toMatch(/1\. alice: \d+(,\d)? точки \(помогна на 2 души тази седмица, отговори на 2 въпроса, получи 1 благодарност\)/);
    const preview = await send('/shoutout preview');
    expect(preview).toContain('Браво на помощниците!');
    await send('/settings language:en');
  });
});
