// Proves the real Bolt App behind the Slack adapter, over the HTTP Events API against a fake Slack, turns signed deliveries into core events and commands, and sends replies (threads, files, DMs, ephemeral fallback, 429 waited out).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../src/core/errors.ts';
import { createSlackAdapter, type SlackAdapter, type SlackHttpRoute } from '../../src/adapters/slack/index.ts';
import { FAKE_BOT, startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { appMentionEvent, blockActions, memberJoinedEvent, messageChangedEvent, messageDeletedEvent, messageEvent, reactionEvent, slashCommand } from '../fakes/slack/payloads.ts';
import { memoryLogger, recordingHandlers, type RecordingHandlers } from '../fakes/slack/recording-handlers.ts';
import { createSlackSender, type SlackSender } from '../fakes/slack/slack-sender.ts';

const SECRET = 'test-signing-secret';

describe('Slack adapter over the HTTP Events API', () => {
  let slack: FakeSlack;
  let adapter: SlackAdapter;
  let handlers: RecordingHandlers;
  let sender: SlackSender;
  const rateLimited: Array<[string, number]> = [];

  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.addUser({ id: 'UADMIN', name: 'ada', isAdmin: true });
    const healthz: SlackHttpRoute = { path: '/healthz', method: 'GET', handler: (_req, res) => void res.writeHead(200).end('ok') };
    adapter = createSlackAdapter({ botToken: FAKE_BOT.token, signingSecret: SECRET, apiUrl: slack.apiUrl, port: 0, host: '127.0.0.1', routes: [healthz] }, { logger: memoryLogger(), onRateLimited: (method, seconds) => void rateLimited.push([method, seconds]) });
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

  it('serves extra routes such as /healthz on the Events API port', async () => {
    const response = await fetch(`http://127.0.0.1:${adapter.address()!.port}/healthz`);
    expect(await response.text()).toBe('ok');
  });

  it('answers Slack\'s url_verification challenge when the Request URL is saved', async () => {
    const response = await sender.event({ type: 'url_verification', token: 't', challenge: 'c-123' });
    expect(response).toMatchObject({ status: 200 });
    expect(response.body).toContain('c-123');
  });

  it('turns edits, deletions and joins into core events', async () => {
    await sender.event(messageChangedEvent({ ts: '1700000300.000100', text: 'new words', previousText: 'old words' }, 'EvEdit1'));
    await sender.event(messageDeletedEvent({ ts: '1700000300.000100' }, 'EvDel1'));
    await sender.event(memberJoinedEvent({ user: 'U5' }, 'EvJoin1'));
    const events = await handlers.waitForEvents(3);
    expect(events.map((e) => [e.type, e.eventId]).sort()).toEqual([
      ['member.joined', 'slack:EvJoin1'],
      ['message.deleted', 'slack:EvDel1'],
      ['message.edited', 'slack:EvEdit1'],
    ]);
  });

  it('posts in a thread and attaches a file with files.uploadV2 in the same thread', async () => {
    const sent = await adapter.replier.post(
      { channelId: 'slack:T1:C1', threadOf: 'slack:T1:C1%2F1700000400.000100' },
      { text: 'Your export is attached.', file: { name: 'export.json', content: '{"messages":3}' } },
    );
    expect(sent.channelId).toBe('slack:T1:C1');
    expect(slack.callsTo('chat.postMessage').at(-1)?.args).toMatchObject({ channel: 'C1', thread_ts: '1700000400.000100', text: 'Your export is attached.' });
    const complete = await slack.waitForCall('files.completeUploadExternal');
    expect(complete.args).toMatchObject({ channel_id: 'C1', thread_ts: '1700000400.000100' });
    expect(slack.uploads.at(-1)?.content).toBe('{"messages":3}');
  });

  it('sends a DM through conversations.open, and reports closed DMs as a final PlatformError', async () => {
    const sent = await adapter.replier.dm('slack:T1:U3', { text: 'Welcome!' });
    expect(sent.channelId).toBe('slack:T1:DU3');
    slack.failWith('conversations.open', 'cannot_dm_bot');
    try {
      const failure = await adapter.replier.dm('slack:T1:UBOT2', { text: 'hi' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PlatformError);
      expect(failure).toMatchObject({ code: 'platform.slack.cannot_dm_bot', retryable: false });
    } finally {
      slack.failWith('conversations.open', null);
    }
  });

  it('waits out a 429 and reports it', async () => {
    slack.rateLimitNext('chat.postMessage', 1);
    const sent = await adapter.replier.post({ channelId: 'slack:T1:C1' }, { text: 'patience' });
    expect(sent.messageId).toMatch(/^slack:T1:C1%2F/);
    expect(rateLimited).toEqual([['chat.postMessage', 1]]);
  });

  it('falls back to chat.postEphemeral when response_url no longer works', async () => {
    slack.failWith('respond:expired', 'used_url');
    await sender.command(slashCommand({ command: '/help', text: 'privately', user: 'U1', responseUrl: slack.responseUrl('expired') }));
    const ephemeral = await slack.waitForCall('chat.postEphemeral');
    expect(ephemeral.args).toMatchObject({ channel: 'C1', user: 'U1', text: 'ran /help privately' });
  });
});

describe('Slack adapter start-up', () => {
  it('GIVEN a revoked bot token THEN start fails with the Slack error code', async () => {
    const slack = await startFakeSlack();
    const adapter = createSlackAdapter({ botToken: 'xoxb-revoked', signingSecret: SECRET, apiUrl: slack.apiUrl, port: 0, host: '127.0.0.1' }, { logger: memoryLogger() });
    try {
      await expect(adapter.start(recordingHandlers())).rejects.toMatchObject({ code: 'platform.slack.invalid_auth', retryable: false });
    } finally {
      await adapter.stop();
      await slack.close();
    }
  });
});

describe('Slack adapter when the core fails on a command', () => {
  it('tells the member in English and Bulgarian, privately', async () => {
    const slack = await startFakeSlack();
    const adapter = createSlackAdapter({ botToken: FAKE_BOT.token, signingSecret: SECRET, apiUrl: slack.apiUrl, port: 0, host: '127.0.0.1' }, { logger: memoryLogger() });
    try {
      await adapter.start(recordingHandlers(async () => {
        throw new Error('database is down');
      }));
      const sender = createSlackSender(`http://127.0.0.1:${adapter.address()!.port}/slack/events`, SECRET);
      await sender.command(slashCommand({ command: '/rank', user: 'U1', responseUrl: slack.responseUrl('boom') }));
      const body = await slack.waitForResponse('boom');
      expect(body.response_type).toBe('ephemeral');
      expect(String(body.text)).toContain('Sorry, something went wrong');
      expect(String(body.text)).toContain('Съжаляваме');
    } finally {
      await adapter.stop();
      await slack.close();
    }
  });
});
