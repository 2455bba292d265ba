// Proves a removed reaction takes back exactly what it earned, and that adding and removing one over and over earns nothing.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.ts';
import type { ReactionChanged } from '../../../src/core/events.ts';
import { figuresFor } from '../../../src/core/recognition/member-score-state.ts';
import { createPeriodCalendar } from '../../../src/core/recognition/period-calendar.ts';
import { createRecognitionEngine } from '../../../src/core/recognition/recognition-engine.ts';
import { createInMemoryScoreStore } from '../../../src/core/recognition/score-store.ts';
import { chatScript, COMMUNITY, idOf } from './chat-fixture.ts';

const removed = (r: ReactionChanged, afterSeconds = 30): ReactionChanged => ({
  ...r,
  type: 'reaction.removed',
  eventId: `${r.eventId}:removed`,
  occurredAt: new Date(r.occurredAt.getTime() + afterSeconds * 1000),
});

function setup() {
  const chat = chatScript();
  const clock = fixedClock(new Date('2024-03-04T09:00:00Z'));
  const store = createInMemoryScoreStore();
  const engine = createRecognitionEngine({ store, clock, config: { pairCapPerDay: 2 } });
  const week = async (name: string) => {
    const state = await store.get(COMMUNITY, idOf(name));
    return state ? figuresFor(state, 'week', createPeriodCalendar('UTC').index(chat.now().getTime()).week, engine.config) : undefined;
  };
  const standing = async (kind: 'engagement' | 'helpers') => {
    clock.set(chat.now());
    const board = await engine.leaderboard({ communityId: COMMUNITY, period: 'current', kind, limit: 10 });
    return board.find((e) => e.memberId === idOf('bob'))?.score ?? 0;
  };
  return { chat, engine, week, standing };
}

describe('removing a reaction', () => {
  it('GIVEN a thank-you reaction removed THEN the helper points, engagement and thanks count go back to what they were', async () => {
    const { chat, engine, week, standing } = setup();
    const post = chat.say('bob', 'use tab completion for long paths');
    await engine.onMessage(post);
    const before = { figures: await week('bob'), helpers: await standing('helpers'), engagement: await standing('engagement') };
    const pray = chat.react('alice', post, 'pray');
    const [given] = await engine.onReaction(pray);
    expect(given?.helper).toBeGreaterThan(0);
    expect((await week('bob'))?.thanks).toBe(1);

    const [back] = await engine.onReaction(removed(pray));
    expect(back).toMatchObject({ memberId: idOf('bob'), reason: 'thanks-reaction', helper: -given!.helper, engagement: -given!.engagement });
    const after = await week('bob');
    expect(after?.thanks).toBe(0);
    expect(after?.helper).toBeCloseTo(before.figures?.helper ?? 0, 9);
    expect(after?.engagement).toBeCloseTo(before.figures?.engagement ?? 0, 9);
    // The standings decay a little in the 40 s between the two readings (half-lives of weeks).
    expect(await standing('helpers')).toBeCloseTo(before.helpers, 4);
    expect(await standing('engagement')).toBeCloseTo(before.engagement, 4);
  });

  it('GIVEN an ordinary reaction removed THEN its engagement and reaction count go back', async () => {
    const { chat, engine, week } = setup();
    const post = chat.say('bob', 'release notes are out');
    await engine.onMessage(post);
    const before = await week('bob');
    const thumbs = chat.react('alice', post, '+1');
    expect(await engine.onReaction(thumbs)).toHaveLength(1);
    expect((await week('bob'))?.reactions).toBe(1);
    await engine.onReaction(removed(thumbs));
    expect((await week('bob'))?.reactions).toBe(0);
    expect((await week('bob'))?.engagement).toBeCloseTo(before?.engagement ?? 0, 9);
  });

  it('GIVEN a reaction added and removed again and again THEN nothing is left and the pair allowance is not renewed', async () => {
    const { chat, engine, week } = setup();
    const post = chat.say('bob', 'here is the fix');
    await engine.onMessage(post);
    const earned: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = chat.react('alice', post, 'pray');
      earned.push(...(await engine.onReaction({ ...r, eventId: `loop-add-${i}` })).map((c) => c.helper));
      await engine.onReaction({ ...removed(r), eventId: `loop-remove-${i}` });
    }
    // The cap (2 a day) was spent by the first two adds; each removal took its own credit back.
    expect(earned.filter((h) => h > 0)).toHaveLength(2);
    expect((await week('bob'))?.thanks).toBe(0);
    expect((await week('bob'))?.helper).toBeCloseTo(0, 9);
  });

  it('GIVEN a removal of a reaction Rapport never credited, or a removal delivered twice THEN nothing changes', async () => {
    const { chat, engine, week } = setup();
    const post = chat.say('bob', 'try a live USB');
    await engine.onMessage(post);
    const before = await week('bob');
    expect(await engine.onReaction(removed(chat.react('alice', post, 'pray')))).toEqual([]);
    const pray = chat.react('carol', post, 'pray');
    await engine.onReaction(pray);
    expect(await engine.onReaction(removed(pray))).toHaveLength(1);
    expect(await engine.onReaction(removed(pray))).toEqual([]);
    expect((await week('bob'))?.helper).toBeCloseTo(before?.helper ?? 0, 9);
  });
});
