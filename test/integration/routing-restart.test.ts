// Proves the router's memory survives a restart: a Rapport learns who answers grub questions, stops, and a new Rapport on the same PostgreSQL relearns it from the stored messages at start-up, so its first routed question goes to that member (a model that had not relearned knows nobody).
import { afterAll, describe, expect, it } from 'vitest';
import { CONSOLE_COMMUNITY, channelIdFor, memberIdFor } from '../../src/adapters/console/translate.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { RoutingModel } from '../../src/core/routing/routing-model.ts';
import { createConsoleDriver } from '../support/console-driver.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

async function until<T>(probe: () => Promise<T | undefined | null | false>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('routing after a restart', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
  });

  it('GIVEN a member who answered grub questions before a restart WHEN a grub question waits after it THEN the restarted Rapport mentions that member', async () => {
    const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));
    const before = createConsoleDriver();
    const first = await createTestApp({ adapters: ({ translator }) => [before.adapter(translator, { clock })], clock });
    apps.push(first);
    const say = (speaker: string, ...lines: string[]) => before.send(`/as ${speaker}`, '/in help', ...lines);
    await say('asker1', 'how do I reinstall grub after installing windows?');
    await say('grubby', '@asker1 run grub-install from a live cd');
    await say('asker2', 'grub shows a rescue prompt, how do I fix the grub config?');
    await say('grubby', '@asker2 boot the live cd and reinstall grub');
    await say('chatty', 'nice weather today, anyone watching the match tonight?');
    await say('chatty', 'I love this channel');
    await first.stop();

    // An hour later a new process starts on the same database.
    clock.advance(60 * 60_000);
    const after = createConsoleDriver();
    const second = await createTestApp({ adapters: ({ translator }) => [after.adapter(translator, { clock })], clock, db: first.db });
    apps.push(second);
    const question = { communityId: CONSOLE_COMMUNITY, channelId: channelIdFor('help'), authorId: memberIdFor('newbie'), at: clock.now().getTime(), text: 'grub will not boot, how do I repair grub?' };
    expect(new RoutingModel().suggest(question)).toEqual([]);
    const suggested = second.rapport.ports.routing.model.suggest(question);
    expect(suggested[0]?.memberId).toBe(memberIdFor('grubby'));

    // End to end on the restarted Rapport: the check of a waiting grub question mentions grubby.
    expect(await after.send('/as mod moderator', '/settings routing:on')).toMatch(/Routing is on/);
    await after.send('/as newbie', '/in help', 'grub will not boot, how do I repair grub?');
    const waiting = await until(() => second.db.prisma.routingQuestion.findFirst({ where: { question: 'grub will not boot, how do I repair grub?' } }), 'the question to be recorded');
    clock.advance(10 * 60_000);
    const outcome = await second.rapport.ports.routing.check(waiting.id);
    expect(outcome.kind).toBe('routed');
    expect(outcome.kind === 'routed' ? outcome.helpers[0] : undefined).toBe(memberIdFor('grubby'));
    await until(async () => /@grubby.*newbie asked this a while ago/.test(after.printed()) && 'printed', 'grubby to be mentioned');
  }, 120_000);
});
