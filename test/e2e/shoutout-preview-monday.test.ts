// Proves /shoutout preview on a Monday morning looks back on the week that ended, in its header and in every helper's reasons, and leaves out this week's helpers (a fake clock moves from Wednesday to Monday), in English and Bulgarian.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.ts';
import { createConsoleDriver } from '../support/console-driver.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
const chat = createConsoleDriver();
const send = chat.send;

/** Moves one second at every read (messages arrive one after the other) and can jump to a date. */
function movableClock(start: Date): Clock & { set(date: Date): void } {
  let at = start.getTime();
  return { now: () => new Date((at += 1_000)), set: (date) => void (at = date.getTime()) };
}
const clock = movableClock(new Date('2026-11-25T08:00:00Z'));

beforeAll(async () => {
  app = await createTestApp({ clock, adapters: ({ translator }) => [chat.adapter(translator, { clock })] });
  // Wednesday 25 November (Sofia): alice helps bob.
  await send('/in general', '/as bob', 'how do I make ubuntu remember my wifi password?', '/as alice', 'bob: open Settings, Wi-Fi, the gear icon, and tick "connect automatically"', '/as bob', 'thanks alice, that fixed it');
  // Monday 30 November, 09:00 in Sofia: a new week; dave helps erin.
  clock.set(new Date('2026-11-30T07:00:00Z'));
  await send('/as erin', 'does anyone know how to install a .deb file?', '/as dave', 'erin: sudo apt install ./file.deb works', '/as erin', 'thanks dave, it worked');
});

afterAll(async () => {
  await app.close();
});

describe('/shoutout preview on a Monday', () => {
  it('GIVEN Monday morning THEN the preview says last week, thanks last week\'s helper with last week\'s reasons, and not this week\'s', async () => {
    const out = await send('/as mia mod', '/shoutout preview');
    expect(out).toContain('Thank you to the people who helped others last week!');
    expect(out).toMatch(/1\. alice: helped 1 person last week/);
    expect(out).not.toContain('this week');
    expect(out).not.toContain('dave');
  });

  it('GIVEN Bulgarian THEN the reasons say миналата седмица too', async () => {
    const out = await send('/settings language:bg', '/shoutout preview');
    expect(out).toContain('Благодарим на хората, които помагаха на другите миналата седмица!');
    expect(out).toMatch(/1\. alice: помогна на 1 човек миналата седмица/);
    expect(out).not.toContain('тази седмица');
  });
});
