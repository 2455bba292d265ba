// Proves the Slack adapter over Socket Mode: it opens the WebSocket through apps.connections.open at SLACK_API_URL, acks every envelope, keeps working after Slack asks it to reconnect, and treats a redelivery as the same event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { FAKE_BOT, startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { blockActions, messageEvent, slashCommand } from '../fakes/slack/payloads.ts';
import { memoryLogger, recordingHandlers, type RecordingHandlers } from '../fakes/slack/recording-handlers.ts';

describe('Slack adapter over Socket Mode', () => {
  let slack: FakeSlack;
  let adapter: SlackAdapter;
  let handlers: RecordingHandlers;

  beforeAll(async () => {
    slack = await startFakeSlack();
    adapter = createSlackAdapter({ botToken: FAKE_BOT.token, appToken: FAKE_BOT.appToken, apiUrl: slack.apiUrl }, { logger: memoryLogger() });
    handlers = recordingHandlers();
    await adapter.start(handlers);
    await slack.socket.connected();
  });
  afterAll(async () => {
    await adapter.stop();
    await slack.close();
  });

  it('connects with the app token through apps.connections.open and listens on no port', () => {
    expect(adapter.mode).toBe('socket');
    expect(adapter.address()).toBeUndefined();
    expect(slack.callsTo('apps.connections.open')[0]?.token).toBe(FAKE_BOT.appToken);
    expect(adapter.identity()).toEqual({ teamId: 'T1', teamName: 'Fake Community', botUserId: 'UBOT', botId: 'BBOT' });
  });

  it('acks events, commands and button presses by their envelope id', async () => {
    const event = await slack.socket.send('events_api', messageEvent({ text: 'over the socket', ts: '1700000500.000100' }));
    const command = await slack.socket.send('slash_commands', slashCommand({ command: '/help', responseUrl: slack.responseUrl('sock-help') }));
    const action = await slack.socket.send('interactive', blockActions({ actionId: 'answer.helped', value: 'yes' }));
    expect([event.envelope_id, command.envelope_id, action.envelope_id]).toEqual([expect.stringMatching(/^env-/), expect.stringMatching(/^env-/), expect.stringMatching(/^env-/)]);
    expect(await slack.waitForResponse('sock-help')).toMatchObject({ text: 'ran /help' });
    await handlers.waitForEvents(2);
    expect(handlers.events.map((e) => e.type).sort()).toEqual(['button.pressed', 'message.posted']);
  });

  it('treats a redelivered envelope (retry_attempt) as the same event', async () => {
    const delivered = handlers.delivered.length;
    const envelope = messageEvent({ text: 'said once', ts: '1700000600.000100' }, 'EvSocketRetry');
    await slack.socket.send('events_api', envelope);
    await slack.socket.send('events_api', envelope, { retryAttempt: 1 });
    const both = (await handlers.waitForDelivered(delivered + 2)).slice(delivered);
    expect(both.map((e) => e.eventId)).toEqual(['slack:message:T1:C1:1700000600.000100', 'slack:message:T1:C1:1700000600.000100']);
    expect(handlers.events.filter((e) => e.eventId === both[0]!.eventId)).toHaveLength(1);
  });

  it('reconnects when Slack asks it to, and keeps receiving', async () => {
    const opened = slack.callsTo('apps.connections.open').length;
    await slack.socket.refresh();
    expect(slack.callsTo('apps.connections.open').length).toBe(opened + 1);
    const count = handlers.events.length;
    await slack.socket.send('events_api', messageEvent({ text: 'after the refresh', ts: '1700000700.000100' }));
    const events = await handlers.waitForEvents(count + 1);
    expect(events.at(-1)).toMatchObject({ type: 'message.posted', text: 'after the refresh' });
  });
});

describe('Slack adapter over Socket Mode with a revoked app token', () => {
  it('fails to start with the Slack error code', async () => {
    const slack = await startFakeSlack();
    const adapter = createSlackAdapter({ botToken: FAKE_BOT.token, appToken: 'xapp-revoked', apiUrl: slack.apiUrl }, { logger: memoryLogger() });
    try {
      await expect(adapter.start(recordingHandlers())).rejects.toMatchObject({ code: 'platform.slack.invalid_auth', retryable: false });
    } finally {
      await adapter.stop();
      await slack.close();
    }
  });
});
