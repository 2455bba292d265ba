// Proves a Slack slash-command payload becomes the CommandInvocation the dispatcher expects, and replies go to response_url with the right visibility.
import { describe, expect, it } from 'vitest';
import type { SlackDirectory } from '../../../src/adapters/slack/slack-directory.ts';
import { createSlackResponder, translateCommand, type RespondBody, type SlackCommandPayload } from '../../../src/adapters/slack/slash-command.ts';
import type { OutgoingMessage } from '../../../src/core/outgoing.ts';

const directory: SlackDirectory = {
  actor: async (teamId, userId, fallbackName) => ({ memberId: `slack:${teamId}:${userId}`, displayName: fallbackName ?? userId, isBot: false, isModerator: false }),
  channelName: async () => undefined,
};
const payload: SlackCommandPayload = {
  command: '/Leaderboard',
  text: 'period:week <#C2|help>',
  team_id: 'T1',
  team_domain: 'acme',
  channel_id: 'C1',
  channel_name: 'general',
  user_id: 'U1',
  user_name: 'ann',
  trigger_id: '123.456.abc',
  response_url: 'https://hooks.slack.com/commands/T1/1/x',
};
const now = new Date('2026-11-23T10:00:00Z');

describe('translateCommand', () => {
  it('GIVEN a slash command THEN the invocation has the bare command name, the text, opaque ids and the trigger as its id', async () => {
    const invocation = await translateCommand(payload, directory, { teamName: 'Acme', now });
    expect(invocation).toMatchObject({
      platform: 'slack',
      invocationId: 'slack:command:123.456.abc',
      communityId: 'slack:T1',
      communityName: 'Acme',
      channelId: 'slack:T1:C1',
      channelName: 'general',
      command: 'leaderboard',
      text: 'period:week <#C2|help>',
      actor: { memberId: 'slack:T1:U1', displayName: 'ann' },
      occurredAt: now,
    });
    expect(await invocation.resolver?.channel('<#C2|help>')).toBe('slack:T1:C2');
  });

  it('GIVEN a command declared under another name (reserved by Slack, or prefixed) THEN the Rapport name comes back', async () => {
    expect((await translateCommand({ ...payload, command: '/rapport-feedback' }, directory, { now })).command).toBe('feedback');
    expect((await translateCommand({ ...payload, command: '/rp-rank' }, directory, { now, commandPrefix: 'rp-' })).command).toBe('rank');
  });

  it('GIVEN a private channel or a DM THEN Slack\'s placeholder channel name is not used', async () => {
    expect((await translateCommand({ ...payload, channel_name: 'privategroup' }, directory, { now })).channelName).toBeUndefined();
    expect((await translateCommand({ ...payload, channel_name: 'directmessage' }, directory, { now })).channelName).toBeUndefined();
  });
});

describe('createSlackResponder', () => {
  it('GIVEN an ephemeral and a public reply THEN response_type follows, with Block Kit', async () => {
    const sent: RespondBody[] = [];
    const responder = createSlackResponder({ respond: async (body) => sent.push(body), fallback: async () => {} });
    await responder.reply({ text: 'only you' }, { ephemeral: true });
    await responder.reply({ text: 'everyone', title: 'Hi' }, { ephemeral: false });
    expect(sent.map((b) => [b.response_type, b.text])).toEqual([['ephemeral', 'only you'], ['in_channel', 'Hi: everyone']]);
    expect(sent[1]!.blocks[0]).toMatchObject({ type: 'header' });
  });

  it('GIVEN response_url fails THEN the fallback gets the original message and visibility', async () => {
    const fallbacks: Array<[OutgoingMessage, boolean]> = [];
    const responder = createSlackResponder({
      respond: async () => {
        throw new Error('410 used_url');
      },
      fallback: async (message, ephemeral) => void fallbacks.push([message, ephemeral]),
    });
    const message = { text: 'pick one', buttons: [{ actionId: 'a', value: '1', label: 'One' }] };
    await responder.reply(message, { ephemeral: true });
    expect(fallbacks).toEqual([[message, true]]);
  });

  it('GIVEN a file THEN it is sent separately (response_url cannot carry files)', async () => {
    const uploaded: OutgoingMessage[] = [];
    const responder = createSlackResponder({ respond: async () => {}, fallback: async () => {}, uploadFile: async (m) => void uploaded.push(m) });
    await responder.reply({ text: 'export', file: { name: 'me.json', content: '{}' } }, { ephemeral: true });
    expect(uploaded.map((m) => m.file?.name)).toEqual(['me.json']);
  });
});
