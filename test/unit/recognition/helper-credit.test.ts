// Proves helper points reward how many people a member helps more than how long they talk with one person.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.ts';
import { createRecognitionEngine } from '../../../src/core/recognition/recognition-engine.ts';
import { createInMemoryScoreStore } from '../../../src/core/recognition/score-store.ts';
import { chatScript, COMMUNITY, idOf } from './chat-fixture.ts';

function setup() {
  const chat = chatScript();
  const clock = fixedClock(chat.now());
  const engine = createRecognitionEngine({ store: createInMemoryScoreStore(), clock });
  return { engine, chat, clock };
}

describe('helper credit', () => {
  it('GIVEN a first answer inferred from timing alone THEN the new-person bonus counts in full, and not again for the same person', async () => {
    const { engine, chat } = setup();
    const c = engine.config;
    await engine.onMessage(chat.say('alice', 'how do I see which kernel I am running?'));
    const first = await engine.onMessage(chat.say('bob', 'uname -r prints the running kernel version'));
    const answer = first.credits.find((x) => x.reason === 'answer');
    expect(answer?.memberId).toBe(idOf('bob'));
    expect(answer?.helper).toBeCloseTo(c.answerWeight * c.openQuestionConfidence + c.newPersonWeight, 6);

    await engine.onMessage(chat.say('alice', 'and how do I see the installed ones?', 600));
    const second = await engine.onMessage(chat.say('bob', '@alice dpkg --list | grep linux-image shows them'));
    const again = second.credits.find((x) => x.reason === 'answer');
    expect(again?.helper).toBeLessThan(c.newPersonWeight);
  });

  it('GIVEN one member answering four people by timing and another answering one person eight times by mention THEN the first ranks higher', async () => {
    const { engine, chat, clock } = setup();
    for (const asker of ['a1', 'a2', 'a3', 'a4']) {
      await engine.onMessage(chat.say(asker, 'why does my wifi drop after suspend?', 900));
      await engine.onMessage(chat.say('wide', 'reloading the driver module after resume usually fixes that'));
    }
    await engine.onMessage(chat.say('asker', 'how do I get my printer working?', 900));
    for (let i = 0; i < 8; i++) await engine.onMessage(chat.say('deep', `@asker try step ${i} of the cups guide and tell me what it says`, 60));
    clock.set(chat.now());

    const board = await engine.leaderboard({ communityId: COMMUNITY, period: 'all', kind: 'helpers', limit: 5 });
    expect(board.map((e) => e.memberId).slice(0, 2)).toEqual([idOf('wide'), idOf('deep')]);
    expect(board[0]?.figures.helpedPeople).toBe(4);
  });

  it('GIVEN a complaint posted right after a feature request THEN its author answered no question; a real answer after a question still counts (en and bg)', async () => {
    const { engine, chat } = setup();
    await engine.onMessage(chat.say('ann', 'Could you please add a dark mode to the app?'));
    const complaint = await engine.onMessage(chat.say('bob', 'The latest update is terrible, the app crashes all the time'));
    expect(complaint.credits.filter((x) => x.reason === 'answer' || x.reason === 'reply')).toEqual([]);
    await engine.onMessage(chat.say('mia', 'Моля, добавете тъмна тема в приложението', 600));
    const bgComplaint = await engine.onMessage(chat.say('ivo', 'Новата версия е ужасна, приложението постоянно забива'));
    expect(bgComplaint.credits.filter((x) => x.reason === 'answer' || x.reason === 'reply')).toEqual([]);
    await engine.onMessage(chat.say('ann', 'how do I see which kernel I am running?', 600));
    const answer = await engine.onMessage(chat.say('bob', 'uname -r prints the running kernel version'));
    expect(answer.credits.find((x) => x.reason === 'answer')?.memberId).toBe(idOf('bob'));
    const rank = await engine.rank(COMMUNITY, idOf('bob'));
    expect(rank?.all.answers).toBe(1);
  });
});
