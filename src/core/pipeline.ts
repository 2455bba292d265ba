// The event pipeline every adapter feeds: make sure the community, channel and member exist,
// record the activity once per platform event id (a redelivered event stops here), then hand
// the event to the features registered for it. Live adapters send one event at a time; history
// imports and replays send batches through the same path, one database round trip per batch.
import type { CommandInvocation } from './adapter.ts';
import { boundedCache } from './bounded-cache.ts';
import { activityOf } from './activity-of.ts';
import { actorOf, type ChatEvent } from './events.ts';
import type { EventContext, HandlerTable } from './feature.ts';
import { communityOf, parseId, type Platform } from './ids.ts';
import type { Logger } from './logger.ts';
import type { ActivityInput, CommunityRecord, Language, Repositories } from './ports.ts';
import type { ScoreProgress } from './recognition/score-progress.ts';

export interface PipelineDefaults {
  language: Language;
  timeZone: string;
}

export interface HandleOptions {
  /** Called once the batch's activity is stored (before the features run). */
  onStored?(): void;
  /**
   * History replays: return once the features have seen the batch, leaving what they wrote
   * behind (afterBatch) to be written while the next batch is stored. The next batch's features,
   * a command and `settle()` wait for it first, so nobody reads before it is written.
   */
  deferAfterBatch?: boolean;
}

/** A batch whose activity is stored, waiting for its features (Pipeline.routeBatch). */
export interface StoredBatch {
  events: ChatEvent[];
  communities: Map<string, CommunityRecord>;
  /** The events stored now (not before), with their activity row ids. */
  fresh: Map<string, number>;
}

export interface Pipeline {
  handle(event: ChatEvent, options?: HandleOptions): Promise<{ stored: boolean }>;
  /** Handles events in order; returns, per event, whether it was new (stored and routed). */
  handleBatch(events: ChatEvent[], options?: HandleOptions): Promise<boolean[]>;
  /**
   * handleBatch in two steps, for replays: store a batch, then route it; batches must be routed in
   * the order they were stored. A replay stores the next batch while the features see this one, so
   * a feature may find the next batch's members and activity already stored: the funnel counts
   * active days only up to the event it handles (nothing later, in a time-ordered export), and a
   * member's name or flags changed in the next batch may show a little early.
   */
  storeBatch(events: ChatEvent[], options?: Pick<HandleOptions, 'onStored'>): Promise<StoredBatch>;
  routeBatch(batch: StoredBatch, options?: Pick<HandleOptions, 'deferAfterBatch'>): Promise<boolean[]>;
  /** Waits for what a batch handled with `deferAfterBatch` still writes. */
  settle(): Promise<void>;
  /** Stores the invoker of a command; returns whether the invocation id is new. */
  admitCommand(invocation: CommandInvocation): Promise<{ community: CommunityRecord; language: Language; isNew: boolean }>;
  /** Forgets which members exist (after a privacy deletion their rows are gone and must be recreated). */
  forgetMembers(): void;
  /** Takes a community's changed settings (/settings language or time zone) for the events that follow. */
  communityChanged(community: CommunityRecord): void;
}

const LANGUAGE_TTL_MS = 60_000;
const COMMUNITY_TTL_MS = 60_000;

export interface PipelineDeps {
  /** Where communities, members, channels and activity are stored. */
  repos: Pick<Repositories, 'communities' | 'members' | 'channels' | 'activity'>;
  logger: Logger;
  handlers: HandlerTable;
  defaults: PipelineDefaults;
  /**
   * Runs once the features have seen every event of a batch: what they wrote behind during the
   * batch (answering's silent-question log rows) is stored before the batch counts as handled.
   * One write per batch in a replay; for a live event, right after that event.
   */
  afterBatch?: () => Promise<void>;
  /** Told which stored events the features have seen (score watermarks, score-progress.ts). */
  progress?: ScoreProgress;
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  const { repos, logger, handlers, defaults } = deps;
  const known = createKnownCache(50_000);

  // Known communities, members and channels map to the promise of their write: an event arriving
  // while another is still creating its member waits for that write instead of racing past it.
  // A name seen later (a guild first met through a message, then a command) replaces the id-name.
  function ensureCommunity(id: string, platform: Platform, name?: string): Promise<CommunityRecord> {
    const cached = known.communities.get(id);
    if (cached && !name) return cached;
    const write = (async () => {
      const current = cached ? await cached : await repos.communities.ensure({ id, platform, name: name ?? parseId(id).scope, language: defaults.language, timeZone: defaults.timeZone });
      return name && current.name !== name ? repos.communities.update(id, { name }) : current;
    })();
    known.communities.set(id, write);
    write.catch(() => known.communities.delete(id));
    return write;
  }

  /** Creates the members and channels of these events that this process has not seen yet. */
  async function ensureParticipants(events: ChatEvent[]): Promise<void> {
    const members = new Map<string, { id: string; communityId: string; platformId: string; displayName: string; isBot: boolean; isModerator: boolean }>();
    const channels = new Map<string, { id: string; communityId: string; name: string; named: boolean }>();
    const channelKeys: string[] = [];
    const waits = new Set<Promise<void>>();
    const memberKeys: string[] = [];
    for (const event of events) {
      const actor = actorOf(event);
      if (actor) {
        const key = `${actor.memberId}\u0000${actor.displayName}\u0000${actor.isBot}\u0000${actor.isModerator}`;
        const pending = known.members.get(key);
        if (pending) waits.add(pending);
        else if (!members.has(actor.memberId)) {
          memberKeys.push(key);
          members.set(actor.memberId, { id: actor.memberId, communityId: event.communityId, platformId: parseId(actor.memberId).local ?? actor.memberId, displayName: actor.displayName, isBot: actor.isBot, isModerator: actor.isModerator });
        }
      }
      if (event.channelId) {
        // Keyed by id and name: a channel first met without its name (a join) is renamed when a
        // later event carries the name.
        const named = event.type === 'message.posted' ? event.channelName : undefined;
        const key = `${event.channelId}\u0000${named ?? ''}`;
        const pending = known.channels.get(key) ?? (named ? undefined : known.channels.get(event.channelId));
        if (pending) waits.add(pending);
        else if (!channels.has(event.channelId)) {
          channelKeys.push(key);
          channels.set(event.channelId, { id: event.channelId, communityId: event.communityId, name: named ?? parseId(event.channelId).local ?? event.channelId, named: named !== undefined });
        }
      }
    }
    if (members.size > 0 || channels.size > 0) {
      const write = (async () => {
        await repos.members.ensureMany([...members.values()]);
        await repos.channels.ensureMany([...channels.values()]);
      })();
      for (const key of memberKeys) known.members.set(key, write);
      for (const key of channelKeys) known.channels.set(key, write);
      for (const id of channels.keys()) known.channels.set(id, write);
      write.catch(() => {
        // Forget them so the next event tries again; this batch fails with the error below.
        for (const key of memberKeys) known.members.delete(key);
        for (const key of channelKeys) known.channels.delete(key);
        for (const id of channels.keys()) known.channels.delete(id);
      });
      waits.add(write);
    }
    await Promise.all(waits);
  }

  // Members' own language preferences, loaded once per batch for members not seen in the last minute.
  const languages = boundedCache<string, { language: Language | null; at: number }>(50_000);
  async function loadLanguages(events: ChatEvent[]): Promise<void> {
    const now = Date.now();
    const missing = new Set<string>();
    for (const event of events) {
      const id = actorOf(event)?.memberId;
      const cached = id ? languages.get(id) : undefined;
      if (id && (!cached || now - cached.at > LANGUAGE_TTL_MS)) missing.add(id);
    }
    if (missing.size === 0) return;
    for (const [id, language] of await repos.members.languages([...missing])) languages.set(id, { language, at: now });
  }

  async function route(event: ChatEvent, community: CommunityRecord): Promise<void> {
    const list = handlers.handlersFor(event.type);
    if (list.length === 0) return;
    const actorId = actorOf(event)?.memberId;
    const language = (actorId ? languages.get(actorId)?.language : null) ?? community.language;
    const context: EventContext = { community, language };
    for (const handler of list) {
      try {
        await handler(event as never, context);
      } catch (error) {
        logger.error({ err: error, eventId: event.eventId, type: event.type }, 'feature failed on event');
      }
    }
  }

  // The previous batch's afterBatch when it was deferred (never rejects: its errors are logged).
  let pendingAfter: Promise<void> = Promise.resolve();

  async function runAfterBatch(events: number): Promise<void> {
    try {
      await deps.afterBatch!();
    } catch (error) {
      // Like a feature's failure: logged, and the events stay handled (what was not written is retried).
      logger.error({ err: error, events }, 'writing what the features kept for the batch failed');
    }
  }

  async function storeBatch(events: ChatEvent[], options: Pick<HandleOptions, 'onStored'> = {}): Promise<StoredBatch> {
    const communities = new Map<string, CommunityRecord>();
    for (const event of events) {
      if (!communities.has(event.communityId)) communities.set(event.communityId, await ensureCommunity(event.communityId, event.platform, event.communityName));
    }
    await ensureParticipants(events);
    const inputs: ActivityInput[] = [];
    for (const event of events) {
      const actor = actorOf(event);
      if (actor) inputs.push(activityOf(event, actor));
    }
    // The members' languages are read while the activity is written (one round trip instead of
    // two); for a redelivered event that read was not needed, and costs nothing but the read.
    const [fresh] = await Promise.all([repos.activity.recordMany(inputs), loadLanguages(events)]);
    options.onStored?.();
    if (deps.progress) for (const event of events) {
      const id = fresh.get(event.eventId);
      if (id !== undefined) deps.progress.stored(event.communityId, id);
    }
    return { events, communities, fresh };
  }

  // Takes the batch's `fresh` as its own: each id is removed as its event is routed.
  async function routeBatch({ events, communities, fresh }: StoredBatch, options: Pick<HandleOptions, 'deferAfterBatch'> = {}): Promise<boolean[]> {
    // The previous batch's writes (deferred) ran alongside this batch's storage; the features wait for them.
    await pendingAfter;
    const results: boolean[] = [];
    let routed = false;
    for (const event of events) {
      // A batch may carry the same event twice: only its first copy is new.
      const id = fresh.get(event.eventId);
      const isNew = fresh.delete(event.eventId);
      results.push(isNew);
      if (isNew) {
        await route(event, communities.get(event.communityId)!);
        if (id !== undefined) deps.progress?.routed(event.communityId, id);
        routed = true;
      } else logger.debug({ eventId: event.eventId }, 'duplicate event ignored');
    }
    if (routed && deps.afterBatch) {
      const after = runAfterBatch(events.length);
      if (options.deferAfterBatch) pendingAfter = after;
      else await after;
    }
    return results;
  }

  const handleBatch = async (events: ChatEvent[], options: HandleOptions = {}) => routeBatch(await storeBatch(events, options), options);

  return {
    async handle(event, options) {
      const [stored = false] = await handleBatch([event], options);
      return { stored };
    },
    handleBatch,
    storeBatch,
    routeBatch,
    settle: () => pendingAfter,
    forgetMembers() {
      known.members.clear();
      languages.clear();
    },
    communityChanged(community) {
      known.communities.set(community.id, Promise.resolve(community));
    },
    async admitCommand(invocation) {
      await pendingAfter;
      const communityId = invocation.communityId ?? communityOf(invocation.channelId);
      const community = await ensureCommunity(communityId, invocation.platform, invocation.communityName);
      await repos.members.ensureMany([
        { id: invocation.actor.memberId, communityId: community.id, platformId: parseId(invocation.actor.memberId).local ?? invocation.actor.memberId, displayName: invocation.actor.displayName, isBot: invocation.actor.isBot, isModerator: invocation.actor.isModerator },
      ]);
      await (known.channels.get(invocation.channelId) ??
        repos.channels.ensureMany([{ id: invocation.channelId, communityId: community.id, name: invocation.channelName ?? parseId(invocation.channelId).local ?? invocation.channelId, named: invocation.channelName !== undefined }]));
      const isNew = await repos.activity.record({
        platformEventId: invocation.invocationId,
        communityId: community.id,
        memberId: invocation.actor.memberId,
        channelId: invocation.channelId,
        kind: 'command',
        occurredAt: invocation.occurredAt,
        weight: 0,
      });
      const member = await repos.members.get(invocation.actor.memberId);
      // The community record may have changed (/settings): read it fresh for commands.
      const current = (await repos.communities.get(community.id)) ?? community;
      known.communities.set(current.id, Promise.resolve(current));
      return { community: current, language: member?.language ?? current.language, isNew };
    },
  };
}

function createKnownCache(limit: number) {
  // Least recently used entries go first when a cache is full (lru-cache).
  const bounded = <V extends {}>() => boundedCache<string, V>(limit);
  // Another process's /settings reaches this one within a minute; this process's at once (communityChanged).
  const communities = boundedCache<string, Promise<CommunityRecord>>(limit, { ttl: COMMUNITY_TTL_MS });
  return { communities, members: bounded<Promise<void>>(), channels: bounded<Promise<void>>() };
}
