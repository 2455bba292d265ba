// A fake Discord gateway (API v10, JSON encoding, no compression) on a local WebSocket server:
// HELLO, heartbeat ACK, IDENTIFY -> READY -> GUILD_CREATE, dispatches with increasing sequence
// numbers, RECONNECT / dropped connections, and RESUME that replays what the client missed.
// https://discord.com/developers/docs/events/gateway
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreatePayload, snowflake, type FakeUser, type GuildFixture } from './fixtures.ts';

const OP = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, reconnect: 7, invalidSession: 9, hello: 10, heartbeatAck: 11 } as const;

const SESSION_EVENTS = new Set(['READY', 'GUILD_CREATE', 'RESUMED']);

interface Dispatch {
  s: number;
  t: string;
  d: unknown;
}

export interface GatewayOptions {
  token: string;
  bot: FakeUser;
  applicationId: string;
  guild: GuildFixture;
  heartbeatIntervalMs?: number;
}

export interface GatewayRecord {
  op: number;
  d: unknown;
}

export class FakeGateway {
  readonly received: GatewayRecord[] = [];
  readonly sessionId = `session-${snowflake()}`;
  identifies = 0;
  resumes = 0;
  private readonly wss: WebSocketServer;
  private socket: WebSocket | null = null;
  private readonly history: Dispatch[] = [];
  private sequence = 0;
  private ready = false;
  private replayFrom: number | null = null;
  private readonly waiters: Array<{ test: () => boolean; resolve: () => void }> = [];

  constructor(
    server: Server,
    private readonly url: () => string,
    private readonly options: GatewayOptions,
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket) => this.accept(socket));
  }

  /** Sends (or, while disconnected, queues) a dispatch event and returns its sequence number. */
  dispatch(t: string, d: unknown): number {
    const event: Dispatch = { s: ++this.sequence, t, d };
    this.history.push(event);
    if (this.ready && this.socket) this.send(event);
    return event.s;
  }

  /** Closes the connection with a resumable close code (4000 unknown error), like a network blip. */
  drop(code = 4000): void {
    this.ready = false;
    this.socket?.close(code, 'fake drop');
    this.socket = null;
  }

  /** Asks the client to reconnect and resume (opcode 7), as Discord does before maintenance. */
  requestReconnect(): void {
    this.socket?.send(JSON.stringify({ op: OP.reconnect, d: null, s: null, t: null }));
  }

  /** On the next RESUME, replay from this sequence (as if the client's stored sequence were stale). */
  replayOnResumeFrom(seq: number): void {
    this.replayFrom = seq;
  }

  get lastSequence(): number {
    return this.sequence;
  }

  get connected(): boolean {
    return this.ready;
  }

  /** Resolves once the client has acknowledged (by its own heartbeats or a resume) or the session is ready. */
  waitFor(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.test()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  private accept(socket: WebSocket): void {
    if (this.socket) this.socket.terminate();
    this.socket = socket;
    this.ready = false;
    socket.on('message', (data) => this.onMessage(socket, JSON.parse(String(data)) as { op: number; d: any }));
    socket.on('close', () => {
      if (this.socket === socket) {
        this.socket = null;
        this.ready = false;
      }
    });
    socket.send(JSON.stringify({ op: OP.hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41250 }, s: null, t: null }));
  }

  private onMessage(socket: WebSocket, payload: { op: number; d: any }): void {
    this.received.push(payload);
    switch (payload.op) {
      case OP.heartbeat:
        socket.send(JSON.stringify({ op: OP.heartbeatAck, d: null, s: null, t: null }));
        break;
      case OP.identify:
        if (payload.d?.token !== this.options.token) {
          socket.close(4004, 'Authentication failed');
          return;
        }
        this.identifies++;
        this.identify();
        break;
      case OP.resume:
        if (payload.d?.session_id !== this.sessionId || payload.d?.token !== this.options.token) {
          socket.send(JSON.stringify({ op: OP.invalidSession, d: false, s: null, t: null }));
          return;
        }
        this.resumes++;
        this.resume(Number(payload.d.seq ?? 0));
        break;
    }
    this.notify();
  }

  private identify(): void {
    const { bot, applicationId, guild } = this.options;
    this.ready = true;
    this.dispatch('READY', {
      v: 10,
      user: { ...bot, verified: true, mfa_enabled: false, flags: 0 },
      guilds: [{ id: guild.id, unavailable: true }],
      session_id: this.sessionId,
      resume_gateway_url: this.url(),
      shard: [0, 1],
      application: { id: applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      session_type: 'normal',
      auth: {},
      user_settings: {},
      geo_ordered_rtc_regions: [],
      guild_join_requests: [],
    });
    this.dispatch('GUILD_CREATE', guildCreatePayload(guild));
  }

  private resume(clientSeq: number): void {
    const from = this.replayFrom ?? clientSeq;
    this.replayFrom = null;
    for (const event of this.history) {
      if (event.s > from && !SESSION_EVENTS.has(event.t)) this.send(event);
    }
    this.ready = true;
    this.dispatch('RESUMED', null);
  }

  private send(event: Dispatch): void {
    this.socket?.send(JSON.stringify({ op: OP.dispatch, d: event.d, s: event.s, t: event.t }));
  }
}
