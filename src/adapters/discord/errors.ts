// Maps discord.js / @discordjs/rest errors to PlatformError with a stable code and a retry hint.
// Discord's JSON error codes: https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { PlatformError } from '../../core/errors.ts';

/** Discord JSON error codes Rapport reacts to, and the PlatformError code each becomes. */
const KNOWN_CODES: Record<number, string> = {
  10003: 'unknown_channel',
  10007: 'unknown_member',
  10008: 'unknown_message',
  10013: 'unknown_user',
  10062: 'unknown_interaction',
  40060: 'interaction_already_acknowledged',
  50001: 'missing_access',
  50007: 'dm_closed',
  50013: 'missing_permissions',
  50035: 'invalid_form_body',
};

export function toPlatformError(error: unknown, action: string): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof DiscordAPIError) {
    const known = typeof error.code === 'number' ? KNOWN_CODES[error.code] : undefined;
    const code = known ?? (error.status === 429 ? 'rate_limited' : error.status >= 500 ? 'server_error' : 'api_error');
    // 4xx answers will not change on retry (and 401/403/429 count towards Discord's invalid-request
    // limit of 10,000 per 10 minutes), so only rate limits and server errors are retryable.
    const retryable = code === 'rate_limited' || code === 'server_error';
    return new PlatformError('discord', code, `${action} failed: ${error.message} (Discord ${error.status}, code ${error.code})`, { cause: error, retryable });
  }
  if (error instanceof HTTPError) {
    const retryable = error.status >= 500 || error.status === 429;
    return new PlatformError('discord', retryable ? 'server_error' : 'http_error', `${action} failed: HTTP ${error.status}`, { cause: error, retryable });
  }
  if (error instanceof RateLimitError) {
    return new PlatformError('discord', 'rate_limited', `${action} was rate limited for ${error.retryAfter} ms`, { cause: error, retryable: true });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PlatformError('discord', 'network', `${action} failed: ${message}`, { cause: error, retryable: true });
}

/** True when the error is Discord refusing a DM because the member closed DMs or blocked the bot. */
export function isDmClosed(error: unknown): boolean {
  return error instanceof PlatformError && error.code === 'platform.discord.dm_closed';
}
