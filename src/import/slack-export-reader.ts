// Reads a Slack workspace export folder (users.json, channels.json, <channel>/<YYYY-MM-DD>.json,
// https://slack.com/help/articles/220556107) and streams its messages in time order across all
// channels. Only one day's files are in memory at a time. Problems stop the read with a
// SlackExportError naming the file and the position (line:column for broken JSON, the message
// number for a malformed message). A ZIP export is read in place (zip-reader.ts), one file at a time.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RapportError } from '../core/errors.ts';
import { openZip, ZipError } from './zip-reader.ts';

export class SlackExportError extends RapportError {
  readonly file: string;
  readonly position: string | undefined;
  constructor(file: string, position: string | undefined, problem: string, options?: { cause?: unknown }) {
    super('import.slack_export.invalid', `${file}${position ? ` (${position})` : ''}: ${problem}`, options);
    this.name = 'SlackExportError';
    this.file = file;
    this.position = position;
  }
}

export interface SlackExportUser {
  id: string;
  name: string;
  displayName: string;
  isBot: boolean;
  deleted: boolean;
}

export interface SlackExportChannel {
  id: string;
  name: string;
}

export interface SlackExportReaction {
  name: string;
  users: string[];
}

export interface SlackExportMessage {
  channel: SlackExportChannel;
  /** Path of the day file relative to the export folder, and the message's index in it. */
  file: string;
  index: number;
  ts: string;
  at: Date;
  /** The posting user's id; for bot messages without one, the bot id. */
  userId: string;
  isBot: boolean;
  /** Display name (the user's, or the bot's username). */
  displayName: string;
  text: string;
  subtype?: string;
  /** Thread root ts when the message is in a thread (equal to ts for the root). */
  threadTs?: string;
  parentUserId?: string;
  /** User ids mentioned as <@U…> or <@U…|name>. */
  mentions: string[];
  reactions: SlackExportReaction[];
}

export interface SlackExport {
  /** The folder or ZIP file read. */
  dir: string;
  users: ReadonlyMap<string, SlackExportUser>;
  channels: readonly SlackExportChannel[];
  /** Number of day files found. */
  dayFiles: number;
  /** All messages of all channels, oldest first (ties keep channel and file order). */
  messages(): AsyncGenerator<SlackExportMessage>;
  /** Releases the ZIP file handle (no-op for folders). */
  close(): Promise<void>;
}

/** Where the export's files come from: a folder or a ZIP archive. Paths use "/". */
interface ExportSource {
  readText(file: string): Promise<string>;
  /** Names of the files directly inside `folder` ([] when it does not exist). */
  list(folder: string): Promise<string[]>;
  close(): Promise<void>;
}

function folderSource(dir: string): ExportSource {
  return {
    readText: (file) => readFile(join(dir, file), 'utf8'),
    list: (folder) => readdir(join(dir, folder)).catch(() => [] as string[]),
    close: async () => {},
  };
}

async function zipSource(path: string): Promise<ExportSource> {
  const zip = await openZip(path).catch((error: unknown) => {
    throw new SlackExportError(path, undefined, error instanceof ZipError ? error.message : `cannot open: ${String(error)}`, { cause: error });
  });
  // Some tools put everything under one top folder; find where users.json lives.
  const users = [...zip.entries.keys()].filter((name) => name === 'users.json' || name.endsWith('/users.json')).sort((a, b) => a.length - b.length)[0];
  const prefix = users ? users.slice(0, -'users.json'.length) : '';
  const folders = new Map<string, string[]>();
  for (const name of zip.entries.keys()) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length).split('/');
    if (rest.length !== 2 || !rest[1]) continue;
    const list = folders.get(rest[0] as string) ?? [];
    list.push(rest[1]);
    folders.set(rest[0] as string, list);
  }
  return {
    async readText(file) {
      try {
        return (await zip.read(prefix + file)).toString('utf8');
      } catch (error) {
        throw Object.assign(new Error(error instanceof Error ? error.message : String(error)), { code: error instanceof ZipError ? 'ZIP' : undefined });
      }
    },
    list: async (folder) => folders.get(folder) ?? [],
    close: () => zip.close(),
  };
}

const DAY_FILE_RE = /^(\d{4}-\d{2}-\d{2})\.json$/;
const TS_RE = /^(\d+)(?:\.(\d+))?$/;
const MENTION_RE = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/** Parses JSON, turning a syntax error into a SlackExportError with line:column. */
export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const match = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
    let position: string | undefined;
    if (match?.[1]) {
      const offset = Number(match[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      position = `line ${line}, column ${column}`;
    } else if (/end of JSON input/i.test(error instanceof Error ? error.message : '')) {
      position = 'end of file';
    }
    throw new SlackExportError(file, position, `broken JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function readJson(source: ExportSource, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await source.readText(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ZIP' ? (error as Error).message : (code ?? String(error));
    throw new SlackExportError(file, undefined, `cannot read: ${reason}`, { cause: error });
  }
  return parseJsonFile(file, text);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function readUsers(file: string, data: unknown): Map<string, SlackExportUser> {
  if (!Array.isArray(data)) throw new SlackExportError(file, undefined, 'expected an array of users');
  const users = new Map<string, SlackExportUser>();
  data.forEach((raw, i) => {
    const id = isRecord(raw) ? str(raw.id) : undefined;
    if (!isRecord(raw) || !id) throw new SlackExportError(file, `user #${i + 1}`, 'a user needs a string "id"');
    const profile = isRecord(raw.profile) ? raw.profile : {};
    const name = str(raw.name) ?? id;
    const displayName = str(profile.display_name) || str(profile.real_name) || str(raw.real_name) || name;
    users.set(id, { id, name, displayName, isBot: raw.is_bot === true, deleted: raw.deleted === true });
  });
  return users;
}

function readChannels(file: string, data: unknown): SlackExportChannel[] {
  if (!Array.isArray(data)) throw new SlackExportError(file, undefined, 'expected an array of channels');
  return data.map((raw, i) => {
    const id = isRecord(raw) ? str(raw.id) : undefined;
    const name = isRecord(raw) ? str(raw.name) : undefined;
    if (!id || !name) throw new SlackExportError(file, `channel #${i + 1}`, 'a channel needs string "id" and "name"');
    return { id, name };
  });
}

/** Compares Slack timestamps exactly ("1100574060.001000" has more digits than a double keeps). */
export function compareTs(a: string, b: string): number {
  const [, aSec = '0', aFrac = ''] = TS_RE.exec(a) ?? [];
  const [, bSec = '0', bFrac = ''] = TS_RE.exec(b) ?? [];
  if (aSec.length !== bSec.length) return aSec.length - bSec.length;
  if (aSec !== bSec) return aSec < bSec ? -1 : 1;
  const width = Math.max(aFrac.length, bFrac.length);
  const af = aFrac.padEnd(width, '0');
  const bf = bFrac.padEnd(width, '0');
  return af < bf ? -1 : af > bf ? 1 : 0;
}

function toMessage(
  raw: unknown,
  index: number,
  file: string,
  channel: SlackExportChannel,
  users: ReadonlyMap<string, SlackExportUser>,
  bots: ReadonlyMap<string, string>,
): SlackExportMessage {
  const where = `message #${index + 1}`;
  if (!isRecord(raw)) throw new SlackExportError(file, where, 'expected a message object');
  const ts = str(raw.ts);
  if (!ts || !TS_RE.test(ts)) throw new SlackExportError(file, where, `"ts" must be a Slack timestamp like "1100574060.001000", got ${JSON.stringify(raw.ts)}`);
  if (raw.text !== undefined && typeof raw.text !== 'string') throw new SlackExportError(file, `${where}, ts ${ts}`, '"text" must be a string');
  const botId = str(raw.bot_id);
  const username = str(raw.username);
  let userId = str(raw.user);
  if (!userId && botId) {
    // Bot posts carry bot_id and username; prefer the bot user of that name when the export has one.
    userId = bots.get(botId) ?? (username ? bots.get(`name:${username}`) : undefined) ?? botId;
  }
  if (!userId) throw new SlackExportError(file, `${where}, ts ${ts}`, 'a message needs "user" or "bot_id"');
  const user = users.get(userId);
  const text = str(raw.text) ?? '';
  const mentions: string[] = [];
  for (const m of text.matchAll(MENTION_RE)) if (m[1] && !mentions.includes(m[1])) mentions.push(m[1]);
  const reactions: SlackExportReaction[] = Array.isArray(raw.reactions)
    ? raw.reactions.filter(isRecord).map((r) => ({ name: str(r.name) ?? '', users: Array.isArray(r.users) ? r.users.filter((u): u is string => typeof u === 'string') : [] }))
    : [];
  const message: SlackExportMessage = {
    channel,
    file,
    index,
    ts,
    at: new Date(Math.round(Number(ts) * 1000)),
    userId,
    isBot: user?.isBot === true || !!botId || raw.subtype === 'bot_message',
    displayName: user?.displayName ?? username ?? userId,
    text,
    mentions,
    reactions,
  };
  const subtype = str(raw.subtype);
  if (subtype) message.subtype = subtype;
  const threadTs = str(raw.thread_ts);
  if (threadTs) message.threadTs = threadTs;
  const parent = str(raw.parent_user_id);
  if (parent) message.parentUserId = parent;
  return message;
}

/** Opens an export folder or ZIP file. Close it when done (ZIP keeps a file handle). */
export async function openSlackExport(dir: string): Promise<SlackExport> {
  const info = await stat(dir).catch((error: unknown) => {
    throw new SlackExportError(dir, undefined, `cannot open the export: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  });
  if (!info.isDirectory() && !dir.toLowerCase().endsWith('.zip')) throw new SlackExportError(dir, undefined, 'not a folder or a .zip file');
  const source = info.isDirectory() ? folderSource(dir) : await zipSource(dir);
  try {
    return await readExport(dir, source);
  } catch (error) {
    await source.close();
    throw error;
  }
}

async function readExport(dir: string, source: ExportSource): Promise<SlackExport> {
  const users = readUsers('users.json', await readJson(source, 'users.json'));
  const channels = readChannels('channels.json', await readJson(source, 'channels.json'));
  const bots = new Map<string, string>();
  for (const user of users.values()) {
    if (!user.isBot) continue;
    bots.set(`name:${user.name}`, user.id);
    bots.set(`B${user.id.slice(1)}`, user.id);
  }

  // date -> channels that have a file for it, in channels.json order.
  const byDate = new Map<string, SlackExportChannel[]>();
  for (const channel of channels) {
    const entries = await source.list(channel.name); // Slack omits empty channels
    for (const entry of entries) {
      const date = DAY_FILE_RE.exec(entry)?.[1];
      if (!date) continue;
      const list = byDate.get(date) ?? [];
      list.push(channel);
      byDate.set(date, list);
    }
  }
  const dates = [...byDate.keys()].sort();
  const dayFiles = [...byDate.values()].reduce((n, list) => n + list.length, 0);

  async function* messages(): AsyncGenerator<SlackExportMessage> {
    for (const date of dates) {
      const day: SlackExportMessage[] = [];
      for (const channel of byDate.get(date) ?? []) {
        const file = `${channel.name}/${date}.json`;
        const data = await readJson(source, file);
        if (!Array.isArray(data)) throw new SlackExportError(file, undefined, 'expected an array of messages');
        data.forEach((raw, i) => day.push(toMessage(raw, i, file, channel, users, bots)));
      }
      // Stable sort keeps channel and in-file order for equal timestamps.
      day.sort((a, b) => compareTs(a.ts, b.ts));
      yield* day;
    }
  }

  return { dir, users, channels, dayFiles, messages, close: () => source.close() };
}
