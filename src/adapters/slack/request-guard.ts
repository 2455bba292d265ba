// Checks a request to the Events API path before Bolt's HTTPReceiver sees it. Bolt verifies the
// signature and refuses timestamps more than 5 minutes in the PAST only (verify-request.js); a
// request dated in the future passed. And a signed body that is valid JSON but not an object
// (`null`, `1`, `"x"`, `[]`) crashed the receiver (`body.ssl_check` on null) with an unhandled
// rejection. Here: future timestamps get 401 like stale ones, any body that is not a JSON object
// (or a form whose `payload` is not one) gets 400. The body read here is left on req.rawBody,
// where Bolt's receiver takes it instead of reading the stream again (bufferIncomingMessage).
// https://docs.slack.dev/authentication/verifying-requests-from-slack
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from '../../core/logger.ts';

/** Slack's window: a request more than 5 minutes from our clock, either way, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** Bolt's own default body limit (HTTPModuleFunctions.defaultBodyLimit is 10 MB). */
const BODY_LIMIT = 10 * 1024 * 1024;

export interface RequestGuardOptions {
  logger: Logger;
  now: () => Date;
  /** The Events API path(s) Bolt serves (default /slack/events). */
  paths?: readonly string[];
}

/** Returns true when Bolt should handle the request; otherwise the response has been written. */
export async function guardSlackRequest(req: IncomingMessage, res: ServerResponse, options: RequestGuardOptions): Promise<boolean> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'POST' || !(options.paths ?? ['/slack/events']).includes(path ?? '')) return true;
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  if (Number.isFinite(timestamp) && timestamp > Math.floor(options.now().getTime() / 1000) + MAX_CLOCK_SKEW_SECONDS) {
    options.logger.warn({ timestamp }, 'slack: request dated in the future refused');
    return refuse(res, 401);
  }
  const body = await readLimited(req);
  if (!body) return refuse(res, 413);
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
  if (!isObjectBody(body.toString('utf8'), req.headers['content-type'])) {
    options.logger.warn({ contentType: req.headers['content-type'], bytes: body.length }, 'slack: request body is not a JSON object; refused');
    return refuse(res, 400);
  }
  return true;
}

/** Mirrors Bolt's parseHTTPRequestBody: a form (with or without a JSON `payload`), else JSON. */
function isObjectBody(text: string, contentType: string | undefined): boolean {
  if (contentType === 'application/x-www-form-urlencoded') {
    const { payload } = parseQuery(text);
    return typeof payload === 'string' ? isJsonObject(payload) : true;
  }
  return isJsonObject(text);
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

async function readLimited(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function refuse(res: ServerResponse, status: number): false {
  res.writeHead(status);
  res.end();
  return false;
}
