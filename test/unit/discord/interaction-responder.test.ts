// Proves the interaction responder answers within Discord's rules: direct reply, defer then edit, ephemeral after a public deferral, follow-ups, and a fallback when the handler never replied.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInteractionResponder, type InteractionCalls } from '../../../src/adapters/discord/interaction-responder.ts';
import { recordingLogger } from '../../fakes/discord/recording-logger.ts';

let calls: Array<[string, unknown]>;
let api: InteractionCalls;

beforeEach(() => {
  vi.useFakeTimers();
  calls = [];
  const record = (name: string) => async (arg?: unknown) => {
    calls.push([name, arg]);
  };
  api = { reply: record('reply'), deferReply: record('deferReply'), editReply: record('editReply'), followUp: record('followUp'), deleteReply: record('deleteReply') };
});
afterEach(() => vi.useRealTimers());

const responder = () => createInteractionResponder(api, { deferAfterMs: 2000, logger: recordingLogger() });

describe('interaction responder', () => {
  it('GIVEN a quick reply THEN it answers directly and never defers', async () => {
    const r = responder();
    await r.reply({ text: 'hi' }, { ephemeral: false });
    await vi.advanceTimersByTimeAsync(5000);
    await r.finish({ text: 'done' });
    expect(calls.map(([name]) => name)).toEqual(['reply']);
    expect(calls[0]![1]).toMatchObject({ content: 'hi' });
  });

  it('GIVEN a slow handler THEN it defers, then edits the deferred reply, then follows up', async () => {
    const r = responder();
    await vi.advanceTimersByTimeAsync(2000);
    expect(r.state).toBe('deferred');
    await r.reply({ text: 'late' }, { ephemeral: false });
    await r.reply({ text: 'more' }, { ephemeral: false });
    expect(calls.map(([name]) => name)).toEqual(['deferReply', 'editReply', 'followUp']);
  });

  it('GIVEN an ephemeral reply after a public deferral THEN it is an ephemeral follow-up and the placeholder is deleted', async () => {
    const r = responder();
    await vi.advanceTimersByTimeAsync(2000);
    await r.reply({ text: 'secret' }, { ephemeral: true });
    expect(calls.map(([name]) => name)).toEqual(['deferReply', 'followUp', 'deleteReply']);
    expect(calls[1]![1]).toMatchObject({ content: 'secret', flags: 64 });
  });

  it('GIVEN a handler that never replied THEN finish answers with the fallback, ephemerally', async () => {
    const r = responder();
    await r.finish({ text: 'Done.' });
    expect(calls).toEqual([['reply', expect.objectContaining({ content: 'Done.', flags: 64 })]]);
  });
});
