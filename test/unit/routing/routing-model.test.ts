// Proves the router ranks members who answered similar questions and are present first, and never suggests the asker, a bot, a member silent for two weeks or one the caller excludes.
import { describe, expect, it } from 'vitest';
import { RoutingModel, type RoutedMessage } from '../../../src/core/routing/routing-model.ts';

const C = 'slack:T1';
const CH = 'slack:T1:C1';
const MIN = 60_000;
let seq = 0;
function msg(authorId: string, at: number, text: string, extra: Partial<RoutedMessage> = {}): RoutedMessage {
  seq++;
  return { communityId: C, channelId: CH, messageId: `m${seq}`, authorId, displayName: authorId.split(':').pop()!, isBot: false, at, text, mentions: [], ...extra };
}
const id = (name: string): string => `slack:T1:${name}`;

function trainedModel(): { model: RoutingModel; t: number } {
  const model = new RoutingModel();
  let t = Date.UTC(2026, 0, 1, 10);
  // grubby answers two grub questions; chatty only chats.
  model.observe(msg(id('asker1'), t, 'how do I reinstall grub after installing windows?'));
  model.observe(msg(id('grubby'), (t += MIN), 'run grub-install from a live cd', { mentions: [id('asker1')] }));
  model.observe(msg(id('asker2'), (t += 10 * MIN), 'grub shows a rescue prompt, how do I fix the grub config?'));
  model.observe(msg(id('grubby'), (t += MIN), 'boot the live cd and reinstall grub', { mentions: [id('asker2')] }));
  model.observe(msg(id('chatty'), (t += MIN), 'nice weather today'));
  model.observe(msg(id('chatty'), (t += MIN), 'lunch time soon'));
  return { model, t };
}

describe('routing model', () => {
  it('GIVEN a member who answered grub questions WHEN a new grub question arrives THEN they are suggested first', () => {
    const { model, t } = trainedModel();
    const suggested = model.suggest({ communityId: C, channelId: CH, authorId: id('newbie'), at: t + MIN, text: 'grub will not boot, how do I repair grub?' });
    expect(suggested[0]?.memberId).toBe(id('grubby'));
    expect(suggested.length).toBeLessThanOrEqual(3);
  });

  it('GIVEN the helper asks the question themselves WHEN routed THEN the asker is never suggested', () => {
    const { model, t } = trainedModel();
    const suggested = model.suggest({ communityId: C, channelId: CH, authorId: id('grubby'), at: t + MIN, text: 'how do I repair grub?' });
    expect(suggested.map((s) => s.memberId)).not.toContain(id('grubby'));
  });

  it('GIVEN two weeks and a minute of silence WHEN a question arrives THEN nobody silent that long is suggested', () => {
    const { model, t } = trainedModel();
    const later = t + 14 * 24 * 60 * MIN + MIN;
    model.observe(msg(id('fresh'), later - MIN, 'hello all'));
    const suggested = model.suggest({ communityId: C, channelId: CH, authorId: id('newbie'), at: later, text: 'how do I repair grub?' });
    expect(suggested.map((s) => s.memberId)).toEqual([id('fresh')]);
  });

  it('GIVEN the helper is excluded (opted out or asked enough today) WHEN routed THEN the next members come instead', () => {
    const { model, t } = trainedModel();
    const suggested = model.suggest({ communityId: C, channelId: CH, authorId: id('newbie'), at: t + MIN, text: 'how do I repair grub?' }, { exclude: (m) => m === id('grubby') });
    expect(suggested.map((s) => s.memberId)).not.toContain(id('grubby'));
    expect(suggested.length).toBeGreaterThan(0);
  });

  it('GIVEN a bot that speaks often WHEN routed THEN the bot is never suggested', () => {
    const { model, t } = trainedModel();
    model.observe(msg(id('B1'), t, 'I am a bot answering grub grub grub', { isBot: true }));
    const suggested = model.suggest({ communityId: C, channelId: CH, authorId: id('newbie'), at: t + MIN, text: 'grub?' }, { limit: 10 });
    expect(suggested.map((s) => s.memberId)).not.toContain(id('B1'));
  });

  it('GIVEN many present members WHEN routed with the default limit THEN at most three are suggested, best first', () => {
    const { model, t } = trainedModel();
    for (let i = 0; i < 6; i++) model.observe(msg(id(`m${i}`), t + i, `just chatting ${i}`));
    const suggested = model.suggest({ communityId: C, channelId: CH, authorId: id('newbie'), at: t + MIN, text: 'grub help?' });
    expect(suggested).toHaveLength(3);
    expect(suggested[0]!.score).toBeGreaterThanOrEqual(suggested[1]!.score);
    expect(suggested[1]!.score).toBeGreaterThanOrEqual(suggested[2]!.score);
  });

  it('GIVEN a member erased for privacy WHEN routed THEN they are forgotten', () => {
    const { model, t } = trainedModel();
    model.forget(id('grubby'));
    const suggested = model.suggest({ communityId: C, channelId: CH, authorId: id('newbie'), at: t + MIN, text: 'how do I repair grub?' }, { limit: 10 });
    expect(suggested.map((s) => s.memberId)).not.toContain(id('grubby'));
  });
});
