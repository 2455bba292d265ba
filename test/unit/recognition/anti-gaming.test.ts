// Proves the scores resist gaming: message spam, thanks rings, self-credit, bots, staff and redelivered events.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.ts';
import { createRecognitionEngine, type RecognitionEngine } from '../../../src/core/recognition/recognition-engine.ts';
import type { RecognitionConfigInput } from '../../../src/core/recognition/recognition-config.ts';
import { createInMemoryScoreStore } from '../../../src/core/recognition/score-store.ts';
import { actor, chatScript, COMMUNITY, idOf } from './chat-fixture.ts';

function setup(config: RecognitionConfigInput = {}): { engine: RecognitionEngine; chat: ReturnType<typeof chatScript>; clock: ReturnType<typeof fixedClock> } {
  const chat = chatScript();
  const clock = fixedClock(new Date('2024-03-04T09:00:00Z'));
  const engine = createRecognitionEngine({ store: createInMemoryScoreStore(), clock, config });
  return { engine, chat, clock };
}

async function allTime(engine: RecognitionEngine, kind: 'engagement' | 'helpers'): Promise<Map<string, number>> {
  const board = await engine.leaderboard({ communityId: COMMUNITY, period: 'all', kind, limit: 100 });
  return new Map(board.map((e) => [e.memberId, e.score]));
}

describe('anti-gaming', () => {
  it('GIVEN a spammer posting 300 one-word messages and a helper answering 10 people THEN the helper outranks the spammer on both boards', async () => {
    const { engine, chat, clock } = setup();
    for (let i = 0; i < 10; i++) {
      await engine.onMessage(chat.say(`asker${i}`, 'how do I mount a usb drive in ubuntu?', 300));
      await engine.onMessage(chat.say('helper', `@asker${i} open the Disks app and press the play button`, 60));
      await engine.onMessage(chat.say(`asker${i}`, '@helper thanks, that worked', 60));
    }
    for (let i = 0; i < 300; i++) await engine.onMessage(chat.say('spammer', 'lol', 60));
    clock.set(chat.now());

    const engagement = await allTime(engine, 'engagement');
    const helpers = await allTime(engine, 'helpers');
    expect(engagement.get(idOf('helper'))).toBeGreaterThan(engagement.get(idOf('spammer')) ?? 0);
    expect(helpers.get(idOf('spammer'))).toBeUndefined();
    const board = await engine.leaderboard({ communityId: COMMUNITY, period: 'week', kind: 'engagement', limit: 1 });
    expect(board[0]?.memberId).toBe(idOf('helper'));
  });

  it('GIVEN a spammer posting one-word messages right after unanswered questions THEN timing never makes them answers', async () => {
    const { engine, chat } = setup();
    for (let i = 0; i < 20; i++) {
      await engine.onMessage(chat.say(`asker${i}`, 'how do I get my printer working?', 120));
      const outcome = await engine.onMessage(chat.say('spammer', 'lol', 20));
      expect(outcome.credits.filter((c) => c.helper > 0)).toEqual([]);
    }
  });

  it('GIVEN two members thanking each other 100 times a day for 3 days THEN each gets at most the pair cap per day', async () => {
    const { engine, chat, clock } = setup();
    for (let day = 0; day < 3; day++) {
      for (let i = 0; i < 100; i++) {
        await engine.onMessage(chat.say('ringA', '@ringB thanks!', 20));
        await engine.onMessage(chat.say('ringB', '@ringA thanks!', 20));
      }
      await engine.onMessage(chat.say('someone', 'good night', 86_400 - 4000));
    }
    // A real helper answers five different people once.
    for (let i = 0; i < 5; i++) {
      await engine.onMessage(chat.say(`user${i}`, 'why does my wifi drop every few minutes?', 120));
      await engine.onMessage(chat.say('realHelper', `@user${i} turn off power saving: iw dev wlan0 set power_save off`, 60));
    }
    clock.set(chat.now());

    const helpers = await allTime(engine, 'helpers');
    const c = engine.config;
    const perDayCap = Array.from({ length: c.pairCapPerDay }, (_, n) => c.thanksWeight * c.pairDecay ** n).reduce((a, b) => a + b, 0);
    const bound = 3 * perDayCap + c.newPersonWeight;
    expect(helpers.get(idOf('ringA'))).toBeGreaterThan(0);
    expect(helpers.get(idOf('ringA'))).toBeLessThanOrEqual(bound + 1e-9);
    expect(helpers.get(idOf('ringB'))).toBeLessThanOrEqual(bound + 1e-9);
    expect(helpers.get(idOf('realHelper'))).toBeGreaterThan(helpers.get(idOf('ringA')) ?? 0);
  });

  it('GIVEN a member thanking themself THEN they earn nothing for it', async () => {
    const { engine, chat } = setup();
    const outcome = await engine.onMessage(chat.say('narcissus', 'thanks @narcissus'));
    expect(outcome.credits.filter((credit) => credit.reason !== 'message')).toEqual([]);
  });

  it('GIVEN thanks from a bot, to a bot, and a bot answering THEN nobody earns helper points', async () => {
    const { engine, chat } = setup();
    const bot = actor('ubottu', { bot: true });
    await engine.onMessage(chat.say('alice', 'how do I paste long output?'));
    const botAnswer = await engine.onMessage(chat.say(bot, '@alice use paste.ubuntu.com'));
    const toBot = await engine.onMessage(chat.say('alice', 'thanks @ubottu'));
    await engine.onMessage(chat.say('bob', '@alice try pastebinit'));
    const fromBot = await engine.onMessage(chat.say(bot, 'thanks @bob'));
    expect(botAnswer.credits).toEqual([]);
    expect(toBot.credits.filter((credit) => credit.reason === 'thanks')).toEqual([]);
    expect(fromBot.counted).toBe(false);
    const helpers = await allTime(engine, 'helpers');
    expect(helpers.has(idOf('ubottu'))).toBe(false);
  });

  it('GIVEN staff are excluded THEN a moderator answering earns nothing and is not on the board', async () => {
    const { engine, chat } = setup({ excludeStaff: true });
    const mod = actor('mod', { staff: true });
    await engine.onMessage(chat.say('alice', 'how do I reset my password?'));
    await engine.onMessage(chat.say(mod, '@alice use passwd in a terminal'));
    await engine.onMessage(chat.say('alice', 'thanks @mod'));
    const board = await engine.leaderboard({ communityId: COMMUNITY, period: 'all', kind: 'engagement', limit: 10 });
    expect(board.map((e) => e.memberId)).not.toContain(idOf('mod'));
  });

  it('GIVEN the same event delivered twice THEN it counts once', async () => {
    const { engine, chat } = setup();
    await engine.onMessage(chat.say('alice', 'how do I list usb devices?'));
    const answer = chat.say('bob', '@alice lsusb');
    await engine.onMessage(answer);
    const again = await engine.onMessage(answer);
    expect(again.counted).toBe(false);
    expect(again.credits).toEqual([]);
  });

  it('GIVEN 20 thank-you reactions from the same member in a day THEN only the pair cap counts', async () => {
    const { engine, chat } = setup();
    await engine.onMessage(chat.say('alice', 'hi'));
    let credited = 0;
    for (let i = 0; i < 20; i++) {
      const post = chat.say('bob', `tip number ${i}: use tab completion`);
      await engine.onMessage(post);
      credited += (await engine.onReaction(chat.react('alice', post, 'pray'))).length;
    }
    expect(credited).toBe(engine.config.pairCapPerDay);
  });
});
