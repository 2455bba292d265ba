// The only module that reads process.env. One zod schema; a wrong or missing value stops
// start-up with a message naming each variable and how to fix it (never a stack trace).
import { z } from 'zod';
import { ConfigError } from './core/errors.ts';
import { canonicalTimeZone, isTimeZone } from './core/time-zone.ts';
import type { RecognitionConfigInput } from './core/recognition/recognition-config.ts';
import { readScoringFile } from './scoring-file.ts';

const csv = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []));

const optionalUrl = (protocols: string[], example: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || isUrl(v, protocols), { message: `must be a URL like ${example}` });

function isUrl(value: string, protocols: string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname.length > 0;
  } catch {
    return false;
  }
}

const emptyToUndefined = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:'], 'postgresql://user:password@host:5432/rapport'),
  RAPPORT_DATA_DIR: z.string().min(1).default('./data'),
  /** Where live events wait while the database is away (default RAPPORT_DATA_DIR/event-spool.jsonl). */
  RAPPORT_SPOOL_FILE: emptyToUndefined,
  REDIS_URL: optionalUrl(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  RAPPORT_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('rapport'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Where browsers reach Rapport (dashboard links); http://localhost:PORT when unset. */
  RAPPORT_PUBLIC_URL: optionalUrl(['http:', 'https:'], 'https://rapport.example.org'),
  RAPPORT_LANGUAGE: z.enum(['en', 'bg']).default('en'),
  RAPPORT_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine((tz) => isTimeZone(tz), { message: 'must be an IANA time zone such as Europe/Sofia or UTC' })
    .transform((tz) => canonicalTimeZone(tz) ?? tz),
  /** Console: who speaks first and who is a moderator there. */
  RAPPORT_CONSOLE_USER: z.string().min(1).default('you'),
  /** JSON file of recognition model overrides (scoring-file.ts). */
  RAPPORT_SCORING_FILE: emptyToUndefined,
  SLACK_BOT_TOKEN: emptyToUndefined.refine((v) => v === undefined || v.startsWith('xoxb-'), { message: 'must be a bot token starting with xoxb-' }),
  SLACK_SIGNING_SECRET: emptyToUndefined,
  /** OAuth (installable in many workspaces): Bolt's variable names. */
  SLACK_CLIENT_ID: emptyToUndefined,
  SLACK_CLIENT_SECRET: emptyToUndefined,
  SLACK_STATE_SECRET: emptyToUndefined.refine((v) => v === undefined || v.length >= 16, { message: 'must be at least 16 characters (for example the output of `openssl rand -hex 24`)' }),
  /** 32 bytes, base64 or hex: seals Slack installations' tokens in the database (AES-256-GCM). */
  RAPPORT_ENCRYPTION_KEY: emptyToUndefined
    .refine((v) => v === undefined || encryptionKey(v) !== null, {
      message: 'must be 32 random bytes written as 64 hex digits or 44 base64 characters (make one with `openssl rand -base64 32`)',
    })
    .transform((v) => (v === undefined ? undefined : encryptionKey(v)!)),
  SLACK_APP_TOKEN: emptyToUndefined.refine((v) => v === undefined || v.startsWith('xapp-'), { message: 'must be an app-level token starting with xapp-' }),
  SLACK_API_URL: optionalUrl(['http:', 'https:'], 'https://slack.com/api/'),
  SLACK_MODERATORS: csv,
  SLACK_MODERATOR_GROUP: emptyToUndefined,
  SLACK_COMMAND_PREFIX: z.string().regex(/^[a-z0-9_-]{0,10}$/, 'lower-case letters, digits, _ and - only, at most 10').default(''),
  DISCORD_TOKEN: emptyToUndefined,
  DISCORD_APPLICATION_ID: emptyToUndefined.refine((v) => v === undefined || /^\d{5,25}$/.test(v), { message: 'must be the numeric application id from the Discord developer portal' }),
  DISCORD_API_URL: optionalUrl(['http:', 'https:'], 'https://discord.com/api'),
  DISCORD_MODERATOR_ROLE: emptyToUndefined,
  /** Sharding: `rapport start` spawns one process per shard (discord.js ShardingManager). */
  DISCORD_SHARDS: emptyToUndefined.refine((v) => v === undefined || v === 'auto' || /^[1-9]\d{0,3}$/.test(v), { message: 'must be auto or a number of shards (1 to 9999)' }),
  /** One shard per process, started by hand or by an orchestrator: this process's shard and the total. */
  DISCORD_SHARD_ID: z.coerce.number().int().min(0, 'must be a shard id from 0').optional(),
  DISCORD_SHARD_COUNT: z.coerce.number().int().min(1, 'must be a number of shards from 1').optional(),
  /** Set by discord.js's ShardingManager in the processes it spawns (with SHARDS and SHARD_COUNT). */
  SHARDING_MANAGER: emptyToUndefined,
  SHARDS: emptyToUndefined,
  SHARD_COUNT: emptyToUndefined,
  /** Forum tag names that mark a post solved, besides the default English and Bulgarian ones (docs/learning.md). */
  SOLVED_TAGS: csv,
  /** Semantic search (optional): base URL of an OpenAI-compatible embeddings API; Rapport POSTs to <URL>/embeddings. */
  EMBEDDINGS_URL: optionalUrl(['http:', 'https:'], 'http://localhost:11434/v1'),
  EMBEDDINGS_MODEL: emptyToUndefined,
  EMBEDDINGS_API_KEY: emptyToUndefined,
  /** How long a question waits for its vector before word matching answers alone. */
  EMBEDDINGS_TIMEOUT_MS: z.coerce.number().int().min(100, 'must be at least 100 (milliseconds)').max(60_000, 'must be at most 60000 (milliseconds)').default(2000),
  /** Bearer token /metrics requires (Prometheus `authorization` credentials); open when unset. */
  METRICS_TOKEN: emptyToUndefined.refine((v) => v === undefined || /^[\x21-\x7e]{16,}$/.test(v), {
    message: 'must be at least 16 printable characters without spaces (for example the output of `openssl rand -hex 24`)',
  }),
  /** Serve /metrics on this port instead of PORT (then PORT answers 404 for it). */
  METRICS_PORT: emptyToUndefined
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535), { message: 'must be a port between 1 and 65535' })
    .transform((v) => (v === undefined ? undefined : Number(v))),
  /** Interface for METRICS_PORT (default 127.0.0.1: reachable from this machine only). */
  METRICS_HOST: emptyToUndefined,
});

export type RawConfig = z.output<typeof configSchema>;

export interface Config {
  env: RawConfig['NODE_ENV'];
  logLevel: RawConfig['LOG_LEVEL'];
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  redis: { url: string; prefix: string } | null;
  /** The event spool file (src/db/file-event-spool.ts). */
  spoolFile: string;
  port: number;
  /** Base URL of the dashboard links, without a trailing slash. */
  publicUrl: string;
  language: 'en' | 'bg';
  timeZone: string;
  /** dataDir: the console's log, line history and saved files (RAPPORT_DATA_DIR, whatever the database). */
  console: { user: string; dataDir: string };
  /** Recognition model overrides from RAPPORT_SCORING_FILE; null = Rapport's defaults. */
  scoring: RecognitionConfigInput | null;
  /** `botToken` for one workspace, or `oauth` for many (each workspace's token from its installation). */
  slack: {
    botToken?: string;
    oauth?: SlackOAuthConfig;
    signingSecret: string;
    appToken?: string;
    apiUrl?: string;
    moderators: string[];
    moderatorGroup?: string;
    commandPrefix: string;
  } | null;
  /** SLACK_COMMAND_PREFIX, also used when printing the manifest without tokens. */
  slackCommandPrefix: string;
  /** Forum tag names that mark a post solved, besides the defaults (SOLVED_TAGS). */
  solvedTags: string[];
  discord: DiscordConfig | null;
  /** /metrics: an optional bearer token, and an optional address of its own. */
  metrics: { token?: string; listen?: { port: number; host: string } };
  /** Semantic search through an OpenAI-compatible embeddings server; null = word matching only. */
  embeddings: EmbeddingsConfig | null;
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  apiUrl?: string;
  moderatorRole?: string;
  /** DISCORD_SHARDS: this process only spawns and watches one `rapport start` per shard. */
  spawnShards?: 'auto' | number;
  /** The one shard this process runs; `spawned` when a DISCORD_SHARDS parent started it. */
  shard?: { id: number; count: number; spawned: boolean };
}

export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** RAPPORT_ENCRYPTION_KEY, decoded: 32 bytes. */
  encryptionKey: Buffer;
}

/** RAPPORT_ENCRYPTION_KEY as bytes: 64 hex digits or base64 (either alphabet) of exactly 32 bytes; null otherwise. */
export function encryptionKey(value: string): Buffer | null {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : null;
}

export interface EmbeddingsConfig {
  /** Base URL without a trailing slash, e.g. http://localhost:11434/v1. */
  url: string;
  model: string;
  apiKey?: string;
  /** Per question; index builds allow more (see src/embeddings/openai-embeddings-client.ts). */
  timeoutMs: number;
}

/** Only the EMBEDDINGS_* variables (`rapport eval answers` reads these and nothing else). */
export function loadEmbeddingsConfig(env: Record<string, string | undefined> = process.env): EmbeddingsConfig | null {
  const keys = { EMBEDDINGS_URL: true, EMBEDDINGS_MODEL: true, EMBEDDINGS_API_KEY: true, EMBEDDINGS_TIMEOUT_MS: true } as const;
  const parsed = configSchema.pick(keys).safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => describeProblem(issue, env)));
  const problems = embeddingsProblems(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
  return embeddingsOf(parsed.data);
}

type EmbeddingsRaw = Pick<RawConfig, 'EMBEDDINGS_URL' | 'EMBEDDINGS_MODEL' | 'EMBEDDINGS_API_KEY' | 'EMBEDDINGS_TIMEOUT_MS'>;

function embeddingsProblems(raw: EmbeddingsRaw): string[] {
  if (raw.EMBEDDINGS_URL && !raw.EMBEDDINGS_MODEL) return ['EMBEDDINGS_MODEL is missing: name the embeddings model the server at EMBEDDINGS_URL runs (bge-m3 for Ollama, text-embedding-3-small for OpenAI), or remove EMBEDDINGS_URL for word matching only'];
  if (!raw.EMBEDDINGS_URL && (raw.EMBEDDINGS_MODEL || raw.EMBEDDINGS_API_KEY)) return ['EMBEDDINGS_URL is missing: set the base URL of the embeddings API (http://localhost:11434/v1 for Ollama, https://api.openai.com/v1), or remove EMBEDDINGS_MODEL and EMBEDDINGS_API_KEY'];
  return [];
}

function embeddingsOf(raw: EmbeddingsRaw): EmbeddingsConfig | null {
  if (!raw.EMBEDDINGS_URL || !raw.EMBEDDINGS_MODEL) return null;
  return { url: raw.EMBEDDINGS_URL.replace(/\/+$/, ''), model: raw.EMBEDDINGS_MODEL, ...(raw.EMBEDDINGS_API_KEY ? { apiKey: raw.EMBEDDINGS_API_KEY } : {}), timeoutMs: raw.EMBEDDINGS_TIMEOUT_MS };
}

const SECRETS = new Set(['RAPPORT_ENCRYPTION_KEY', 'SLACK_STATE_SECRET', 'SLACK_CLIENT_SECRET']);

function describeProblem(issue: { path: PropertyKey[]; message: string }, env: Record<string, string | undefined>): string {
  const name = String(issue.path[0] ?? 'environment');
  // Secrets are not echoed into logs: only how long the given value was.
  const got = SECRETS.has(name) ? `${(env[name] ?? '').length} characters` : JSON.stringify(env[name] ?? '');
  return `${name} ${describeIssue(issue.message)} (got ${got}); fix it in .env or the environment, see .env.example`;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(describeProblem(issue, env));
    throw new ConfigError(problems);
  }
  const raw = parsed.data;
  const oauthAny = raw.SLACK_CLIENT_ID || raw.SLACK_CLIENT_SECRET || raw.SLACK_STATE_SECRET;
  const slackAny = raw.SLACK_BOT_TOKEN || raw.SLACK_SIGNING_SECRET || raw.SLACK_APP_TOKEN || oauthAny;
  if (oauthAny) problems.push(...oauthProblems(raw));
  else if (slackAny && !raw.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN is missing: set the xoxb- token from your Slack app\'s "OAuth & Permissions" page (one workspace), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install in many workspaces, or remove the other SLACK_* variables');
  if (slackAny && !oauthAny && !raw.SLACK_SIGNING_SECRET && !raw.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET is missing: copy it from "Basic Information" of your Slack app (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if ((raw.DISCORD_TOKEN || raw.DISCORD_APPLICATION_ID) && !(raw.DISCORD_TOKEN && raw.DISCORD_APPLICATION_ID)) {
    problems.push(`${raw.DISCORD_TOKEN ? 'DISCORD_APPLICATION_ID' : 'DISCORD_TOKEN'} is missing: Discord needs both DISCORD_TOKEN and DISCORD_APPLICATION_ID (developer portal, your application)`);
  }
  problems.push(...embeddingsProblems(raw));
  const sharding = shardingOf(raw, problems);
  const scoring = raw.RAPPORT_SCORING_FILE ? readScoringFile(raw.RAPPORT_SCORING_FILE) : null;
  if (scoring && !scoring.ok) problems.push(...scoring.problems);
  if (raw.METRICS_HOST && raw.METRICS_PORT === undefined) problems.push('METRICS_HOST is set but METRICS_PORT is not: set METRICS_PORT too, or remove METRICS_HOST');
  if (raw.METRICS_PORT !== undefined && raw.METRICS_PORT === raw.PORT) problems.push(`METRICS_PORT is the same as PORT (${raw.PORT}): choose another port, or unset METRICS_PORT to serve /metrics on PORT`);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: raw.NODE_ENV,
    logLevel: raw.LOG_LEVEL,
    database: raw.DATABASE_URL ? { kind: 'postgres', url: raw.DATABASE_URL } : { kind: 'pglite', dataDir: raw.RAPPORT_DATA_DIR },
    redis: raw.REDIS_URL ? { url: raw.REDIS_URL, prefix: raw.RAPPORT_QUEUE_PREFIX } : null,
    spoolFile: raw.RAPPORT_SPOOL_FILE ?? `${raw.RAPPORT_DATA_DIR.replace(/\/+$/, '')}/event-spool.jsonl`,
    port: raw.PORT,
    publicUrl: (raw.RAPPORT_PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ''),
    language: raw.RAPPORT_LANGUAGE,
    timeZone: raw.RAPPORT_TIME_ZONE,
    console: { user: raw.RAPPORT_CONSOLE_USER, dataDir: raw.RAPPORT_DATA_DIR },
    scoring: scoring?.ok ? scoring.overrides : null,
    slack: slackAny
      ? {
          ...(oauthAny
            ? { oauth: { clientId: raw.SLACK_CLIENT_ID!, clientSecret: raw.SLACK_CLIENT_SECRET!, stateSecret: raw.SLACK_STATE_SECRET!, encryptionKey: raw.RAPPORT_ENCRYPTION_KEY! } }
            : { botToken: raw.SLACK_BOT_TOKEN! }),
          signingSecret: raw.SLACK_SIGNING_SECRET ?? '',
          ...(raw.SLACK_APP_TOKEN ? { appToken: raw.SLACK_APP_TOKEN } : {}),
          ...(raw.SLACK_API_URL ? { apiUrl: raw.SLACK_API_URL } : {}),
          moderators: raw.SLACK_MODERATORS,
          ...(raw.SLACK_MODERATOR_GROUP ? { moderatorGroup: raw.SLACK_MODERATOR_GROUP } : {}),
          commandPrefix: raw.SLACK_COMMAND_PREFIX,
        }
      : null,
    slackCommandPrefix: raw.SLACK_COMMAND_PREFIX,
    solvedTags: raw.SOLVED_TAGS,
    discord:
      raw.DISCORD_TOKEN && raw.DISCORD_APPLICATION_ID
        ? {
            token: raw.DISCORD_TOKEN,
            applicationId: raw.DISCORD_APPLICATION_ID,
            ...(raw.DISCORD_API_URL ? { apiUrl: raw.DISCORD_API_URL } : {}),
            ...(raw.DISCORD_MODERATOR_ROLE ? { moderatorRole: raw.DISCORD_MODERATOR_ROLE } : {}),
            ...sharding,
          }
        : null,
    embeddings: embeddingsOf(raw),
    metrics: {
      ...(raw.METRICS_TOKEN ? { token: raw.METRICS_TOKEN } : {}),
      ...(raw.METRICS_PORT !== undefined ? { listen: { port: raw.METRICS_PORT, host: raw.METRICS_HOST ?? '127.0.0.1' } } : {}),
    },
  };
}

/** DISCORD_SHARDS (spawn the shards), DISCORD_SHARD_ID/COUNT (run one), or a ShardingManager's child. */
function shardingOf(raw: RawConfig, problems: string[]): Pick<DiscordConfig, 'spawnShards' | 'shard'> {
  const spawnedId = raw.SHARDING_MANAGER === 'true' && raw.SHARDS !== undefined && raw.SHARD_COUNT !== undefined ? { id: Number(raw.SHARDS), count: Number(raw.SHARD_COUNT) } : null;
  const byHand = raw.DISCORD_SHARD_ID !== undefined || raw.DISCORD_SHARD_COUNT !== undefined;
  const wanted = spawnedId !== null || byHand || raw.DISCORD_SHARDS !== undefined;
  if (!wanted) return {};
  if (!raw.DISCORD_TOKEN) problems.push('DISCORD_SHARDS, DISCORD_SHARD_ID and DISCORD_SHARD_COUNT shard the Discord bot: set DISCORD_TOKEN and DISCORD_APPLICATION_ID too, or remove them');
  if (!raw.DATABASE_URL) problems.push('Discord shards run as several processes on one database: set DATABASE_URL to a PostgreSQL database (the embedded one serves a single process); REDIS_URL is recommended too');
  if (spawnedId) {
    if (!Number.isInteger(spawnedId.id) || !Number.isInteger(spawnedId.count) || spawnedId.id < 0 || spawnedId.id >= spawnedId.count) problems.push(`SHARDS=${raw.SHARDS} and SHARD_COUNT=${raw.SHARD_COUNT} (set by the shard manager) are not a valid shard`);
    return { shard: { ...spawnedId, spawned: true } };
  }
  if (byHand) {
    if (raw.DISCORD_SHARDS !== undefined) problems.push('DISCORD_SHARDS and DISCORD_SHARD_ID/DISCORD_SHARD_COUNT both set: use DISCORD_SHARDS to spawn every shard from one `rapport start`, or DISCORD_SHARD_ID with DISCORD_SHARD_COUNT to run one shard per process, not both');
    if (raw.DISCORD_SHARD_ID === undefined || raw.DISCORD_SHARD_COUNT === undefined) {
      problems.push(`${raw.DISCORD_SHARD_ID === undefined ? 'DISCORD_SHARD_ID' : 'DISCORD_SHARD_COUNT'} is missing: one shard per process needs both DISCORD_SHARD_ID (from 0) and DISCORD_SHARD_COUNT`);
      return {};
    }
    if (raw.DISCORD_SHARD_ID >= raw.DISCORD_SHARD_COUNT) problems.push(`DISCORD_SHARD_ID must be below DISCORD_SHARD_COUNT (got ${raw.DISCORD_SHARD_ID} of ${raw.DISCORD_SHARD_COUNT}): shard ids run from 0 to DISCORD_SHARD_COUNT - 1`);
    return { shard: { id: raw.DISCORD_SHARD_ID, count: raw.DISCORD_SHARD_COUNT, spawned: false } };
  }
  return { spawnShards: raw.DISCORD_SHARDS === 'auto' ? 'auto' : Number(raw.DISCORD_SHARDS) };
}

/** With OAuth on: every OAuth variable, the signing secret and the encryption key; no single token, no Socket Mode. */
function oauthProblems(raw: RawConfig): string[] {
  const problems: string[] = [];
  const where = 'from "Basic Information" of your Slack app';
  if (!raw.SLACK_CLIENT_ID) problems.push(`SLACK_CLIENT_ID is missing: copy the Client ID ${where}, or remove SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to use one SLACK_BOT_TOKEN`);
  if (!raw.SLACK_CLIENT_SECRET) problems.push(`SLACK_CLIENT_SECRET is missing: copy the Client Secret ${where}`);
  if (!raw.SLACK_STATE_SECRET) problems.push('SLACK_STATE_SECRET is missing: set a random string of at least 16 characters (openssl rand -hex 24); it signs the install links');
  if (!raw.SLACK_SIGNING_SECRET) problems.push(`SLACK_SIGNING_SECRET is missing: copy the Signing Secret ${where}`);
  if (!raw.RAPPORT_ENCRYPTION_KEY) problems.push('RAPPORT_ENCRYPTION_KEY is missing: installing in many workspaces keeps each workspace\'s token encrypted in the database; set 32 random bytes (openssl rand -base64 32) and keep it safe: without it the stored installations cannot be read');
  if (raw.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID: with OAuth each workspace\'s token comes from its installation; remove SLACK_BOT_TOKEN (or the SLACK_CLIENT_* variables for one workspace)');
  if (raw.SLACK_APP_TOKEN) problems.push('SLACK_APP_TOKEN is set together with SLACK_CLIENT_ID: installing in many workspaces uses the HTTP Events API; remove SLACK_APP_TOKEN');
  return problems;
}

function describeIssue(message: string): string {
  if (message.startsWith('Invalid option')) return `is not one of the allowed values (${message.replace(/^Invalid option: expected one of /, '')})`;
  if (message.startsWith('Invalid input')) return 'is not valid';
  return message.startsWith('must') ? message : `is invalid: ${message}`;
}
