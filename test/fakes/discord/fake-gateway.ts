// A fake Discord gateway (API v10, JSON encoding, no compression) on a local WebSocket server:
// HELLO, heartbeat ACK, IDENTIFY -> READY -> GUILD_CREATE, dispatches with increasing sequence
// numbers, RECONNECT / dropped connections, and RESUME that replays what the client missed.
// Sharded like Discord: a session IDENTIFYs with shard [id, count] and gets only the guilds with
// (guild_id >> 22) % count === id; a guild's events go to that session alone.
// https://discord.com/developers/docs/events/gateway and .../events/gateway#sharding
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreatePayload, shardOf, snowflake, type FakeUser, type GuildFixture } from './fixtures.ts';

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
  /** Every guild (the first is `guild`). */
  guilds?: GuildFixture[];
  heartbeatIntervalMs?: number;
}

export interface GatewayRecord {
  op: number;
  d: unknown;
  /** The shard of the session the payload came on (known after IDENTIFY or RESUME). */
  shard?: number;
}

/** One shard's session: its socket, sequence numbers and history (for RESUME). */
class Session {
  readonly sessionId = `session-${snowflake()}`;
  socket: WebSocket | null = null;
  ready = false;
  sequence = 0;
  readonly history: Dispatch[] = [];
  replayFrom: number | null = null;
  constructor(
    readonly shard: number,
    readonly shardCount: number,
  ) {}
}

export class FakeGateway {
  readonly received: GatewayRecord[] = [];
  /** Dispatches sent, with the shard whose session carried them. */
  readonly delivered: Array<{ shard: number; t: string; d: any }> = [];
  /** Connections that closed: the shard of their session (if any), the close code and reason, and when. */
  readonly closes: Array<{ shard: number | null; code: number; reason: string; at: number }> = [];
  identifies = 0;
  resumes = 0;
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<number, Session>();
  private shardCount = 1;
  private readonly waiters: Array<{ test: () => boolean; resolve: () => void }> = [];

  constructor(
    server: Server,
    private readonly url: () => string,
    private readonly options: GatewayOptions,
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket) => this.accept(socket));
  }

  private get guilds(): GuildFixture[] {
    return this.options.guilds ?? [this.options.guild];
  }

  /** Shard 0's session id (the only one without sharding). */
  get sessionId(): string {
    return this.session(0).sessionId;
  }

  private session(shard: number): Session {
    let session = this.sessions.get(shard);
    if (!session) {
      session = new Session(shard, this.shardCount);
      this.sessions.set(shard, session);
    }
    return session;
  }

  /** The session a dispatch belongs to: its guild's shard, or shard 0 for events of no guild. */
  private sessionFor(d: unknown): Session {
    const guildId = d && typeof d === 'object' && 'guild_id' in d ? (d as { guild_id?: unknown }).guild_id : undefined;
    return this.session(typeof guildId === 'string' ? shardOf(guildId, this.shardCount) : 0);
  }

  /** Sends (or, while disconnected, queues) a dispatch event and returns its sequence number. */
  dispatch(t: string, d: unknown, session: Session = this.sessionFor(d)): number {
    const event: Dispatch = { s: ++session.sequence, t, d };
    session.history.push(event);
    if (session.ready && session.socket) this.send(session, event);
    return event.s;
  }

  /** Closes shard 0's connection with a resumable close code (4000 unknown error), like a network blip. */
  drop(code = 4000): void {
    const session = this.session(0);
    session.ready = false;
    session.socket?.close(code, 'fake drop');
    session.socket = null;
  }

  /** Asks the client to reconnect and resume (opcode 7), as Discord does before maintenance. */
  requestReconnect(): void {
    this.session(0).socket?.send(JSON.stringify({ op: OP.reconnect, d: null, s: null, t: null }));
  }

  /** On the next RESUME, replay from this sequence (as if the client's stored sequence were stale). */
  replayOnResumeFrom(seq: number): void {
    this.session(0).replayFrom = seq;
  }

  get lastSequence(): number {
    return this.session(0).sequence;
  }

  get connected(): boolean {
    return this.session(0).ready;
  }

  /** The shard ids with a ready session. */
  get readyShards(): number[] {
    return [...this.sessions.values()].filter((s) => s.ready).map((s) => s.shard).sort();
  }

  /** Resolves once `test` holds (checked after every payload the gateway receives). */
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
    let session: Session | null = null;
    socket.on('message', (data) => {
      session = this.onMessage(socket, session, JSON.parse(String(data)) as { op: number; d: any });
    });
    socket.on('close', (code, reason) => {
      this.closes.push({ shard: session?.shard ?? null, code, reason: String(reason), at: Date.now() });
      if (session && session.socket === socket) {
        session.socket = null;
        session.ready = false;
      }
    });
    socket.send(JSON.stringify({ op: OP.hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41250 }, s: null, t: null }));
  }

  /** Handles one payload; returns the session the socket now belongs to. */
  private onMessage(socket: WebSocket, current: Session | null, payload: { op: number; d: any }): Session | null {
    let session = current;
    const record: GatewayRecord = { op: payload.op, d: payload.d };
    this.received.push(record);
    switch (payload.op) {
      case OP.heartbeat:
        socket.send(JSON.stringify({ op: OP.heartbeatAck, d: null, s: null, t: null }));
        break;
      case OP.identify: {
        if (payload.d?.token !== this.options.token) {
          socket.close(4004, 'Authentication failed');
          return session;
        }
        const [shard, count] = Array.isArray(payload.d?.shard) ? (payload.d.shard as [number, number]) : [0, 1];
        if (count !== this.shardCount) {
          this.shardCount = count;
          this.sessions.clear();
        }
        session = this.session(shard);
        session.socket?.terminate();
        session.socket = socket;
        this.identifies++;
        this.identify(session);
        break;
      }
      case OP.resume: {
        const resumed = [...this.sessions.values()].find((s) => s.sessionId === payload.d?.session_id);
        if (!resumed || payload.d?.token !== this.options.token) {
          socket.send(JSON.stringify({ op: OP.invalidSession, d: false, s: null, t: null }));
          return session;
        }
        session = resumed;
        session.socket?.terminate();
        session.socket = socket;
        this.resumes++;
        this.resume(session, Number(payload.d.seq ?? 0));
        break;
      }
    }
    if (session) record.shard = session.shard;
    this.notify();
    return session;
  }

  private identify(session: Session): void {
    const { bot, applicationId } = this.options;
    const guilds = this.guilds.filter((g) => shardOf(g.id, this.shardCount) === session.shard);
    session.ready = true;
    this.dispatch('READY', {
      v: 10,
      user: { ...bot, verified: true, mfa_enabled: false, flags: 0 },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.sessionId,
      resume_gateway_url: this.url(),
      shard: [session.shard, this.shardCount],
      application: { id: applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      session_type: 'normal',
      auth: {},
      user_settings: {},
      geo_ordered_rtc_regions: [],
      guild_join_requests: [],
    }, session);
    for (const guild of guilds) this.dispatch('GUILD_CREATE', guildCreatePayload(guild), session);
  }

  private resume(session: Session, clientSeq: number): void {
    const from = session.replayFrom ?? clientSeq;
    session.replayFrom = null;
    for (const event of session.history) {
      if (event.s > from && !SESSION_EVENTS.has(event.t)) this.send(session, event);
    }
    session.ready = true;
    this.dispatch('RESUMED', null, session);
  }

  private send(session: Session, event: Dispatch): void {
    if (!session.socket) return;
    this.delivered.push({ shard: session.shard, t: event.t, d: event.d });
    session.socket.send(JSON.stringify({ op: OP.dispatch, d: event.d, s: event.s, t: event.t }));
  }
}
