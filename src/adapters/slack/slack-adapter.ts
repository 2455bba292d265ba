// The Slack adapter: a real Bolt App receiving the Events API over HTTP (signed requests on
// `port`) or over Socket Mode (when an app token is given), translating what arrives into core
// events and commands, and a Replier for what the core sends back.
//
// One workspace (SLACK_BOT_TOKEN) or many (OAuth, install-flow.ts): with OAuth, Bolt's authorize
// gives each request its workspace's token, and Rapport's own calls (replies, DMs, scheduled
// posts, users.info, the App Home) take the token of the team in the id they are for
// (workspace-clients.ts). Uninstalls and revoked tokens pause the community (workspace-listeners.ts).
//
// Acknowledging, over HTTP (processBeforeResponse: true) and over Socket Mode (socket-receiver.ts):
// Bolt sends its response when our listeners return. An event listener returns as soon as the event is kept (stored, or spooled
// while the database is away; the features go on after), so a 200 means the event cannot be lost,
// and an event that could not be kept gets a 500, which Slack redelivers. Commands, actions, views
// and shortcuts call ack() and return at once, their work going on in the background; the ones
// Rapport does not know are acknowledged too (listeners.ts). A delivery Slack repeats
// (X-Slack-Retry-Num) carries the same event_id, and storage records an event id once. Requests
// pass request-guard.ts (future timestamps, bodies that are not JSON objects) before Bolt.
// https://docs.slack.dev/apis/events-api/#responding  https://docs.slack.dev/apis/events-api/using-socket-mode
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, webApi, type Installation } from '@slack/bolt';
import type { AdapterHandlers, ChatAdapter, CommandInvocation } from '../../core/adapter.ts';
import { MESSAGE_ACTIONS } from '../../core/commands/message-actions.ts';
import { cleanHandlers } from '../../core/clean-input.ts';
import { systemClock, type Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { boltLogger } from './bolt-logger.ts';
import { registerFallbacks } from './fallback-listeners.ts';
import { KeepThenAckSocketReceiver } from './socket-receiver.ts';
import { FORM_CALLBACK_ID, formView } from './forms.ts';
import { registerShortcutListeners, type InvocationSource } from './shortcut-listeners.ts';
import { guardSlackRequest } from './request-guard.ts';
import { callSlack } from './errors.ts';
import { createSlackDirectory } from './slack-directory.ts';
import { publishHome } from './home-tab.ts';
import { createSlackReplier, type SlackReplier } from './slack-replier.ts';
import { installerReceiverOptions, type SlackOAuthOptions } from './install-flow.ts';
import { installedClients, singleTokenClients, type WorkspaceClients } from './workspace-clients.ts';
import { registerWorkspaceListeners } from './workspace-listeners.ts';
import { slackCommunityId } from './slack-ids.ts';
import { createSlackResponder, translateCommand, type NameLookup, type SlackCommandPayload } from './slash-command.ts';
import { slackChannelId, slackMemberId } from './slack-ids.ts';
import type { ChatEvent } from '../../core/events.ts';
import { translateBlockActions, translateEvent, type SlackBlockActions, type SlackEnvelope, type TranslateContext } from './translate.ts';

export interface SlackAdapterOptions {
  /** SLACK_BOT_TOKEN (xoxb-...): one workspace. Either this or `oauth`. */
  botToken?: string;
  /** Installable in many workspaces (Bolt's OAuth flow, HTTP only): each workspace's own token. */
  oauth?: SlackOAuthOptions;
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
  /** The workspace and bot user found by auth.test (after start; undefined with OAuth, where there are many). */
  identity(): { teamId: string; teamName?: string; botUserId: string } | undefined;
}

const FALLBACK_ERROR = 'Sorry, something went wrong. Please try again. / Съжаляваме, нещо се обърка. Моля, опитайте отново.';

export function createSlackAdapter(options: SlackAdapterOptions, deps: SlackAdapterDeps): SlackAdapter {
  const mode = options.appToken ? 'socket' : 'http';
  if (mode === 'http' && !options.signingSecret) throw new Error('The Slack adapter needs SLACK_SIGNING_SECRET for the Events API over HTTP (or SLACK_APP_TOKEN for Socket Mode).');
  if (!options.botToken === !options.oauth) throw new Error('The Slack adapter needs either SLACK_BOT_TOKEN (one workspace) or the OAuth settings (many workspaces), not both.');
  if (options.oauth && mode === 'socket') throw new Error('Installing in many workspaces (OAuth) needs the HTTP Events API: remove SLACK_APP_TOKEN.');
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
  const makeClient = (token: string | undefined): webApi.WebClient => {
    const made = new webApi.WebClient(token, clientOptions);
    made.on(webApi.WebClientEvent.RATE_LIMITED, (retryAfterSeconds: number, request: { url?: string }) => {
      const method = (request.url ?? '').split('/').pop() ?? 'unknown';
      logger.warn({ method, retryAfterSeconds }, 'slack: rate limited; waiting and retrying');
      deps.onRateLimited?.(method, retryAfterSeconds);
    });
    return made;
  };
  // Single-token mode: one client. OAuth: the installing workspace's client for each call.
  const oauth = options.oauth;
  const client = makeClient(options.botToken);
  const clients: WorkspaceClients = oauth ? installedClients({ botToken: (teamId) => oauth.installations.botToken(teamId), makeClient }) : singleTokenClients(client);
  const replier = createSlackReplier(clients.forTeam);
  const directory = createSlackDirectory({
    client: clients.forTeam,
    clock,
    logger,
    ...(options.moderators ? { moderators: options.moderators } : {}),
    ...(options.moderatorGroup ? { moderatorGroup: options.moderatorGroup } : {}),
  });
  let app: App | undefined;
  let server: Server | undefined;
  let bound: { host: string; port: number } | undefined;
  let identity: { teamId: string; teamName?: string; botUserId: string; botId?: string } | undefined;
  // Told when a workspace installs (or reinstalls) the app: its community is resumed.
  let onInstalled: ((installation: Installation) => Promise<void>) | undefined;

  function register(bolt: App, handlers: AdapterHandlers, base: TranslateContext): void {
    // Which workspace and bot a request is for: Bolt's authorize put them in the context (with
    // OAuth, from that workspace's installation; with one token, from auth.test).
    const ctxOf = (context: { teamId?: string; botUserId?: string; botId?: string }): TranslateContext => ({
      ...base,
      teamId: context.teamId ?? base.teamId,
      botUserId: context.botUserId ?? base.botUserId,
      ...(context.botId ?? base.botId ? { botId: context.botId ?? base.botId } : {}),
    });
    bolt.event(/^(message|app_mention|reaction_added|reaction_removed|member_joined_channel)$/, async ({ body, context }) => {
      const event = await translateEvent(body as unknown as SlackEnvelope, ctxOf(context));
      if (event) await untilKept(handlers, identity?.teamName ? { ...event, communityName: identity.teamName } : event);
    });

    bolt.command(/^\/.+/, async ({ command, ack, respond }) => {
      await ack();
      background('command', runCommand(command, respond));
    });

    registerWorkspaceListeners(bolt, {
      logger,
      handlers,
      directory,
      clients,
      ctxOf,
      ...(oauth ? { installations: oauth.installations } : {}),
      teamName: () => identity?.teamName,
      background,
    });

    async function runCommand(command: unknown, respond: (body: never) => Promise<unknown>): Promise<void> {
      const payload = command as unknown as SlackCommandPayload;
      await runInvocation(
        { channelId: slackChannelId(payload.team_id, payload.channel_id), memberId: slackMemberId(payload.team_id, payload.user_id), what: payload.command, triggerId: payload.trigger_id },
        respond,
        () =>
          translateCommand(payload, directory, {
            ...(identity?.teamName ? { teamName: identity.teamName } : {}),
            ...(deps.names ? { names: deps.names } : {}),
            ...(options.commandPrefix ? { commandPrefix: options.commandPrefix } : {}),
            now: clock.now(),
          }),
      );
    }

    registerShortcutListeners(bolt, {
      directory,
      clock,
      logger,
      ...(deps.names ? { names: deps.names } : {}),
      teamOf: (context) => ctxOf(context).teamId,
      teamName: () => identity?.teamName,
      background,
      runInvocation,
    });

    async function runInvocation(
      source: InvocationSource,
      respond: ((body: never) => Promise<unknown>) | undefined,
      translate: () => Promise<CommandInvocation>,
    ): Promise<void> {
      const { channelId, memberId } = source;
      const responder = createSlackResponder({
        respond: async (body) => {
          if (!respond) throw new Error('no response_url');
          return respond(body as never);
        },
        async fallback(message, ephemeral, error) {
          logger.warn({ err: error, command: source.what }, 'slack: response_url failed; replying through the Web API');
          if (ephemeral) await replier.ephemeral(channelId, memberId, message);
          else await replier.post({ channelId }, message);
        },
        uploadFile: async (message) => void (await replier.dm(memberId, message)),
      });
      try {
        await handlers.onCommand(await translate(), responder);
      } catch (error) {
        logger.error({ err: error, command: source.what, triggerId: source.triggerId }, 'slack: command failed');
        await responder.reply({ text: FALLBACK_ERROR }, { ephemeral: true });
      }
    }

    bolt.action({ type: 'block_actions' }, async ({ ack, body, context }) => {
      await ack();
      const ctx = ctxOf(context);
      const actions = body as unknown as SlackBlockActions;
      background('block action', (async () => {
        for (const event of await translateBlockActions(actions, ctx)) {
          // A button that opens a form (a modal) is not a press: the form's submission runs its command.
          const form = handlers.formFor && event.channelId && actions.trigger_id ? await handlers.formFor(event) : null;
          const view = form ? formView(form, event.channelId!) : null;
          if (view) {
            const teamClient = await clients.forTeam(ctx.teamId);
            await callSlack('views.open', () => teamClient.views.open({ trigger_id: actions.trigger_id!, view: view as never }));
          } else await handlers.onEvent(event);
        }
        // A press on the App Home tab: publish it again so the queues shown are current.
        const pressedIn = (body as { view?: { type?: string } }).view;
        if (pressedIn?.type === 'home') await refreshHome(ctx.teamId, actions.user.id);
      })());
    });

    async function refreshHome(teamId: string, userId: string): Promise<void> {
      if (!handlers.onHomeOpened) return;
      const actor = await directory.actor(teamId, userId);
      const view = await handlers.onHomeOpened({ communityId: slackCommunityId(teamId), actor });
      await publishHome(await clients.forTeam(teamId), userId, view);
    }

    // Last: what no listener above took is still acknowledged within Slack's 3 seconds.
    registerFallbacks(bolt, { logger, replier, teamId: () => identity?.teamId ?? '', shortcuts: MESSAGE_ACTIONS.map((action) => action.id), views: [FORM_CALLBACK_ID] });

    onInstalled = async (installation) => {
      const teamId = installation.team?.id;
      if (!teamId || !handlers.onCommunityStatus) return;
      clients.forget(teamId);
      await handlers.onCommunityStatus({ communityId: slackCommunityId(teamId), ...(installation.team?.name ? { communityName: installation.team.name } : {}), paused: false, reason: 'installed' });
    };

    bolt.error(async (error) => {
      logger.error({ err: error, code: (error as { code?: string }).code }, 'slack: listener failed');
      // An event that could not be kept must not be acknowledged: rethrown, Bolt's receiver answers 500.
      if (isNotKept(error)) throw error;
    });
  }

  /** Work after ack(): its failure is logged, never left unhandled. */
  function background(what: string, work: Promise<void>): void {
    work.catch((error: unknown) => logger.error({ err: error }, `slack: ${what} failed after it was acknowledged`));
  }

  /** Resolves once the event is kept (handlers call durable()), or when handling ends; rejects if it could not be kept. */
  function untilKept(handlers: AdapterHandlers, event: ChatEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let kept = false;
      handlers
        .onEvent(event, {
          durable() {
            kept = true;
            resolve();
          },
        })
        .then(resolve, (error: unknown) => {
          if (!kept) reject(new EventNotKeptError(event.eventId, error));
          else logger.error({ err: error, eventId: event.eventId }, 'slack: handling an event failed after it was kept');
        });
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
      // With OAuth there is no one workspace: each installation carries its team and bot user.
      const auth = oauth ? undefined : await callSlack('auth.test', () => client.auth.test());
      if (auth && (!auth.team_id || !auth.user_id)) throw new Error('auth.test did not return team_id and user_id; is SLACK_BOT_TOKEN a bot token (xoxb-)?');
      if (auth?.team_id && auth.user_id) identity = { teamId: auth.team_id, botUserId: auth.user_id, ...(auth.team ? { teamName: auth.team } : {}), ...(auth.bot_id ? { botId: auth.bot_id } : {}) };
      // Over HTTP our own server puts request-guard.ts in front of Bolt's receiver. Both receivers
      // acknowledge after the listeners returned (socket-receiver.ts for Socket Mode).
      const receiver =
        mode === 'http'
          ? new HTTPReceiver({
              signingSecret: options.signingSecret!,
              processBeforeResponse: true,
              logger: slackLogger,
              ...(options.routes?.length ? { customRoutes: options.routes } : {}),
              ...(oauth ? installerReceiverOptions(oauth, { ...(clientOptions.slackApiUrl ? { apiUrl: clientOptions.slackApiUrl } : {}), logger, onInstalled: (installation) => onInstalled?.(installation) ?? Promise.resolve() }) : {}),
            })
          : new KeepThenAckSocketReceiver({
              appToken: options.appToken!,
              logger: slackLogger,
              rapportLogger: logger,
              isNotKept,
              installerOptions: { clientOptions, ...(options.routes?.length ? { port: options.port ?? 3000 } : {}) },
              // With routes, Socket Mode serves them on an HTTP server of its own at `port`.
              ...(options.routes?.length ? { customRoutes: options.routes } : {}),
            });
      const bolt = new App({
        ...(options.botToken ? { token: options.botToken } : {}),
        ...(identity ? { botUserId: identity.botUserId } : {}),
        ...(identity?.botId ? { botId: identity.botId } : {}),
        clientOptions,
        logger: slackLogger,
        receiver,
      });
      const ctx: TranslateContext = { teamId: identity?.teamId ?? '', botUserId: identity?.botUserId ?? '', ...(identity?.botId ? { botId: identity.botId } : {}), directory };
      register(bolt, cleanHandlers(handlers), ctx);
      if (receiver instanceof KeepThenAckSocketReceiver) {
        // apps.connections.open with the app token; a revoked token fails here, not later.
        await callSlack('apps.connections.open', () => bolt.start());
      } else {
        server = await listen(receiver, options.port ?? 3000, options.host);
        const address = server.address() as AddressInfo | string | null;
        if (address && typeof address === 'object') bound = { host: address.address, port: address.port };
      }
      app = bolt;
      // One workspace with a working token: Rapport is installed there. A community paused by an
      // earlier app_uninstalled or tokens_revoked resumes once a new token is configured.
      if (identity && handlers.onCommunityStatus) {
        await handlers.onCommunityStatus({ communityId: slackCommunityId(identity.teamId), ...(identity.teamName ? { communityName: identity.teamName } : {}), paused: false, reason: 'token_valid' });
      }
      logger.info({ mode, teamId: identity?.teamId, oauth: Boolean(oauth), port: bound?.port }, 'slack: connected');
    },
    async stop() {
      const running = app;
      const listening = server;
      app = undefined;
      server = undefined;
      bound = undefined;
      if (listening) {
        listening.closeIdleConnections();
        await new Promise<void>((resolve) => listening.close(() => resolve()));
      } else if (running) await running.stop();
    },
  };

  function listen(receiver: HTTPReceiver, port: number, host?: string): Promise<Server> {
    const http = createServer((req, res) => {
      guardSlackRequest(req, res, { logger, now: () => clock.now() })
        .then((pass) => {
          if (pass) receiver.requestListener(req, res);
        })
        .catch((error: unknown) => {
          logger.error({ err: error, url: req.url }, 'slack: request failed before Bolt');
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
    });
    return new Promise((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, host, () => {
        http.off('error', reject);
        resolve(http);
      });
    });
  }
}

/** An event neither stored nor spooled: Slack must not get a 2xx for it. */
export class EventNotKeptError extends Error {
  constructor(
    readonly eventId: string,
    override readonly cause: unknown,
  ) {
    super(`Event ${eventId} could not be kept`);
    this.name = 'EventNotKeptError';
  }
}

function isNotKept(error: unknown): boolean {
  const seen = error as { original?: unknown; originals?: unknown[] } | undefined;
  return error instanceof EventNotKeptError || seen?.original instanceof EventNotKeptError || (seen?.originals ?? []).some((e) => e instanceof EventNotKeptError);
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
