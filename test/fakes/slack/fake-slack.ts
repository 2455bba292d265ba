// A fake Slack for tests: the Web API methods Rapport calls (recording every call), response_url
// endpoints, file upload URLs, and a Socket Mode WebSocket that Bolt connects to after
// apps.connections.open. It listens on 127.0.0.1 with a free port.
import { once, EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const FAKE_TEAM = { id: 'T1', name: 'Fake Community' };
export const FAKE_BOT = { userId: 'UBOT', botId: 'BBOT', token: 'xoxb-fake', appToken: 'xapp-fake' };

export interface FakeUser {
  id: string;
  name?: string;
  displayName?: string;
  isBot?: boolean;
  isAdmin?: boolean;
  isOwner?: boolean;
}

/** Another workspace that can install the app through OAuth (oauth.v2.access with `code`). */
export interface FakeWorkspace {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  botId: string;
  /** The one-time code Slack would put on the redirect after consent. */
  code: string;
}

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  /** Answered with 429 (the client must come back). */
  rateLimited: boolean;
}

export interface SocketEnvelopeAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSlack {
  /** Base for SLACK_API_URL ("http://127.0.0.1:1234/api/"). */
  apiUrl: string;
  baseUrl: string;
  calls: RecordedCall[];
  /** Bodies posted to response_url, by response id. */
  responses: Array<{ id: string; body: Record<string, unknown> }>;
  uploads: Array<{ fileId: string; content: string }>;
  callsTo(method: string): RecordedCall[];
  /** Answers the next call of `method` with HTTP 429 and Retry-After. */
  rateLimitNext(method: string, retryAfterSeconds?: number): void;
  /** Makes `method` fail with a Slack platform error (ok: false) until cleared with null. */
  failWith(method: string, error: string | null): void;
  addUser(user: FakeUser): void;
  addChannel(id: string, name: string): void;
  addUsergroup(id: string, handle: string, users: string[]): void;
  /** A workspace that can install the app (OAuth); its token works once its code was exchanged. */
  addWorkspace(workspace: FakeWorkspace): void;
  /** Makes a bot token invalid (invalid_auth), as uninstalling or revoking does. */
  revokeToken(token: string): void;
  /** Client id and secret oauth.v2.access accepts. */
  oauthClient: { id: string; secret: string };
  responseUrl(id: string): string;
  /** Resolves when a call matching `method` (and predicate) has been recorded. */
  waitForCall(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  waitForResponse(id: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  socket: FakeSocketMode;
  close(): Promise<void>;
}

export interface FakeSocketMode {
  /** Resolves once a client has connected and received "hello". */
  connected(timeoutMs?: number): Promise<void>;
  /** Sends an envelope and resolves with the client's ack. */
  send(type: 'events_api' | 'slash_commands' | 'interactive', payload: Record<string, unknown>, extra?: { retryAttempt?: number }): Promise<SocketEnvelopeAck>;
  /** Asks the client to reconnect, as Slack does every few hours ("refresh_requested"); resolves once it has. */
  refresh(timeoutMs?: number): Promise<void>;
  connections: number;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const emitter = new EventEmitter();
  const calls: RecordedCall[] = [];
  const responses: FakeSlack['responses'] = [];
  const uploads: FakeSlack['uploads'] = [];
  const rateLimits = new Map<string, number>();
  const failures = new Map<string, string>();
  const users = new Map<string, FakeUser>();
  const channels = new Map<string, string>([['C1', 'general']]);
  const usergroups = new Map<string, { handle: string; users: string[] }>();
  const workspaces = new Map<string, FakeWorkspace>();
  const liveTokens = new Map<string, FakeWorkspace>();
  const oauthClient = { id: 'client-1', secret: 'client-secret-1' };
  let tsCounter = 0;
  let fileCounter = 0;
  let envelopeCounter = 0;
  let activeSocket: WebSocket | undefined;
  let connections = 0;
  const pendingAcks = new Map<string, (ack: SocketEnvelopeAck) => void>();
  const nextTs = () => `1700000000.${String(++tsCounter).padStart(6, '0')}`;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/socket')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws) => {
    activeSocket = ws;
    connections += 1;
    // Slack pings the client; without pings the Socket Mode client reconnects after 30 s.
    const pinger = setInterval(() => ws.ping(), 5000);
    ws.on('close', () => clearInterval(pinger));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as SocketEnvelopeAck;
      pendingAcks.get(message.envelope_id)?.(message);
      pendingAcks.delete(message.envelope_id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-slack', approximate_connection_time: 3600 }, connection_info: { app_id: 'A1' } }));
    emitter.emit('socket');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
    if (raw === '') return {};
    if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
    const args: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw)) {
      args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
    }
    return args;
  }

  function json(res: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const raw = await readBody(req);
    if (url.pathname.startsWith('/respond/')) {
      const id = url.pathname.slice('/respond/'.length);
      if (failures.get(`respond:${id}`)) return json(res, { ok: false, error: 'used_url' }, 404);
      responses.push({ id, body: JSON.parse(raw) as Record<string, unknown> });
      emitter.emit('response');
      return json(res, { ok: true });
    }
    if (url.pathname.startsWith('/upload/')) {
      // The WebClient posts the bytes as multipart/form-data; Slack also accepts a raw body.
      const contentType = req.headers['content-type'] ?? '';
      let content = raw;
      if (contentType.startsWith('multipart/form-data')) {
        const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
        const part = [...form.values()][0];
        content = typeof part === 'string' ? part : await (part as Blob).text();
      }
      uploads.push({ fileId: url.pathname.slice('/upload/'.length), content });
      res.writeHead(200).end('OK');
      return;
    }
    if (!url.pathname.startsWith('/api/')) return json(res, { ok: false, error: 'not_found' }, 404);
    const method = url.pathname.slice('/api/'.length);
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    const args = parseArgs(raw, req.headers['content-type']);
    const limited = rateLimits.get(method);
    const call: RecordedCall = { method, args, rateLimited: limited !== undefined, ...(token ? { token } : {}) };
    calls.push(call);
    emitter.emit('call');
    if (limited !== undefined) {
      rateLimits.delete(method);
      return json(res, { ok: false, error: 'ratelimited' }, 429, { 'retry-after': String(limited) });
    }
    const failure = failures.get(method);
    if (failure) return json(res, { ok: false, error: failure });
    if (method === 'oauth.v2.access') return json(res, exchange(args));
    const expected = method === 'apps.connections.open' ? FAKE_BOT.appToken : FAKE_BOT.token;
    const workspace = token ? liveTokens.get(token) : undefined;
    if (token !== expected && !workspace) return json(res, { ok: false, error: 'invalid_auth' });
    if (workspace && method === 'auth.test') return json(res, { ok: true, url: 'https://fake.slack.com/', team: workspace.teamName, team_id: workspace.teamId, user: 'rapport', user_id: workspace.botUserId, bot_id: workspace.botId });
    return json(res, answer(method, args));
  }

  // https://docs.slack.dev/reference/methods/oauth.v2.access: a code is good once.
  function exchange(args: Record<string, unknown>): Record<string, unknown> {
    if (args.client_id !== oauthClient.id || args.client_secret !== oauthClient.secret) return { ok: false, error: 'invalid_client_id' };
    const workspace = workspaces.get(String(args.code));
    if (!workspace) return { ok: false, error: 'invalid_code' };
    workspaces.delete(workspace.code);
    liveTokens.set(workspace.botToken, workspace);
    return {
      ok: true,
      app_id: 'A1',
      authed_user: { id: 'UINSTALLER' },
      scope: 'chat:write,commands,users:read',
      token_type: 'bot',
      access_token: workspace.botToken,
      bot_user_id: workspace.botUserId,
      team: { id: workspace.teamId, name: workspace.teamName },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: FAKE_TEAM.name, team_id: FAKE_TEAM.id, user: 'rapport', user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${port}/socket?ticket=${connections + 1}` };
      case 'chat.postMessage': {
        const ts = nextTs();
        return { ok: true, channel: args.channel, ts, message: { text: args.text, user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, ts, ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}) } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      case 'conversations.info': {
        const id = String(args.channel);
        const name = channels.get(id);
        return name ? { ok: true, channel: { id, name, is_channel: true } } : { ok: false, error: 'channel_not_found' };
      }
      case 'users.info': {
        const id = String(args.user);
        const user = users.get(id) ?? { id };
        const name = user.name ?? id.toLowerCase();
        return {
          ok: true,
          user: { id, team_id: FAKE_TEAM.id, name, real_name: name, is_bot: Boolean(user.isBot), is_admin: Boolean(user.isAdmin), is_owner: Boolean(user.isOwner), profile: { display_name: user.displayName ?? name, real_name: name } },
        };
      }
      case 'views.publish':
        return { ok: true, view: { id: 'V1', type: 'home', ...(args.view as object) } };
      case 'usergroups.list':
        return { ok: true, usergroups: [...usergroups].map(([id, g]) => ({ id, handle: g.handle, name: g.handle })) };
      case 'usergroups.users.list': {
        const group = usergroups.get(String(args.usergroup));
        return group ? { ok: true, users: group.users } : { ok: false, error: 'no_such_subteam' };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${++fileCounter}`;
        return { ok: true, upload_url: `${baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(args.files) ? args.files : []) as Array<{ id: string; title?: string }>;
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
      }
      case 'views.open': {
        // https://docs.slack.dev/reference/methods/views.open (the WebClient sends `view` as JSON text).
        if (!args.trigger_id) return { ok: false, error: 'invalid_arguments' };
        const view = typeof args.view === 'string' ? JSON.parse(args.view) : args.view;
        return { ok: true, view: { id: `V${calls.length}`, ...view } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  function waitUntil<T>(event: string, check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const found = check();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        emitter.off(event, listener);
        reject(new Error(`fake Slack: timed out waiting for ${what}`));
      }, timeoutMs);
      const listener = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        emitter.off(event, listener);
        resolve(value);
      };
      emitter.on(event, listener);
    });
  }

  const socket: FakeSocketMode = {
    get connections() {
      return connections;
    },
    connected: (timeoutMs = 20_000) => waitUntil('socket', () => (activeSocket ? true : undefined), timeoutMs, 'a Socket Mode connection').then(() => undefined),
    async refresh(timeoutMs = 20_000) {
      const old = activeSocket;
      if (!old) throw new Error('fake Slack: no Socket Mode client connected');
      const target = connections + 1;
      old.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake-slack' } }));
      await waitUntil('socket', () => (connections >= target && activeSocket !== old ? true : undefined), timeoutMs, 'the Socket Mode client to reconnect');
    },
    async send(type, payload, extra = {}) {
      if (!activeSocket) throw new Error('fake Slack: no Socket Mode client connected');
      const envelopeId = `env-${++envelopeCounter}`;
      const acked = new Promise<SocketEnvelopeAck>((resolve) => pendingAcks.set(envelopeId, resolve));
      activeSocket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          ...(type === 'events_api' ? { retry_attempt: extra.retryAttempt ?? 0, retry_reason: extra.retryAttempt ? 'timeout' : '' } : {}),
        }),
      );
      return acked;
    },
  };

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    calls,
    responses,
    uploads,
    socket,
    callsTo: (method) => calls.filter((c) => c.method === method && !c.rateLimited),
    rateLimitNext: (method, retryAfterSeconds = 1) => void rateLimits.set(method, retryAfterSeconds),
    failWith: (method, error) => void (error === null ? failures.delete(method) : failures.set(method, error)),
    addUser: (user) => void users.set(user.id, user),
    addChannel: (id, name) => void channels.set(id, name),
    addUsergroup: (id, handle, members) => void usergroups.set(id, { handle, users: members }),
    addWorkspace: (workspace) => void workspaces.set(workspace.code, workspace),
    revokeToken: (token) => void liveTokens.delete(token),
    oauthClient,
    responseUrl: (id) => `${baseUrl}/respond/${id}`,
    waitForCall: (method, predicate = () => true, timeoutMs = 20_000) =>
      waitUntil('call', () => calls.find((c) => c.method === method && !c.rateLimited && predicate(c)), timeoutMs, `a ${method} call`),
    waitForResponse: (id, timeoutMs = 20_000) => waitUntil('response', () => responses.find((r) => r.id === id)?.body, timeoutMs, `a response_url post to ${id}`),
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
