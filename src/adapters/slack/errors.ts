// Slack Web API errors -> PlatformError. The WebClient already waits out 429s (Retry-After) and
// retries network failures, so an error that reaches us is either final (a platform error such
// as channel_not_found) or the client gave up on a transient one (the job queue may retry that).
// https://docs.slack.dev/tools/node-slack-sdk/web-api/#handle-errors
import { webApi } from '@slack/bolt';
import { PlatformError } from '../../core/errors.ts';

/** Platform error codes worth retrying later; anything else will fail again the same way. */
const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

/** Platform error codes that mean the member cannot receive a DM from the bot. */
export const DM_CLOSED = new Set(['cannot_dm_bot', 'user_not_found', 'user_disabled', 'messages_tab_disabled', 'not_allowed_token_type']);

export function toPlatformError(error: unknown, method: string): PlatformError {
  if (error instanceof PlatformError) return error;
  const coded = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; message?: string };
  switch (coded?.code) {
    case webApi.ErrorCode.PlatformError: {
      const slackCode = coded.data?.error ?? 'unknown_error';
      return new PlatformError('slack', slackCode, `Slack ${method} failed: ${slackCode}`, { cause: error, retryable: TRANSIENT.has(slackCode) });
    }
    case webApi.ErrorCode.RateLimitedError:
      return new PlatformError('slack', 'rate_limited', `Slack ${method} was rate limited (retry after ${coded.retryAfter ?? '?'} s)`, { cause: error, retryable: true });
    case webApi.ErrorCode.HTTPError: {
      const status = coded.statusCode ?? 0;
      return new PlatformError('slack', `http_${status}`, `Slack ${method} answered HTTP ${status}`, { cause: error, retryable: status >= 500 || status === 429 });
    }
    case webApi.ErrorCode.RequestError:
      return new PlatformError('slack', 'request_failed', `Slack ${method} could not be reached: ${coded.message ?? 'network error'}`, { cause: error, retryable: true });
    default:
      return new PlatformError('slack', 'unexpected', `Slack ${method} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error, retryable: false });
  }
}

/** Runs one Web API call and converts its failure into a PlatformError. */
export async function callSlack<T>(method: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toPlatformError(error, method);
  }
}
