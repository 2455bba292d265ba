// Proves discord.js REST errors become PlatformErrors with stable codes: closed DMs and other 4xx are final, rate limits, 5xx and network errors retryable.
import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/core/errors.ts';
import { isDmClosed, toPlatformError } from '../../../src/adapters/discord/errors.ts';

const apiError = (code: number, status: number) => new DiscordAPIError({ code, message: 'nope' }, code, status, 'POST', 'https://discord.test/api/v10/x', { body: undefined, files: undefined });

describe('toPlatformError', () => {
  it('GIVEN 50007 THEN it is dm_closed and not retryable, keeping the cause', () => {
    const source = apiError(50007, 403);
    const mapped = toPlatformError(source, 'dm');
    expect(mapped).toBeInstanceOf(PlatformError);
    expect(mapped).toMatchObject({ code: 'platform.discord.dm_closed', platform: 'discord', retryable: false, cause: source });
    expect(isDmClosed(mapped)).toBe(true);
  });

  it('GIVEN other Discord errors THEN known codes are named and only 5xx/429 retry', () => {
    expect(toPlatformError(apiError(50013, 403), 'x')).toMatchObject({ code: 'platform.discord.missing_permissions', retryable: false });
    expect(toPlatformError(apiError(10062, 404), 'x')).toMatchObject({ code: 'platform.discord.unknown_interaction', retryable: false });
    expect(toPlatformError(apiError(0, 502), 'x')).toMatchObject({ code: 'platform.discord.server_error', retryable: true });
    expect(toPlatformError(apiError(0, 429), 'x')).toMatchObject({ code: 'platform.discord.rate_limited', retryable: true });
  });

  it('GIVEN an HTTP or network error THEN it is retryable; a PlatformError passes through', () => {
    const http = new HTTPError(503, 'Service Unavailable', 'GET', 'https://discord.test', { body: undefined, files: undefined });
    expect(toPlatformError(http, 'x')).toMatchObject({ code: 'platform.discord.server_error', retryable: true });
    expect(toPlatformError(new Error('ECONNRESET'), 'x')).toMatchObject({ code: 'platform.discord.network', retryable: true });
    const own = new PlatformError('discord', 'bad_target', 'x', { retryable: false });
    expect(toPlatformError(own, 'x')).toBe(own);
  });
});
