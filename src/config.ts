// The only module that reads process.env. One zod schema; a wrong or missing value stops
// start-up with a message naming each variable and how to fix it (never a stack trace).
import { z } from 'zod';
import { ConfigError } from './core/errors.ts';
import { isTimeZone } from './core/time-zone.ts';
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
    .refine((tz) => isTimeZone(tz), { message: 'must be an IANA time zone such as Europe/Sofia or UTC' }),
  /** Console: who speaks first and who is a moderator there. */
  RAPPORT_CONSOLE_USER: z.string().min(1).default('you'),
  /** JSON file of recognition model overrides (scoring-file.ts). */
  RAPPORT_SCORING_FILE: emptyToUndefined,
  SLACK_BOT_TOKEN: emptyToUndefined.refine((v) => v === undefined || v.startsWith('xoxb-'), { message: 'must be a bot token starting with xoxb-' }),
  SLACK_SIGNING_SECRET: emptyToUndefined,
  SLACK_APP_TOKEN: emptyToUndefined.refine((v) => v === undefined || v.startsWith('xapp-'), { message: 'must be an app-level token starting with xapp-' }),
  SLACK_API_URL: optionalUrl(['http:', 'https:'], 'https://slack.com/api/'),
  SLACK_MODERATORS: csv,
  SLACK_MODERATOR_GROUP: emptyToUndefined,
  SLACK_COMMAND_PREFIX: z.string().regex(/^[a-z0-9_-]{0,10}$/, 'lower-case letters, digits, _ and - only, at most 10').default(''),
  DISCORD_TOKEN: emptyToUndefined,
  DISCORD_APPLICATION_ID: emptyToUndefined.refine((v) => v === undefined || /^\d{5,25}$/.test(v), { message: 'must be the numeric application id from the Discord developer portal' }),
  DISCORD_API_URL: optionalUrl(['http:', 'https:'], 'https://discord.com/api'),
  DISCORD_MODERATOR_ROLE: emptyToUndefined,
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
  slack: { botToken: string; signingSecret: string; appToken?: string; apiUrl?: string; moderators: string[]; moderatorGroup?: string; commandPrefix: string } | null;
  /** SLACK_COMMAND_PREFIX, also used when printing the manifest without tokens. */
  slackCommandPrefix: string;
  /** Forum tag names that mark a post solved, besides the defaults (SOLVED_TAGS). */
  solvedTags: string[];
  discord: { token: string; applicationId: string; apiUrl?: string; moderatorRole?: string } | null;
  /** /metrics: an optional bearer token, and an optional address of its own. */
  metrics: { token?: string; listen?: { port: number; host: string } };
  /** Semantic search through an OpenAI-compatible embeddings server; null = word matching only. */
  embeddings: EmbeddingsConfig | null;
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

function describeProblem(issue: { path: PropertyKey[]; message: string }, env: Record<string, string | undefined>): string {
  const name = String(issue.path[0] ?? 'environment');
  return `${name} ${describeIssue(issue.message)} (got ${JSON.stringify(env[name] ?? '')}); fix it in .env or the environment, see .env.example`;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(describeProblem(issue, env));
    throw new ConfigError(problems);
  }
  const raw = parsed.data;
  const slackAny = raw.SLACK_BOT_TOKEN || raw.SLACK_SIGNING_SECRET || raw.SLACK_APP_TOKEN;
  if (slackAny && !raw.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN is missing: set the xoxb- token from your Slack app\'s "OAuth & Permissions" page, or remove the other SLACK_* variables');
  if (slackAny && !raw.SLACK_SIGNING_SECRET && !raw.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET is missing: copy it from "Basic Information" of your Slack app (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if ((raw.DISCORD_TOKEN || raw.DISCORD_APPLICATION_ID) && !(raw.DISCORD_TOKEN && raw.DISCORD_APPLICATION_ID)) {
    problems.push(`${raw.DISCORD_TOKEN ? 'DISCORD_APPLICATION_ID' : 'DISCORD_TOKEN'} is missing: Discord needs both DISCORD_TOKEN and DISCORD_APPLICATION_ID (developer portal, your application)`);
  }
  problems.push(...embeddingsProblems(raw));
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
    slack: raw.SLACK_BOT_TOKEN
      ? {
          botToken: raw.SLACK_BOT_TOKEN,
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
          }
        : null,
    embeddings: embeddingsOf(raw),
    metrics: {
      ...(raw.METRICS_TOKEN ? { token: raw.METRICS_TOKEN } : {}),
      ...(raw.METRICS_PORT !== undefined ? { listen: { port: raw.METRICS_PORT, host: raw.METRICS_HOST ?? '127.0.0.1' } } : {}),
    },
  };
}

function describeIssue(message: string): string {
  if (message.startsWith('Invalid option')) return `is not one of the allowed values (${message.replace(/^Invalid option: expected one of /, '')})`;
  if (message.startsWith('Invalid input')) return 'is not valid';
  return message.startsWith('must') ? message : `is invalid: ${message}`;
}
