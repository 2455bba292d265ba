// Proves leaderboards per period, kind and channel, /rank with reasons, shout-out data and JSON-serialisable state.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.ts';
import { describeReasons } from '../../../src/core/recognition/describe-reasons.ts';
import { createRecognitionEngine } from '../../../src/core/recognition/recognition-engine.ts';
import { createInMemoryScoreStore } from '../../../src/core/recognition/score-store.ts';
import { chatScript, COMMUNITY, idOf } from './chat-fixture.ts';

const DAY = 86_400;

async function helpRound(engine: ReturnType<typeof createRecognitionEngine>, chat: ReturnType<typeof chatScript>, helper: string, askers: string[]): Promise<void> {
  for (const asker of askers) {
    await engine.onMessage(chat.say(asker, 'how do I change the default shell?', 120));
    await engine.onMessage(chat.say(helper, `@${asker} chsh -s /bin/zsh then log out and in`, 60));
    await engine.onMessage(chat.say(asker, `thanks @${helper}`, 60));
  }
}

describe('leaderboards, rank and shout-outs', () => {
  it('GIVEN helpers in two different weeks THEN the week board shows only this week and all-time shows both', async () => {
    const chat = chatScript(new Date('2024-03-04T09:00:00Z')); // a Monday
    const clock = fixedClock(chat.now());
    const engine = createRecognitionEngine({ store: createInMemoryScoreStore(), clock });
    await helpRound(engine, chat, 'oldHelper', ['a1', 'a2', 'a3', 'a4']);
    await engine.onMessage(chat.say('someone', 'new week', 7 * DAY));
    await helpRound(engine, chat, 'newHelper', ['b1', 'b2']);
    clock.set(chat.now());

    const week = await engine.leaderboard({ communityId: COMMUNITY, period: 'week', kind: 'helpers', limit: 5 });
    expect(week.map((e) => e.memberId)).toEqual([idOf('newHelper')]);
    const all = await engine.leaderboard({ communityId: COMMUNITY, period: 'all', kind: 'helpers', limit: 5 });
    expect(all.map((e) => e.memberId)).toEqual([idOf('oldHelper'), idOf('newHelper')]);
    expect(all[0]?.figures).toMatchObject({ helpedPeople: 4, answers: 4, thanks: 4 });
  });

  it('GIVEN activity in two channels THEN a channel board only counts that channel', async () => {
    const general = chatScript(new Date('2024-03-04T09:00:00Z'), 'console:test:general');
    const clock = fixedClock(general.now());
    const engine = createRecognitionEngine({ store: createInMemoryScoreStore(), clock });
    await helpRound(engine, general, 'generalHelper', ['a1', 'a2']);
    const help = chatScript(general.now(), 'console:test:help');
    await helpRound(engine, help, 'helpHelper', ['b1']);
    clock.set(help.now());
    const board = await engine.leaderboard({ communityId: COMMUNITY, channelId: 'console:test:help', period: 'all', kind: 'helpers', limit: 5 });
    expect(board.map((e) => e.memberId)).toEqual([idOf('helpHelper')]);
  });

  it('GIVEN a helper THEN /rank gives positions and reasons in English and Bulgarian', async () => {
    const chat = chatScript(new Date('2024-03-04T09:00:00Z'));
    const clock = fixedClock(chat.now());
    const engine = createRecognitionEngine({ store: createInMemoryScoreStore(), clock });
    await helpRound(engine, chat, 'helper', ['a1', 'a2', 'a3']);
    clock.set(chat.now());
    const rank = await engine.rank(COMMUNITY, idOf('helper'));
    expect(rank?.helperRank).toEqual({ all: 1, current: 1 });
    expect(rank?.month).toMatchObject({ helpedPeople: 3, answers: 3, thanks: 3 });
    expect(describeReasons(rank!.month, 'month', 'en')).toBe('helped 3 people this month, answered 3 questions, thanked 3 times');
    expect(describeReasons(rank!.month, 'month', 'bg')).toBe('помогна на 3 души този месец, отговори на 3 въпроса, получи 3 благодарности');
    expect(await engine.rank(COMMUNITY, idOf('nobody'))).toBeNull();
  });

  it('GIVEN time passing without activity THEN the current standing decays but all-time totals do not', async () => {
    const chat = chatScript(new Date('2024-03-04T09:00:00Z'));
    const clock = fixedClock(chat.now());
    const engine = createRecognitionEngine({ store: createInMemoryScoreStore(), clock, config: { helperHalfLifeDays: 30 } });
    await helpRound(engine, chat, 'helper', ['a1']);
    clock.set(chat.now());
    const before = await engine.rank(COMMUNITY, idOf('helper'));
    clock.advance(30 * DAY * 1000);
    const after = await engine.rank(COMMUNITY, idOf('helper'));
    expect(after!.standing.helper).toBeCloseTo(before!.standing.helper / 2);
    expect(after!.all.helper).toBe(before!.all.helper);
  });

  it('GIVEN last week and the week before THEN the shout-out thanks last week’s top helpers and the most improved', async () => {
    const chat = chatScript(new Date('2024-03-04T09:00:00Z')); // Monday, week 1
    const clock = fixedClock(chat.now());
    const engine = createRecognitionEngine({ store: createInMemoryScoreStore(), clock });
    await helpRound(engine, chat, 'steady', ['a1', 'a2']);
    await helpRound(engine, chat, 'grower', ['a3']);
    await engine.onMessage(chat.say('someone', 'week 2', 7 * DAY)); // week 2
    await helpRound(engine, chat, 'steady', ['b1', 'b2', 'b3', 'b4']);
    await helpRound(engine, chat, 'grower', ['b5', 'b6', 'b7']);
    await helpRound(engine, chat, 'newbie', ['b8']);
    clock.set(new Date('2024-03-18T10:00:00Z')); // Monday of week 3, nothing yet this week

    const shoutout = await engine.shoutout({ communityId: COMMUNITY, period: 'week', which: 'previous', limit: 1 });
    expect(shoutout.topHelpers.map((e) => e.memberId)).toEqual([idOf('steady')]);
    expect(shoutout.mostImproved[0]?.memberId).toBe(idOf('grower'));
  });

  it('GIVEN a member state THEN it survives a JSON round trip and keeps scoring', async () => {
    const store = createInMemoryScoreStore();
    const chat = chatScript();
    const engine = createRecognitionEngine({ store, clock: fixedClock(chat.now()) });
    await helpRound(engine, chat, 'helper', ['a1']);
    const state = await store.get(COMMUNITY, idOf('helper'));
    const copy = JSON.parse(JSON.stringify(state));
    expect(copy).toEqual(state);
  });
});
