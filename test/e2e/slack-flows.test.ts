// Proves Rapport on Slack end to end, over the HTTP Events API and over Socket Mode: the real Bolt App against the fake Slack, feeding the real pipeline, commands and storage (PGlite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSlackAdapter, namesFromRepositories, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { commands as allCommands } from '../../commands/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { defineCommand } from '../../src/core/commands/define.ts';
import type { ButtonPressed } from '../../src/core/events.ts';
import { defineFeature, type Feature } from '../../src/core/feature.ts';
import { recognitionFeature } from '../../src/core/recognition/register-recognition.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { FAKE_BOT, startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { observeAdapter, type ObservedAdapter } from '../fakes/slack/observed-adapter.ts';
import { appMentionEvent, blockActions, messageEvent, slashCommand } from '../fakes/slack/payloads.ts';
import { memoryLogger } from '../fakes/slack/recording-handlers.ts';
import { createSlackSender, type SlackSender } from '../fakes/slack/slack-sender.ts';

const SECRET = 'flows-signing-secret';
const COMMUNITY = 'slack:T1';

// A moderator-only command, so the permission check runs on Slack exactly as declared.
const modOnly = defineCommand({
  name: 'mod-only-test',
  description: { en: 'A moderator-only command for tests', bg: 'Команда само за модератори, за тестове' },
  moderatorOnly: true,
  options: z.object({}),
  async run({ reply }) {
    await reply('moderator command ran', { ephemeral: true });
  },
});

// A feature standing in for the answer engine: answers a mention in its thread with buttons, and
// thanks whoever presses one by DM.
function testFeature(pressed: ButtonPressed[]): Feature {
  return defineFeature({
    name: 'test-answers',
    needs: ['repliers'],
    register(registry, { repliers }) {
      registry.on('message.posted', async (event) => {
        if (!event.mentionsBot) return;
        await repliers.forId(event.channelId).post(
          { channelId: event.channelId, threadOf: event.messageId },
          { text: 'Here is the answer.', buttons: [{ actionId: 'answer.helped', value: 'yes', label: 'Helpful' }, { actionId: 'answer.helped', value: 'no', label: 'Not helpful' }] },
        );
      });
      registry.on('button.pressed', async (event) => {
        pressed.push(event);
        await repliers.forId(event.actor.memberId).dm(event.actor.memberId, { text: 'Thanks for the feedback!' });
      });
    },
  });
}

type Transport = 'http' | 'socket';

interface Deliver {
  event(envelope: Record<string, unknown>, retry?: number): Promise<void>;
  command(fields: Record<string, string>): Promise<void>;
  action(payload: Record<string, unknown>): Promise<void>;
}

interface SlackRapport {
  slack: FakeSlack;
  app: TestApp;
  adapter: ObservedAdapter;
  deliver: Deliver;
  /** Signed HTTP requests to the receiver (HTTP transport only). */
  sender?: SlackSender;
  pressed: ButtonPressed[];
  close(): Promise<void>;
}

async function startRapportOnSlack(transport: Transport): Promise<SlackRapport> {
  const slack = await startFakeSlack();
  slack.addUser({ id: 'U1', name: 'ann', displayName: 'Ann' });
  slack.addUser({ id: 'U2', name: 'bob', displayName: 'Bob' });
  slack.addUser({ id: 'UADMIN', name: 'ada', displayName: 'Ada', isAdmin: true });
  slack.addUser({ id: 'UGROUP', name: 'gus', displayName: 'Gus' });
  slack.addUser({ id: 'ULISTED', name: 'lin', displayName: 'Lin' });
  slack.addUsergroup('S1', 'community-team', ['UGROUP']);
  const pressed: ButtonPressed[] = [];
  let slackAdapter: SlackAdapter | undefined;
  let adapter: ObservedAdapter | undefined;
  const app = await createTestApp({
    clock: fixedClock(new Date()),
    commands: [...allCommands, modOnly],
    // Recognition scores what /leaderboard and /rank show.
    features: [recognitionFeature, testFeature(pressed)],
    adapters: ({ repos }) => {
      slackAdapter = createSlackAdapter(
        {
          botToken: FAKE_BOT.token,
          signingSecret: SECRET,
          apiUrl: slack.apiUrl,
          port: 0,
          host: '127.0.0.1',
          moderators: ['ULISTED'],
          moderatorGroup: 'community-team',
          ...(transport === 'socket' ? { appToken: FAKE_BOT.appToken } : {}),
        },
        {
          logger: memoryLogger(),
          names: namesFromRepositories(repos),
        },
      );
      adapter = observeAdapter(slackAdapter);
      return [adapter];
    },
  });
  const close = async () => {
    await app.close();
    await slack.close();
  };
  if (transport === 'socket') {
    await slack.socket.connected();
    const deliver: Deliver = {
      event: async (envelope, retry) => void (await slack.socket.send('events_api', envelope, retry === undefined ? {} : { retryAttempt: retry })),
      command: async (fields) => void (await slack.socket.send('slash_commands', fields)),
      action: async (payload) => void (await slack.socket.send('interactive', payload)),
    };
    return { slack, app, adapter: adapter!, deliver, pressed, close };
  }
  const sender = createSlackSender(`http://127.0.0.1:${slackAdapter!.address()!.port}/slack/events`, SECRET);
  const ok = (response: { status: number }) => expect(response.status).toBe(200);
  const deliver: Deliver = {
    event: async (envelope, retry) => ok(await sender.event(envelope, retry === undefined ? {} : { retryNum: retry })),
    command: async (fields) => ok(await sender.command(fields)),
    action: async (payload) => ok(await sender.action(payload)),
  };
  return { slack, app, adapter: adapter!, deliver, sender, pressed, close };
}

const nowTs = (offset: number) => `${Math.floor(Date.now() / 1000) - 600 + offset}.000100`;

describe.each<Transport>(['http', 'socket'])('Rapport on Slack over %s', (transport) => {
  let slack: FakeSlack;
  let app: TestApp;
  let adapter: ObservedAdapter;
  let deliver: Deliver;
  let pressed: ButtonPressed[];
  let running: SlackRapport;

  beforeAll(async () => {
    running = await startRapportOnSlack(transport);
    ({ slack, app, adapter, deliver, pressed } = running);
  });

  afterAll(async () => {
    await running?.close();
  });

  const totalsFor = async (memberId: string) => (await app.repos.activity.totals(COMMUNITY, { limit: 100 })).find((t) => t.memberId === memberId);

  it('records a member message once, even when Slack redelivers it', async () => {
    const before = adapter.handled.events;
    const message = messageEvent({ user: 'U1', text: 'Hello everyone!', ts: nowTs(1) }, `Ev-${transport}-1`);
    await deliver.event(message);
    await deliver.event(message, 1);
    await adapter.eventsHandled(before + 2);
    expect(await totalsFor('slack:T1:U1')).toMatchObject({ displayName: 'Ann', count: 1 });
    expect((await app.repos.channels.get('slack:T1:C1'))?.name).toBe('general');
  });

  it('counts a message that is also an app mention once, and answers it in its thread with buttons', async () => {
    const before = adapter.handled.events;
    const ts = nowTs(2);
    await deliver.event(messageEvent({ user: 'U2', text: '<@UBOT> how do I join?', ts }));
    await deliver.event(appMentionEvent({ user: 'U2', text: '<@UBOT> how do I join?', ts }));
    await adapter.eventsHandled(before + 2);
    expect(await totalsFor('slack:T1:U2')).toMatchObject({ count: 1 });
    const reply = await slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts);
    expect(reply.args.channel).toBe('C1');
    const actions = (reply.args.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => [e.action_id, e.value])).toEqual([['answer.helped', 'yes'], ['answer.helped#1', 'no']]);
  });

  it('ignores its own messages and other bots', async () => {
    const before = adapter.handled.events;
    await deliver.event(messageEvent({ user: 'UBOT', bot_id: 'BBOT', text: 'Here is the answer.', ts: nowTs(3) }));
    await deliver.event(messageEvent({ user: 'U7', bot_id: 'B7', subtype: 'bot_message', text: 'deploy done', ts: nowTs(4) }));
    await deliver.event(messageEvent({ user: 'U1', text: 'after the bots', ts: nowTs(5) }));
    await adapter.eventsHandled(before + 1);
    expect(adapter.handled.events).toBe(before + 1);
    expect(await app.repos.members.get('slack:T1:UBOT')).toBeNull();
    expect(await app.repos.members.get('slack:T1:U7')).toBeNull();
  });

  it('answers a slash command through response_url, with members resolved from escaped mentions', async () => {
    const before = adapter.handled.commands;
    await deliver.command(slashCommand({ command: '/leaderboard', text: 'period:all', user: 'U2', responseUrl: slack.responseUrl(`lb-${transport}`) }));
    const body = await slack.waitForResponse(`lb-${transport}`);
    expect(body.response_type).toBe('in_channel');
    expect(String(body.text)).toContain('Ann');
    await deliver.command(slashCommand({ command: '/rank', text: '<@U1|ann>', user: 'U2', responseUrl: slack.responseUrl(`rank-${transport}`) }));
    expect(String((await slack.waitForResponse(`rank-${transport}`)).text)).toContain('Ann');
    // Typed without Slack's escaping, a name is looked up among the stored members.
    await deliver.command(slashCommand({ command: '/rank', text: '@ann', user: 'U2', responseUrl: slack.responseUrl(`rank-name-${transport}`) }));
    expect(String((await slack.waitForResponse(`rank-name-${transport}`)).text)).toContain('Ann');
    await adapter.commandsHandled(before + 3);
  });

  it('refuses a moderator-only command for a member, and allows it for an admin, a listed moderator and the moderator group', async () => {
    await deliver.command(slashCommand({ command: '/mod-only-test', user: 'U1', responseUrl: slack.responseUrl(`member-${transport}`) }));
    const refused = await slack.waitForResponse(`member-${transport}`);
    expect(refused).toMatchObject({ response_type: 'ephemeral' });
    expect(String(refused.text)).toContain('moderators only');
    for (const user of ['UADMIN', 'ULISTED', 'UGROUP']) {
      await deliver.command(slashCommand({ command: '/mod-only-test', user, responseUrl: slack.responseUrl(`${user}-${transport}`) }));
      expect(await slack.waitForResponse(`${user}-${transport}`)).toMatchObject({ text: 'moderator command ran', response_type: 'ephemeral' });
    }
    expect((await app.repos.members.get('slack:T1:UADMIN'))?.isModerator).toBe(true);
    expect((await app.repos.members.get('slack:T1:U1'))?.isModerator).toBe(false);
  });

  it('GIVEN a moderator WHEN they run /ambassadors, /feedback digest and /shoutout preview THEN only they see the results, while /leaderboard stays public', async () => {
    for (const [command, text] of [['/ambassadors', ''], ['/feedback', 'digest'], ['/shoutout', 'preview']] as const) {
      const id = `private-${command.slice(1)}-${transport}`;
      await deliver.command(slashCommand({ command, text, user: 'UADMIN', responseUrl: slack.responseUrl(id) }));
      expect(await slack.waitForResponse(id)).toMatchObject({ response_type: 'ephemeral' });
    }
    await deliver.command(slashCommand({ command: '/leaderboard', user: 'UADMIN', responseUrl: slack.responseUrl(`public-lb-${transport}`) }));
    expect(await slack.waitForResponse(`public-lb-${transport}`)).toMatchObject({ response_type: 'in_channel' });
  });

  it('delivers a button press to the core, which thanks the member by DM', async () => {
    const count = pressed.length;
    await deliver.action(blockActions({ user: 'U1', actionId: 'answer.helped#1', value: 'no' }));
    await slack.waitForCall('chat.postMessage', (c) => c.args.channel === 'DU1');
    expect(pressed.length).toBe(count + 1);
    expect(pressed.at(-1)).toMatchObject({ actionId: 'answer.helped', value: 'no', actor: { memberId: 'slack:T1:U1' } });
    expect(slack.callsTo('conversations.open').at(-1)?.args.users).toBe('U1');
  });

  it('waits out a 429 from Slack and sends the reply anyway', async () => {
    slack.rateLimitNext('chat.postMessage', 1);
    const ts = nowTs(6);
    await deliver.event(appMentionEvent({ user: 'U1', text: '<@UBOT> rate limits?', ts }));
    const reply = await slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts, 30_000);
    expect(reply.args.text).toBe('Here is the answer.');
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage' && c.rateLimited)).toHaveLength(1);
  });
});

describe('Rapport on Slack over http: request verification', () => {
  let running: SlackRapport;
  beforeAll(async () => {
    running = await startRapportOnSlack('http');
  });
  afterAll(async () => {
    await running?.close();
  });

  it('refuses forged signatures and requests older than five minutes with 401, storing nothing', async () => {
    const { sender, slack, app, adapter } = running;
    const forged = await sender!.event(messageEvent({ user: 'UFORGED', text: 'let me in', ts: nowTs(7) }), { signWith: 'not-the-secret' });
    const stale = await sender!.event(messageEvent({ user: 'UFORGED', text: 'old news', ts: nowTs(8) }), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    const forgedCommand = await sender!.command(slashCommand({ command: '/mod-only-test', user: 'UFORGED', responseUrl: slack.responseUrl('forged') }), { signWith: 'nope' });
    expect([forged.status, stale.status, forgedCommand.status]).toEqual([401, 401, 401]);
    // A correctly signed request right after them is processed, so the refused ones had their chance.
    await running.deliver.event(messageEvent({ user: 'U1', text: 'signed properly', ts: nowTs(9) }));
    await adapter.eventsHandled(1);
    expect(adapter.handled).toEqual({ events: 1, commands: 0 });
    expect(await app.repos.members.get('slack:T1:UFORGED')).toBeNull();
    expect(slack.responses.find((r) => r.id === 'forged')).toBeUndefined();
  });
});
