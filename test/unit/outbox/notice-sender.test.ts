// Proves the notice sender: a notice sent at once leaves nothing owed; one the platform cannot take
// now stays in the outbox and the relay sends it once, not before its time; one refused for good
// (closed DMs) is dropped, so nothing stays owed for ever.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.ts';
import { PlatformError } from '../../../src/core/errors.ts';
import { createInMemoryNoticeOutbox } from '../../../src/core/outbox/in-memory-notice-outbox.ts';
import { createNoticeSender } from '../../../src/core/outbox/notice-sender.ts';
import { NOTICE_RELAY_AFTER_MS, type Notice } from '../../../src/core/outbox/notices.ts';
import type { OutgoingMessage, PostTarget } from '../../../src/core/outgoing.ts';

const logger = { debug() {}, info() {}, warn() {}, error() {}, child() { return this; } } as never;

function setup() {
  const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));
  const outbox = createInMemoryNoticeOutbox();
  const sent: Array<{ to: string; threadOf?: string; text: string }> = [];
  let failure: Error | null = null;
  const replier = {
    post: async (target: PostTarget, message: OutgoingMessage) => {
      if (failure) throw failure;
      sent.push({ to: target.channelId, ...(target.threadOf ? { threadOf: target.threadOf } : {}), text: message.text });
      return { messageId: 'p', channelId: target.channelId };
    },
    dm: async (memberId: string, message: OutgoingMessage) => {
      if (failure) throw failure;
      sent.push({ to: memberId, text: message.text });
      return { messageId: 'd', channelId: `dm:${memberId}` };
    },
  };
  const sender = createNoticeSender({ outbox, repliers: { forId: () => replier }, clock, logger });
  return { clock, outbox, sent, sender, fail: (error: Error | null) => void (failure = error) };
}

const toMod: Notice = { subject: 'routing:1:cannot-dm', to: { dm: 'slack:T1:mod' }, message: { text: 'could not DM ana' } };
const ping: Notice = { subject: 'handoff:m1:1', to: { channelId: 'slack:T1:C1', threadOf: 'm1' }, message: { text: 'a moderator is needed', mentions: ['slack:T1:mod'] } };

describe('notice sender', () => {
  it('GIVEN the platform answers WHEN notices are sent THEN each goes once and nothing stays owed', async () => {
    const s = setup();
    await s.sender.send([toMod, ping]);
    expect(s.sent).toEqual([{ to: 'slack:T1:mod', text: 'could not DM ana' }, { to: 'slack:T1:C1', threadOf: 'm1', text: 'a moderator is needed' }]);
    expect(await s.outbox.pending()).toEqual([]);
  });

  it('GIVEN the platform is away WHEN a notice is sent THEN it stays owed, the relay leaves it until its time, then sends it once', async () => {
    const s = setup();
    s.fail(new PlatformError('slack', 'ratelimited', 'slow down', { retryable: true }));
    await s.sender.send([toMod]);
    expect(s.sent).toEqual([]);
    expect((await s.outbox.pending()).map((n) => n.subject)).toEqual([toMod.subject]);
    s.fail(null);
    expect(await s.sender.relay()).toBe(0);
    s.clock.advance(NOTICE_RELAY_AFTER_MS);
    expect(await s.sender.relay()).toBe(1);
    expect(await s.sender.relay()).toBe(0);
    expect(s.sent).toEqual([{ to: 'slack:T1:mod', text: 'could not DM ana' }]);
    expect(await s.outbox.pending()).toEqual([]);
  });

  it('GIVEN the same notice written twice THEN it is owed and sent once', async () => {
    const s = setup();
    s.fail(new Error('socket hang up'));
    await s.sender.send([ping]);
    await s.sender.send([ping]);
    expect(await s.outbox.pending()).toHaveLength(1);
    s.fail(null);
    s.clock.advance(NOTICE_RELAY_AFTER_MS);
    await s.sender.relay();
    expect(s.sent).toHaveLength(1);
  });

  it('GIVEN a moderator whose DMs are closed THEN the notice is dropped, not retried for ever', async () => {
    const s = setup();
    s.fail(new PlatformError('slack', 'cannot_dm_bot', 'closed', { retryable: false }));
    await s.sender.send([toMod]);
    expect(await s.outbox.pending()).toEqual([]);
  });
});
