// Proves the Slack HTTP receiver's edges with the real Bolt App: bodies that are not JSON objects get 400 and the process keeps serving, requests dated more than 5 minutes ahead are refused like stale ones, requests Rapport does not know (view submissions, shortcuts, menus) are acknowledged, and an event is acknowledged only once it is kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import type { AdapterHandlers } from '../../src/core/adapter.ts';
import { FAKE_BOT, startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { messageEvent } from '../fakes/slack/payloads.ts';
import { memoryLogger, recordingHandlers, type RecordingHandlers } from '../fakes/slack/recording-handlers.ts';
import { createSlackSender, type SlackSender } from '../fakes/slack/slack-sender.ts';

const SECRET = 'edge-signing-secret';

async function startAdapter(slack: FakeSlack, handlers: AdapterHandlers): Promise<{ adapter: SlackAdapter; sender: SlackSender }> {
  const adapter = createSlackAdapter({ botToken: FAKE_BOT.token, signingSecret: SECRET, apiUrl: slack.apiUrl, port: 0, host: '127.0.0.1' }, { logger: memoryLogger() });
  await adapter.start(handlers);
  return { adapter, sender: createSlackSender(`http://127.0.0.1:${adapter.address()!.port}/slack/events`, SECRET) };
}

const viewSubmission = (callbackId: string) => ({
  type: 'view_submission',
  team: { id: 'T1', domain: 'acme' },
  user: { id: 'U1', name: 'ann', team_id: 'T1' },
  api_app_id: 'A1',
  token: 't',
  trigger_id: '1.2.3',
  view: { id: 'V1', team_id: 'T1', type: 'modal', callback_id: callbackId, private_metadata: '', state: { values: {} }, hash: 'h', title: { type: 'plain_text', text: 'x' } },
});

describe('Slack HTTP receiver edges', () => {
  let slack: FakeSlack;
  let adapter: SlackAdapter;
  let sender: SlackSender;
  let handlers: RecordingHandlers;

  beforeAll(async () => {
    slack = await startFakeSlack();
    handlers = recordingHandlers();
    ({ adapter, sender } = await startAdapter(slack, handlers));
  });
  afterAll(async () => {
    await adapter.stop();
    await slack.close();
  });

  it('GIVEN signed JSON bodies that are not objects (null, a number, a string, an array) THEN each gets 400 and the next real event is still served', async () => {
    for (const body of ['null', '42', '"hello"', '[]', '[{"type":"event_callback"}]', '{not json']) {
      expect((await sender.raw(body, 'application/json')).status, body).toBe(400);
    }
    expect((await sender.raw('payload=null', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect((await sender.raw('payload=%5B1%5D', 'application/x-www-form-urlencoded')).status).toBe(400);
    const ok = await sender.event(messageEvent({ text: 'still here', ts: '1700000500.000100' }, 'EvAfterNull'));
    expect(ok.status).toBe(200);
    expect((await handlers.waitForEvents(1))[0]).toMatchObject({ type: 'message.posted', text: 'still here' });
  });

  it('GIVEN a correctly signed request dated 10 minutes in the future THEN it is refused with 401, like one 10 minutes old', async () => {
    const now = Math.floor(Date.now() / 1000);
    const before = handlers.delivered.length;
    expect((await sender.event(messageEvent({ text: 'from the future', ts: '1700000600.000100' }, 'EvFuture'), { timestamp: now + 600 })).status).toBe(401);
    expect((await sender.event(messageEvent({ text: 'from the past', ts: '1700000600.000200' }, 'EvPast'), { timestamp: now - 600 })).status).toBe(401);
    expect(handlers.delivered.length).toBe(before);
  });

  it('GIVEN a view submission, a view_closed, a menu-options request and a shortcut Rapport does not know THEN each gets a 200, and the shortcut a private note', async () => {
    const submitted = await sender.action(viewSubmission('another_apps_modal'));
    expect(submitted.status).toBe(200);
    expect(submitted.body).toBe('');
    expect((await sender.action({ ...viewSubmission('old_modal'), type: 'view_closed', is_cleared: false })).status).toBe(200);
    const options = await sender.action({ type: 'block_suggestion', action_id: 'pick', block_id: 'b', value: 'a', team: { id: 'T1' }, user: { id: 'U1' }, api_app_id: 'A1', token: 't' });
    expect(options.status).toBe(200);
    expect(JSON.parse(options.body)).toEqual({ options: [] });
    const shortcut = await sender.action({ type: 'shortcut', callback_id: 'unknown_shortcut', trigger_id: '1.2.4', team: { id: 'T1', domain: 'acme' }, user: { id: 'U1', username: 'ann', team_id: 'T1' }, token: 't', action_ts: '1' });
    expect(shortcut.status).toBe(200);
    const dm = await slack.waitForCall('chat.postMessage');
    expect(String(dm.args.text)).toContain('Rapport does not know this action');
    expect(String(dm.args.text)).toContain('Rapport не познава това действие');
  });
});

describe('Slack HTTP acknowledgement of events', () => {
  it('GIVEN the core could not keep an event THEN Slack gets a 500 (so it redelivers); once kept, a 200 comes before the features finish', async () => {
    const slack = await startFakeSlack();
    let finishFeatures: () => void = () => {};
    const featuresDone = new Promise<void>((resolve) => (finishFeatures = resolve));
    let mode: 'refuse' | 'keep' = 'refuse';
    const { adapter, sender } = await startAdapter(slack, {
      async onEvent(_event, delivery) {
        if (mode === 'refuse') throw new Error('database and spool both unavailable');
        delivery?.durable?.();
        await featuresDone;
      },
      async onCommand() {},
    });
    try {
      expect((await sender.event(messageEvent({ text: 'lost?', ts: '1700000700.000100' }, 'EvRefused'))).status).toBe(500);
      mode = 'keep';
      // The features have not finished (featuresDone is still pending): the 200 cannot be waiting on them.
      expect((await sender.event(messageEvent({ text: 'kept', ts: '1700000700.000200' }, 'EvKept'))).status).toBe(200);
      finishFeatures();
    } finally {
      finishFeatures();
      await adapter.stop();
      await slack.close();
    }
  });
});
