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
});

export type RawConfig = z.output<typeof configSchema>;

export interface Config {
  env: RawConfig['NODE_ENV'];
  logLevel: RawConfig['LOG_LEVEL'];
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  redis: { url: string; prefix: string } | null;
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
  discord: { token: string; applicationId: string; apiUrl?: string; moderatorRole?: string } | null;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      problems.push(`${name} ${describeIssue(issue.message)} (got ${JSON.stringify(env[name] ?? '')}); fix it in .env or the environment, see .env.example`);
    }
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
  const scoring = raw.RAPPORT_SCORING_FILE ? readScoringFile(raw.RAPPORT_SCORING_FILE) : null;
  if (scoring && !scoring.ok) problems.push(...scoring.problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: raw.NODE_ENV,
    logLevel: raw.LOG_LEVEL,
    database: raw.DATABASE_URL ? { kind: 'postgres', url: raw.DATABASE_URL } : { kind: 'pglite', dataDir: raw.RAPPORT_DATA_DIR },
    redis: raw.REDIS_URL ? { url: raw.REDIS_URL, prefix: raw.RAPPORT_QUEUE_PREFIX } : null,
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
    discord:
      raw.DISCORD_TOKEN && raw.DISCORD_APPLICATION_ID
        ? {
            token: raw.DISCORD_TOKEN,
            applicationId: raw.DISCORD_APPLICATION_ID,
            ...(raw.DISCORD_API_URL ? { apiUrl: raw.DISCORD_API_URL } : {}),
            ...(raw.DISCORD_MODERATOR_ROLE ? { moderatorRole: raw.DISCORD_MODERATOR_ROLE } : {}),
          }
        : null,
  };
}

function describeIssue(message: string): string {
  if (message.startsWith('Invalid option')) return `is not one of the allowed values (${message.replace(/^Invalid option: expected one of /, '')})`;
  if (message.startsWith('Invalid input')) return 'is not valid';
  return message.startsWith('must') ? message : `is invalid: ${message}`;
}
