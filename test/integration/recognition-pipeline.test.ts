// Proves recognition through the real pipeline on PostgreSQL: a 300-message spammer does not outrank a helper, a two-person thanks ring is capped per day (pair counters in the database), decay favours who helps now, opted-out members are never scored, a removed reaction takes its points back, and scores survive a restart (and thanks to someone quiet since it still count).
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import type { ChatEvent } from '../../src/core/events.ts';
import { createTranslator } from '../../src/i18n/create-translator.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { buildRapport } from '../../src/main.ts';
import { commands } from '../../commands/index.ts';
import { features } from '../../src/feature-list.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { chatScript, COMMUNITY, idOf } from '../unit/recognition/chat-fixture.ts';

const START = new Date('2024-03-04T09:00:00Z');
let app: TestApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(): Promise<{ app: TestApp; clock: ReturnType<typeof fixedClock>; send(...events: ChatEvent[]): Promise<void> }> {
  const clock = fixedClock(START);
  app = await createTestApp({ adapters: [], clock });
  const a = app;
  return { app: a, clock, send: async (...events) => void (await a.rapport.pipeline.handleBatch(events)) };
}

const community = { id: COMMUNITY, timeZone: 'Europe/Sofia' };

async function board(a: TestApp, period: 'week' | 'all' | 'current', kind: 'engagement' | 'helpers'): Promise<Map<string, number>> {
  const entries = await a.rapport.ports.recognition.leaderboard(community, { period, kind, limit: 50 });
  return new Map(entries.map((e) => [e.memberId, e.score]));
}

describe('recognition through the pipeline', () => {
  it('GIVEN a spammer posting 300 one-word messages and a helper answering 10 people THEN the helper leads both boards and the spammer has no helper points', async () => {
    const { app: a, clock, send } = await start();
    const chat = chatScript(START);
    for (let i = 0; i < 10; i++) {
      await send(chat.say(`asker${i}`, 'how do I mount a usb drive in ubuntu?', 300));
      await send(chat.say('helper', `@asker${i} open the Disks app and press the play button`, 60));
      await send(chat.say(`asker${i}`, '@helper thanks, that worked', 60));
    }
    const spam: ChatEvent[] = [];
    for (let i = 0; i < 300; i++) spam.push(chat.say('spammer', 'lol', 60));
    for (let i = 0; i < spam.length; i += 100) await send(...spam.slice(i, i + 100));
    clock.set(chat.now());

    const engagement = await board(a, 'week', 'engagement');
    const helpers = await board(a, 'week', 'helpers');
    expect([...engagement.keys()][0]).toBe(idOf('helper'));
    expect(engagement.get(idOf('helper'))).toBeGreaterThan(engagement.get(idOf('spammer')) ?? 0);
    expect([...helpers.keys()][0]).toBe(idOf('helper'));
    expect(helpers.has(idOf('spammer'))).toBe(false);
    // All 310 messages were stored as activity: the cap is in the scores, not in what is recorded.
    expect(await a.db.prisma.activityEvent.count({ where: { memberId: idOf('spammer') } })).toBe(300);
  });

  it('GIVEN a thank-you reaction removed THEN the pipeline takes its helper points back', async () => {
    const { app: a, clock, send } = await start();
    const chat = chatScript(START);
    const post = chat.say('bob', 'use tab completion for long paths');
    await send(chat.say('alice', 'hello all'), post);
    const pray = chat.react('alice', post, 'pray');
    const helperPoints = async () => {
      clock.set(chat.now());
      return (await board(a, 'all', 'helpers')).get(idOf('bob')) ?? 0;
    };
    await send(pray);
    expect(await helperPoints()).toBeGreaterThan(0);
    await send({ ...pray, type: 'reaction.removed', eventId: `${pray.eventId}:removed`, occurredAt: new Date(pray.occurredAt.getTime() + 60_000) });
    expect(await helperPoints()).toBe(0);
  });

  it('GIVEN two members thanking each other 60 times in one day THEN after the pair cap nothing more counts, and the counters are in the database', async () => {
    const { app: a, clock, send } = await start();
    const chat = chatScript(START);
    const scoresAfter = async (): Promise<[number, number]> => {
      clock.set(chat.now());
      const helpers = await board(a, 'all', 'helpers');
      return [helpers.get(idOf('ringA')) ?? 0, helpers.get(idOf('ringB')) ?? 0];
    };
    const cap = a.rapport.ports.recognition.config.pairCapPerDay;
    // Both speak first, so each is known when the other names them.
    await send(chat.say('ringA', 'hello there', 20), chat.say('ringB', 'hello again', 20));
    for (let i = 0; i < cap; i++) await send(chat.say('ringA', '@ringB thanks!', 20), chat.say('ringB', '@ringA thanks!', 20));
    const atCap = await scoresAfter();
    for (let i = cap; i < 60; i++) await send(chat.say('ringA', '@ringB thanks!', 20), chat.say('ringB', '@ringA thanks!', 20));
    const after = await scoresAfter();
    expect(atCap[0]).toBeGreaterThan(0);
    expect(after).toEqual(atCap);
    const pair = await a.db.prisma.scorePair.findFirst({ where: { giverMemberId: idOf('ringA'), receiverMemberId: idOf('ringB') } });
    expect(pair?.count).toBe(60);
  });

  it('GIVEN an old helper who stopped two months ago and a newer one with fewer answers THEN all time keeps the old one first but the current standing ranks the newer one first', async () => {
    const { app: a, clock, send } = await start();
    const chat = chatScript(START);
    for (let i = 0; i < 8; i++) {
      await send(chat.say(`early${i}`, 'how do I change the default shell?', 600));
      await send(chat.say('veteran', `@early${i} run chsh -s /bin/zsh and log in again`, 60));
    }
    await send(chat.say('someone', 'quiet weeks ahead', 60 * 86_400));
    for (let i = 0; i < 4; i++) {
      await send(chat.say(`late${i}`, 'how do I change the default shell?', 600));
      await send(chat.say('newcomer', `@late${i} run chsh -s /bin/zsh and log in again`, 60));
    }
    clock.set(chat.now());
    const all = [...(await board(a, 'all', 'helpers')).keys()];
    const current = [...(await board(a, 'current', 'helpers')).keys()];
    expect(all.indexOf(idOf('veteran'))).toBeLessThan(all.indexOf(idOf('newcomer')));
    expect(current.indexOf(idOf('newcomer'))).toBeLessThan(current.indexOf(idOf('veteran')));
  });

  it('GIVEN a member who opted out of profiling THEN they are never scored or ranked, and thanking them earns nobody anything', async () => {
    const { app: a, clock, send } = await start();
    const chat = chatScript(START);
    await send(chat.say('private', 'hello everyone', 10), chat.say('alice', 'hi there folks', 10));
    await a.rapport.ports.privacy.set(idOf('private'), COMMUNITY, { noProfiling: true });
    await send(chat.say('alice', 'how do I enable ssh on boot?', 60));
    await send(chat.say('private', '@alice sudo systemctl enable ssh', 60));
    await send(chat.say('alice', 'thanks @private!', 60));
    clock.set(chat.now());
    const engagement = await board(a, 'all', 'engagement');
    expect(engagement.has(idOf('private'))).toBe(false);
    expect(await a.rapport.ports.recognition.rank(community, idOf('private'))).toBeNull();
    await a.rapport.ports.recognition.flush();
    const stored = await a.db.prisma.scoreTally.findMany({ where: { memberId: idOf('private') } });
    // Only the counters from before the opt-out exist (no help then), and they are not shown.
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((row) => row.helper === 0)).toBe(true);
  });

  it('GIVEN scores and a restart on the same database THEN a new Rapport shows the same leaderboard', async () => {
    const { app: a, clock, send } = await start();
    const chat = chatScript(START);
    for (let i = 0; i < 3; i++) {
      await send(chat.say(`q${i}`, 'why is my disk full?', 300));
      await send(chat.say('helper', `@q${i} run ncdu / to see what takes the space`, 60));
      await send(chat.say(`q${i}`, 'thanks @helper', 60));
    }
    clock.set(chat.now());
    const before = await a.rapport.ports.recognition.leaderboard(community, { period: 'all', kind: 'helpers', limit: 10 });
    await a.rapport.stop(); // flushes the write-behind cache
    const logger = createLogger({ level: 'silent', pretty: false });
    const second = await buildRapport({
      repos: a.repos,
      scheduler: createInProcessScheduler({ logger }),
      logger,
      clock,
      translator: await createTranslator(),
      commands,
      features,
      adapters: [],
      defaults: { language: 'en', timeZone: 'Europe/Sofia' },
    });
    const after = await second.ports.recognition.leaderboard(community, { period: 'all', kind: 'helpers', limit: 10 });
    expect(after.map((e) => [e.memberId, e.score])).toEqual(before.map((e) => [e.memberId, e.score]));
    expect(after[0]?.memberId).toBe(idOf('helper'));
    // The new process has not seen the helper act yet; thanks to them still count.
    const thanksBefore = after[0]!.figures.thanks;
    await second.pipeline.handleBatch([chat.say('newbie', 'thanks @helper, your ncdu tip saved me', 600)]);
    clock.set(chat.now());
    const later = await second.ports.recognition.leaderboard(community, { period: 'all', kind: 'helpers', limit: 10 });
    expect(later[0]?.figures.thanks).toBe(thanksBefore + 1);
    await second.stop();
  });
});
