// Input hygiene at the edge: text from members, platforms and imported files loses NUL (U+0000)
// and the other C0 control characters (except \n and \t; \r\n becomes \n), and a lone surrogate
// becomes U+FFFD, before anything stores or compares it. PostgreSQL refuses NUL in text ("invalid
// byte sequence ... 0x00"), so one NUL in a message used to fail a whole multi-row write; the
// others only hide text from people.
// Adapters wrap their handlers with cleanHandlers; importers call cleanInput on what they read.
import type { AdapterHandlers } from './adapter.ts';

// U+0000-U+0008, U+000B, U+000C, U+000E-U+001F and DEL (U+007F); \t and \n stay.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no u flag).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, 'g');
// The same with \r: almost no text has any, and it is returned as it is after one scan.
const NEEDS_CLEANING = /[\u0000-\u0008\u000B-\u001F\u007F]/;

/** The text with each lone surrogate (half an emoji) replaced by U+FFFD; the same string when there is none. */
export function wellFormed(value: string): string {
  return LONE_SURROGATE.test(value) ? value.replace(LONE_SURROGATE_ALL, '\uFFFD') : value;
}

export function cleanText(value: string): string {
  // Half an emoji (a lone UTF-16 surrogate, from a client that cut a text short) becomes U+FFFD:
  // JSON.stringify writes it as "\ud83d", which PostgreSQL's jsonb refuses, failing a whole write.
  const whole = wellFormed(value);
  if (!NEEDS_CLEANING.test(whole)) return whole;
  const text = whole.includes('\r') ? whole.replace(/\r\n?/g, '\n') : whole;
  return text.replace(CONTROL, '');
}

/**
 * A copy of `value` whose strings (at any depth, keys included) are cleaned. Plain objects and
 * arrays are copied; anything else (Dates, functions, class instances) is kept as it is, and so
 * is `raw` (the platform payload kept for debugging, never read as text).
 */
export function cleanInput<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    const cleaned = key === 'raw' ? item : clean(item);
    const name = cleanText(key);
    // defineProperty for "__proto__" only, so it stays a plain key (an assignment is much faster).
    if (name === '__proto__') Object.defineProperty(out, name, { value: cleaned, enumerable: true, writable: true, configurable: true });
    else out[name] = cleaned;
  }
  return out;
}

/** The adapter's handlers, fed cleaned events and commands. */
export function cleanHandlers(handlers: AdapterHandlers): AdapterHandlers {
  return {
    onEvent: (event, options) => handlers.onEvent(cleanInput(event), options),
    onCommand: (invocation, responder) => handlers.onCommand(cleanInput(invocation), responder),
    ...(handlers.onCommunityStatus ? { onCommunityStatus: handlers.onCommunityStatus.bind(handlers) } : {}),
    ...(handlers.onCommunitiesPresent ? { onCommunitiesPresent: handlers.onCommunitiesPresent.bind(handlers) } : {}),
    ...(handlers.onHomeOpened ? { onHomeOpened: handlers.onHomeOpened.bind(handlers) } : {}),
    ...(handlers.formFor ? { formFor: handlers.formFor.bind(handlers) } : {}),
  };
}
