// Proves "Ask a human" end to end in the console on the real Rapport: the button under an answer pings the moderators in the thread and keeps Rapport quiet there, /faq handoffs shows how long it has waited with Resume / Close, a moderator's Resume lets Rapport answer again, and /ask-human hands off a member's latest question once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { createConsoleDriver } from '../support/console-driver.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

describe('ask a human in the console', () => {
  const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));
  const chat = createConsoleDriver();
  let app: TestApp;
  const say = (speaker: string, ...lines: string[]) => chat.send(`/as ${speaker}`, '/in general', ...lines);
  const button = (out: string, label: string) => [...out.matchAll(/\[(\d+)\] ([^[]+)/g)].find((m) => m[2]!.trim().startsWith(label))?.[1];

  beforeAll(async () => {
    app = await createTestApp({ adapters: ({ translator }) => [chat.adapter(translator, { clock })], clock });
    expect(await say('mod moderator', '/faq add question:"How long does delivery take?" answer:"Orders arrive in 3-5 days." id:delivery')).toContain('delivery');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('GIVEN an answer WHEN the asker presses Ask a human THEN the moderators are pinged in the thread, Rapport stays quiet there, /faq handoffs lists it until a moderator resumes it', async () => {
    const answer = await say('ann', 'How long does delivery take?');
    const thread = /Rapport \[#general, thread (m\d+-\w+)\]/.exec(answer)?.[1];
    expect(thread).toBeDefined();
    const ask = button(answer, 'Ask a human');
    expect(ask).toBeDefined();
    const pinged = await say('ann', `/press ${ask}`);
    expect(pinged).toContain(`Rapport [#general, thread ${thread}]`);
    expect(pinged).toMatch(/@mod ann asked for a human/);

    // In the handed-off thread Rapport does not answer, even a question it knows.
    const quiet = await say('ann', `/reply ${thread} How long does delivery take?`);
    expect(quiet).not.toContain('Orders arrive in 3-5 days.');

    clock.advance(7 * 60_000);
    expect(await say('ann', '/faq handoffs')).toContain('for moderators only');
    const list = await say('mod moderator', '/faq handoffs');
    expect(list).toMatch(/Open hand-offs: 1/);
    expect(list).toMatch(/#\d+ in #general by ann, waiting 7 min: How long does delivery take\?/);
    const resume = button(list, 'Resume');
    expect(resume).toBeDefined();
    const resumed = await say('mod moderator', `/press ${resume}`);
    expect(resumed).toContain('A moderator resumed Rapport in this thread.');
    expect(await say('mod moderator', '/faq handoffs')).toContain('No open hand-offs');

    const again = await say('ann', `/reply ${thread} How long does delivery take?`);
    expect(again).toContain('Orders arrive in 3-5 days.');
  }, 60_000);

  it('GIVEN a member asked a question WHEN they run /ask-human twice THEN the moderators are pinged once and the second time says a human was already asked; a moderator closes it', async () => {
    await say('bob', 'Why is my invoice showing the wrong address?');
    const first = await say('bob', '/ask-human');
    expect(first).toMatch(/@mod bob asked for a human/);
    expect(first).toContain('The moderators have been asked');
    const second = await say('bob', '/ask-human');
    expect(second).not.toMatch(/asked for a human/);
    expect(second).toContain('A human has already been asked here');
    const list = await say('mod moderator', '/faq handoffs');
    expect(list).toMatch(/by bob, waiting 0 min: Why is my invoice showing the wrong address\?/);
    const id = /#(\d+) in #general by bob/.exec(list)?.[1];
    expect(await say('mod moderator', `/faq handoffs close:${id}`)).toContain(`Hand-off #${id} closed.`);
    expect(await say('mod moderator', `/faq handoffs close:${id}`)).toContain(`There is no open hand-off #${id}.`);
  }, 60_000);
});
