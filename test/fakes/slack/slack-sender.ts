// Sends what Slack would send to Rapport's HTTP receiver: Events API callbacks (JSON), slash
// commands and interactivity payloads (form-encoded), each signed the way Slack signs them
// (v0 HMAC-SHA256 of "v0:<timestamp>:<body>"), and can forge signatures or send stale timestamps.
// https://docs.slack.dev/authentication/verifying-requests-from-slack
import { createHmac } from 'node:crypto';

export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Sign with this secret instead of the real one (a forged request). */
  signWith?: string;
  /** X-Slack-Retry-Num, as on Slack's redeliveries. */
  retryNum?: number;
}

export interface SlackResponse {
  status: number;
  body: string;
}

export interface SlackSender {
  event(envelope: Record<string, unknown>, options?: SendOptions): Promise<SlackResponse>;
  command(fields: Record<string, string>, options?: SendOptions): Promise<SlackResponse>;
  action(payload: Record<string, unknown>, options?: SendOptions): Promise<SlackResponse>;
  /** Any body, signed as given (malformed or hostile bodies). */
  raw(body: string, contentType: string, options?: SendOptions): Promise<SlackResponse>;
}

export function createSlackSender(url: string, signingSecret: string): SlackSender {
  async function send(body: string, contentType: string, options: SendOptions = {}): Promise<SlackResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.signWith ?? signingSecret, timestamp, body),
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const response = await fetch(url, { method: 'POST', headers, body });
    return { status: response.status, body: await response.text() };
  }
  return {
    event: (envelope, options) => send(JSON.stringify(envelope), 'application/json', options),
    command: (fields, options) => send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options),
    action: (payload, options) => send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options),
    raw: (body, contentType, options) => send(body, contentType, options),
  };
}
