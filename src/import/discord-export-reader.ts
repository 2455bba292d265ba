// Reads DiscordChatExporter JSON files (https://github.com/Tyrrrz/DiscordChatExporter, one channel
// per file: { guild: {id, name}, channel: {id, name}, messages: [...] }) and turns them into the
// core's domain events with the ids the live Discord adapter uses, so history and live events
// are the same events ("discord:message:<id>"): importing twice, or importing what the bot already
// saw, stores nothing new. Problems stop with a DiscordExportError naming the file and position.
import { readFile } from 'node:fs/promises';
import type { Actor, MemberJoined, MessagePosted, ReactionChanged } from '../core/events.ts';
import { communityId as makeCommunityId, scopedId } from '../core/ids.ts';
import { RapportError } from '../core/errors.ts';
import { parseJsonFile, SlackExportError } from './slack-export-reader.ts';

export class DiscordExportError extends RapportError {
  readonly file: string;
  readonly position: string | undefined;
  constructor(file: string, position: string | undefined, problem: string, options?: { cause?: unknown }) {
    super('import.discord_export.invalid', `${file}${position ? ` (${position})` : ''}: ${problem}`, options);
    this.name = 'DiscordExportError';
    this.file = file;
    this.position = position;
  }
}

export interface DiscordExportUser {
  id: string;
  displayName: string;
  isBot: boolean;
}

export interface DiscordExportMessage {
  id: string;
  type: string;
  at: Date;
  author: DiscordExportUser;
  content: string;
  mentions: string[];
  /** The message this one replies to. */
  replyTo?: string;
  /** emoji: its name (what scoring reads); key: what the live adapter puts in the event id (a custom emoji's id, else its name). */
  reactions: Array<{ emoji: string; key: string; users: DiscordExportUser[] }>;
}

export interface DiscordExportFile {
  file: string;
  guild: { id: string; name: string };
  channel: { id: string; name: string };
  messages: DiscordExportMessage[];
}

export type DiscordExportEvent = MessagePosted | ReactionChanged | MemberJoined;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
// Message types that are conversation; joins become member.joined; the rest (pins, calls) is skipped.
const CONVERSATION = new Set(['Default', 'Reply', 'ThreadStarterMessage']);
const JOIN = 'GuildMemberJoin';

function user(raw: unknown, file: string, where: string): DiscordExportUser {
  const id = isRecord(raw) ? str(raw.id) : undefined;
  if (!isRecord(raw) || !id) throw new DiscordExportError(file, where, 'a user needs a string "id"');
  return { id, displayName: str(raw.nickname) ?? str(raw.name) ?? id, isBot: raw.isBot === true };
}

function message(raw: unknown, index: number, file: string): DiscordExportMessage {
  const where = `message #${index + 1}`;
  if (!isRecord(raw)) throw new DiscordExportError(file, where, 'expected a message object');
  const id = str(raw.id);
  if (!id) throw new DiscordExportError(file, where, 'a message needs a string "id"');
  const at = new Date(str(raw.timestamp) ?? Number.NaN);
  if (Number.isNaN(at.getTime())) throw new DiscordExportError(file, `${where}, id ${id}`, `"timestamp" must be an ISO date, got ${JSON.stringify(raw.timestamp)}`);
  if (raw.content !== undefined && typeof raw.content !== 'string') throw new DiscordExportError(file, `${where}, id ${id}`, '"content" must be a string');
  const mentions = Array.isArray(raw.mentions) ? raw.mentions.map((m, i) => user(m, file, `${where}, mention #${i + 1}`).id) : [];
  const reactions = Array.isArray(raw.reactions)
    ? raw.reactions.map((r, i) => {
        const raw = isRecord(r) && isRecord(r.emoji) ? r.emoji : undefined;
        const emoji = raw ? (str(raw.name) ?? str(raw.id)) : undefined;
        if (!isRecord(r) || !raw || !emoji) throw new DiscordExportError(file, `${where}, reaction #${i + 1}`, 'a reaction needs "emoji.name"');
        // Older exports give only a count: those reactions cannot be attributed and are skipped.
        const users = Array.isArray(r.users) ? r.users.map((u, j) => user(u, file, `${where}, reaction #${i + 1}, user #${j + 1}`)) : [];
        // DiscordChatExporter writes "" as the id of a Unicode emoji; the gateway sends null. Either
        // way the live adapter keys the reaction by the custom emoji's id, else by its name, so a
        // reaction seen live and then imported is one event, not two.
        return { emoji, key: str(raw.id) ?? emoji, users };
      })
    : [];
  const out: DiscordExportMessage = { id, type: str(raw.type) ?? 'Default', at, author: user(raw.author, file, `${where}, author`), content: str(raw.content) ?? '', mentions, reactions };
  const replyTo = isRecord(raw.reference) ? str(raw.reference.messageId) : undefined;
  if (replyTo) out.replyTo = replyTo;
  return out;
}

/** Parses and validates one export file; throws DiscordExportError with the file and position. */
export function parseDiscordExport(file: string, text: string): DiscordExportFile {
  let data: unknown;
  try {
    data = parseJsonFile(file, text);
  } catch (error) {
    if (error instanceof SlackExportError) throw new DiscordExportError(file, error.position, error.message.slice(error.message.indexOf(': ') + 2), { cause: error });
    throw error;
  }
  if (!isRecord(data)) throw new DiscordExportError(file, undefined, 'expected an object with "guild", "channel" and "messages"');
  const guildId = isRecord(data.guild) ? str(data.guild.id) : undefined;
  const channelId = isRecord(data.channel) ? str(data.channel.id) : undefined;
  if (!guildId || !channelId) throw new DiscordExportError(file, undefined, 'needs "guild.id" and "channel.id" (export a server channel, not a DM)');
  if (!Array.isArray(data.messages)) throw new DiscordExportError(file, undefined, '"messages" must be an array');
  const guild = { id: guildId, name: str((data.guild as Record<string, unknown>).name) ?? guildId };
  const channel = { id: channelId, name: str((data.channel as Record<string, unknown>).name) ?? channelId };
  const messages = data.messages.map((m, i) => message(m, i, file));
  messages.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { file, guild, channel, messages };
}

export async function readDiscordExport(file: string): Promise<DiscordExportFile> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new DiscordExportError(file, undefined, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  });
  return parseDiscordExport(file, text);
}

/** The events of one export file, oldest first, with the live adapter's ids. */
export function discordExportEvents(exp: DiscordExportFile): DiscordExportEvent[] {
  const guild = exp.guild.id;
  const community = makeCommunityId('discord', guild);
  const channelId = scopedId('discord', guild, exp.channel.id);
  const actor = (u: DiscordExportUser): Actor => ({ memberId: scopedId('discord', guild, u.id), displayName: u.displayName, isBot: u.isBot, isModerator: false });
  const authors = new Map<string, string>();
  const events: DiscordExportEvent[] = [];
  for (const m of exp.messages) {
    const base = { platform: 'discord' as const, communityId: community, occurredAt: m.at };
    authors.set(m.id, m.author.id);
    if (m.type === JOIN) {
      events.push({ ...base, type: 'member.joined', eventId: `discord:member:${guild}:${m.author.id}:join:${m.at.getTime()}`, member: actor(m.author), channelId });
      continue;
    }
    // The live adapter ignores bots and webhooks; so does the import.
    if (!CONVERSATION.has(m.type) || m.author.isBot) continue;
    const posted: MessagePosted = {
      ...base,
      type: 'message.posted',
      eventId: `discord:message:${m.id}`,
      channelId,
      channelName: exp.channel.name,
      messageId: m.id,
      author: actor(m.author),
      text: m.content,
      mentions: m.mentions.map((id) => scopedId('discord', guild, id)),
      mentionsBot: false,
    };
    if (m.replyTo) {
      posted.replyTo = { messageId: m.replyTo };
      const to = authors.get(m.replyTo);
      if (to) posted.replyTo.memberId = scopedId('discord', guild, to);
    }
    events.push(posted);
    for (const reaction of m.reactions) {
      for (const u of reaction.users) {
        if (u.isBot) continue;
        events.push({
          ...base,
          type: 'reaction.added',
          eventId: `discord:reaction:${m.id}:${u.id}:${reaction.key}:add`,
          channelId,
          messageId: m.id,
          actor: actor(u),
          emoji: reaction.emoji,
          targetMemberId: posted.author.memberId,
        });
      }
    }
  }
  return events;
}
