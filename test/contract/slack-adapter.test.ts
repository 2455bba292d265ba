// Proves the Slack adapter (the real Bolt App over the HTTP Events API, against the fake Slack) keeps the adapter contract.
import { webApi } from '@slack/bolt';
import { createSlackAdapter, toPlatformError } from '../../src/adapters/slack/index.ts';
import { createTestApp } from '../support/harness.ts';
import { FAKE_BOT, startFakeSlack } from '../fakes/slack/fake-slack.ts';
import { observeAdapter, type ObservedAdapter } from '../fakes/slack/observed-adapter.ts';
import { messageEvent, reactionEvent, slashCommand } from '../fakes/slack/payloads.ts';
import { memoryLogger } from '../fakes/slack/recording-handlers.ts';
import { createSlackSender } from '../fakes/slack/slack-sender.ts';
import { adapterContract, type ContractDriver } from './adapter-contract.ts';

const SECRET = 'contract-secret';

async function startSlack(): Promise<ContractDriver> {
  const slack = await startFakeSlack();
  const slackAdapter = createSlackAdapter({ botToken: FAKE_BOT.token, signingSecret: SECRET, apiUrl: slack.apiUrl, port: 0, host: '127.0.0.1' }, { logger: memoryLogger() });
  const adapter: ObservedAdapter = observeAdapter(slackAdapter);
  // createTestApp starts the adapters, so the receiver's port is known once it returns.
  const app = await createTestApp({ adapters: [adapter] });
  const sender = createSlackSender(`http://127.0.0.1:${slackAdapter.address()!.port}/slack/events`, SECRET);
  const userId = (member: { name: string; moderator?: boolean }) => {
    const id = `U${member.name.toUpperCase()}`;
    slack.addUser({ id, name: member.name, isAdmin: Boolean(member.moderator) });
    return id;
  };
  let seq = 0;
  const ts = () => `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
  return {
    app,
    async memberSays(member, text) {
      const handled = adapter.handled.events;
      await sender.event(messageEvent({ user: userId(member), text, ts: ts() }));
      await adapter.eventsHandled(handled + 1);
    },
    async botSays(text) {
      const handled = adapter.handled.events;
      await sender.event(messageEvent({ user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, text, ts: ts() }));
      // A reaction sent afterwards is handled once the bot's message had its turn.
      await sender.event(reactionEvent('reaction_added', { user: 'USENTINEL', reaction: 'eyes', ts: ts() }));
      await adapter.eventsHandled(handled + 1);
    },
    async command(member, line) {
      const [name = '', ...rest] = line.split(' ');
      const id = `contract-${++seq}`;
      await sender.command(slashCommand({ command: `/${name}`, text: rest.join(' '), user: userId(member), userName: member.name, responseUrl: slack.responseUrl(id) }));
      return String((await slack.waitForResponse(id)).text);
    },
    async close() {
      await app.close();
      await slack.close();
    },
  };
}

const platformError = (code: string) => Object.assign(new Error(code), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error: code } });

adapterContract({
  platform: 'slack',
  start: startSlack,
  toPlatformError: (error) => toPlatformError(error, 'chat.postMessage'),
  errorCases: [
    { error: platformError('channel_not_found'), code: 'channel_not_found', retryable: false },
    { error: platformError('cannot_dm_bot'), code: 'cannot_dm_bot', retryable: false },
    { error: platformError('internal_error'), code: 'internal_error', retryable: true },
    { error: Object.assign(new Error('rate limited'), { code: webApi.ErrorCode.RateLimitedError, retryAfter: 30 }), code: 'rate_limited', retryable: true },
    { error: Object.assign(new Error('bad gateway'), { code: webApi.ErrorCode.HTTPError, statusCode: 502 }), code: 'http_502', retryable: true },
    { error: Object.assign(new Error('ECONNREFUSED'), { code: webApi.ErrorCode.RequestError }), code: 'request_failed', retryable: true },
  ],
});
