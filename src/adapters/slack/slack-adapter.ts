// The Slack adapter: a real Bolt App receiving the Events API over HTTP (signed requests on
// `port`) or over Socket Mode (when an app token is given), translating what arrives into core
// events and commands, and a Replier for what the core sends back.
//
// Acknowledging: Bolt acks events before our listeners run (processBeforeResponse: false), so
// Slack gets its 200 within milliseconds; commands and buttons call ack() first. A delivery Slack
// repeats (X-Slack-Retry-Num) carries the same event_id, and storage records an event id once.
// https://docs.slack.dev/apis/events-api/#responding  https://docs.slack.dev/apis/events-api/using-socket-mode
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, webApi } from '@slack/bolt';
import type { AdapterHandlers, ChatAdapter } from '../../core/adapter.ts';
import { cleanHandlers } from '../../core/clean-input.ts';
import { systemClock, type Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { boltLogger } from './bolt-logger.ts';
import { callSlack } from './errors.ts';
import { createSlackDirectory } from './slack-directory.ts';
import { createSlackReplier, type SlackReplier } from './slack-replier.ts';
import { createSlackResponder, translateCommand, type NameLookup, type SlackCommandPayload } from './slash-command.ts';
import { slackChannelId, slackMemberId } from './slack-ids.ts';
import { translateBlockActions, translateEvent, type SlackBlockActions, type SlackEnvelope, type TranslateContext } from './translate.ts';

export interface SlackAdapterOptions {
  /** SLACK_BOT_TOKEN (xoxb-...). */
  botToken: string;
  /** SLACK_SIGNING_SECRET; required for the HTTP Events API. */
  signingSecret?: string;
  /** SLACK_APP_TOKEN (xapp-...); when set, Rapport connects over Socket Mode instead of HTTP. */
  appToken?: string;
  /** SLACK_API_URL: Web API base ("https://slack.com/api/" by default; GovSlack, proxies, tests). */
  apiUrl?: string;
  /** PORT for the HTTP Events API (default 3000; 0 picks a free port). */
  port?: number;
  /** Interface to listen on (default all). */
  host?: string;
  /** SLACK_MODERATORS: user ids that are always moderators. */
  moderators?: readonly string[];
  /** SLACK_MODERATOR_GROUP: user group id or handle whose members are moderators. */
  moderatorGroup?: string;
  /** The prefix the manifest put before every command (slackManifest's commandPrefix). */
  commandPrefix?: string;
  /** Log Slack's own debug output. */
  debug?: boolean;
  /**
   * Extra HTTP routes (/healthz, /metrics, a dashboard) served on the same port as the Events API.
   * In Socket Mode they get their own server on `port`.
   */
  routes?: SlackHttpRoute[];
}

export interface SlackHttpRoute {
  path: string;
  method: string | string[];
  handler(req: IncomingMessage, res: ServerResponse): void;
}

export interface SlackAdapterDeps {
  logger: Logger;
  clock?: Clock;
  /** Resolves command arguments Slack did not escape ("@ann", "general") by name. */
  names?: NameLookup;
  /** Told about every 429 the Web API client waits out (for metrics); it is also logged. */
  onRateLimited?(method: string, retryAfterSeconds: number): void;
}

export interface SlackAdapter extends ChatAdapter {
  readonly replier: SlackReplier;
  readonly mode: 'http' | 'socket';
  /** Where the HTTP receiver listens (after start; undefined in Socket Mode). */
  address(): { host: string; port: number } | undefined;
  /** The workspace and bot user found by auth.test (after start). */
  identity(): { teamId: string; teamName?: string; botUserId: string } | undefined;
}

const FALLBACK_ERROR = 'Sorry, something went wrong. Please try again. / Съжаляваме, нещо се обърка. Моля, опитайте отново.';

export function createSlackAdapter(options: SlackAdapterOptions, deps: SlackAdapterDeps): SlackAdapter {
  const mode = options.appToken ? 'socket' : 'http';
  if (mode === 'http' && !options.signingSecret) throw new Error('The Slack adapter needs SLACK_SIGNING_SECRET for the Events API over HTTP (or SLACK_APP_TOKEN for Socket Mode).');
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger.child({ adapter: 'slack' });
  const slackLogger = boltLogger(logger, options.debug ? LogLevel.DEBUG : LogLevel.INFO);
  // rejectRateLimitedCalls: false makes the WebClient wait Retry-After and try again on a 429
  // instead of failing the call. https://docs.slack.dev/apis/web-api/rate-limits
  const clientOptions: webApi.WebClientOptions = {
    rejectRateLimitedCalls: false,
    logger: slackLogger,
    ...(options.apiUrl ? { slackApiUrl: withTrailingSlash(options.apiUrl) } : {}),
  };
  const client = new webApi.WebClient(options.botToken, clientOptions);
  client.on(webApi.WebClientEvent.RATE_LIMITED, (retryAfterSeconds: number, request: { url?: string }) => {
    const method = (request.url ?? '').split('/').pop() ?? 'unknown';
    logger.warn({ method, retryAfterSeconds }, 'slack: rate limited; waiting and retrying');
    deps.onRateLimited?.(method, retryAfterSeconds);
  });
  const replier = createSlackReplier(client);
  const directory = createSlackDirectory({
    client,
    clock,
    logger,
    ...(options.moderators ? { moderators: options.moderators } : {}),
    ...(options.moderatorGroup ? { moderatorGroup: options.moderatorGroup } : {}),
  });
  let app: App | undefined;
  let bound: { host: string; port: number } | undefined;
  let identity: { teamId: string; teamName?: string; botUserId: string; botId?: string } | undefined;

  function register(bolt: App, handlers: AdapterHandlers, ctx: TranslateContext): void {
    bolt.event(/^(message|app_mention|reaction_added|reaction_removed|member_joined_channel)$/, async ({ body }) => {
      const event = await translateEvent(body as unknown as SlackEnvelope, ctx);
      if (event) await handlers.onEvent(identity?.teamName ? { ...event, communityName: identity.teamName } : event);
    });

    bolt.command(/^\/.+/, async ({ command, ack, respond }) => {
      await ack();
      const payload = command as unknown as SlackCommandPayload;
      const channelId = slackChannelId(payload.team_id, payload.channel_id);
      const memberId = slackMemberId(payload.team_id, payload.user_id);
      const responder = createSlackResponder({
        respond: (body) => respond(body as never),
        async fallback(message, ephemeral, error) {
          logger.warn({ err: error, command: payload.command }, 'slack: response_url failed; replying through the Web API');
          if (ephemeral) await replier.ephemeral(channelId, memberId, message);
          else await replier.post({ channelId }, message);
        },
        uploadFile: async (message) => void (await replier.dm(memberId, message)),
      });
      try {
        const invocation = await translateCommand(payload, directory, {
          ...(identity?.teamName ? { teamName: identity.teamName } : {}),
          ...(deps.names ? { names: deps.names } : {}),
          ...(options.commandPrefix ? { commandPrefix: options.commandPrefix } : {}),
          now: clock.now(),
        });
        await handlers.onCommand(invocation, responder);
      } catch (error) {
        logger.error({ err: error, command: payload.command, triggerId: payload.trigger_id }, 'slack: command failed');
        await responder.reply({ text: FALLBACK_ERROR }, { ephemeral: true });
      }
    });

    bolt.action({ type: 'block_actions' }, async ({ ack, body }) => {
      await ack();
      for (const event of await translateBlockActions(body as unknown as SlackBlockActions, ctx)) await handlers.onEvent(event);
    });

    bolt.error(async (error) => {
      logger.error({ err: error, code: (error as { code?: string }).code }, 'slack: listener failed');
    });
  }

  return {
    platform: 'slack',
    mode,
    replier,
    address: () => bound,
    identity: () => identity,
    async start(handlers) {
      if (app) throw new Error('The Slack adapter is already started');
      // auth.test tells us which workspace the token belongs to and the bot's own user id
      // (to ignore our own messages and notice mentions). https://docs.slack.dev/reference/methods/auth.test
      const auth = await callSlack('auth.test', () => client.auth.test());
      if (!auth.team_id || !auth.user_id) throw new Error('auth.test did not return team_id and user_id; is SLACK_BOT_TOKEN a bot token (xoxb-)?');
      identity = { teamId: auth.team_id, botUserId: auth.user_id, ...(auth.team ? { teamName: auth.team } : {}), ...(auth.bot_id ? { botId: auth.bot_id } : {}) };
      const bolt = new App({
        token: options.botToken,
        botUserId: auth.user_id,
        ...(auth.bot_id ? { botId: auth.bot_id } : {}),
        clientOptions,
        logger: slackLogger,
        ...(options.routes?.length ? { customRoutes: options.routes } : {}),
        // With routes, Socket Mode serves them on an HTTP server of its own at `port`.
        ...(mode === 'socket' && options.routes?.length ? { port: options.port ?? 3000 } : {}),
        ...(mode === 'socket'
          ? { socketMode: true, appToken: options.appToken }
          : { signingSecret: options.signingSecret, processBeforeResponse: false }),
      });
      const ctx: TranslateContext = { teamId: auth.team_id, botUserId: auth.user_id, ...(auth.bot_id ? { botId: auth.bot_id } : {}), directory };
      register(bolt, cleanHandlers(handlers), ctx);
      if (mode === 'socket') {
        // apps.connections.open with the app token; a revoked token fails here, not later.
        await callSlack('apps.connections.open', () => bolt.start());
      } else {
        const server = (await bolt.start({ port: options.port ?? 3000, ...(options.host ? { host: options.host } : {}) })) as { address(): AddressInfo | string | null };
        const address = server.address();
        if (address && typeof address === 'object') bound = { host: address.address, port: address.port };
      }
      app = bolt;
      logger.info({ mode, teamId: auth.team_id, port: bound?.port }, 'slack: connected');
    },
    async stop() {
      const running = app;
      app = undefined;
      bound = undefined;
      if (running) await running.stop();
    },
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
