// The statements that run for every batch of events (activity, members, answer logs, scores) go
// straight to node-postgres instead of through Prisma's raw-query path, which serialises every
// parameter to JSON and back and runs it through its query interpreter: for a 500-row unnest
// insert that is ~4 ms of CPU per batch and most of the garbage a history replay leaves behind
// (replaying 59,000 messages: ~120 MB of Prisma's copies outlived a young-generation collection).
//
// open-database.ts registers the pool behind each PostgreSQL client it opens; repositories ask
// for it with `rawQueryOf(prisma)`, so every caller that opens the database the normal way (the
// bot, imports, benchmarks, tests) takes the same path. A client without one (PGlite, whose
// parameters Prisma's adapter already converts in-process) runs the same SQL through Prisma.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { wellFormed } from '../core/clean-input.ts';

/** Runs one statement with positional parameters ($1, $2, ...) and returns its rows. */
export type RawQuery = <R = Record<string, unknown>>(text: string, params: readonly unknown[]) => Promise<R[]>;

const direct = new WeakMap<object, RawQuery>();

export function registerRawQuery(prisma: object, query: RawQuery): void {
  direct.set(prisma, query);
}

export function rawQueryOf(prisma: PrismaClient): RawQuery {
  const registered = direct.get(prisma);
  if (registered) return registered;
  return <R>(text: string, params: readonly unknown[]) => prisma.$queryRawUnsafe<R[]>(text, ...params);
}

/**
 * node-postgres sends a Date as local time with an offset, which a `timestamp` column (no time
 * zone; Prisma stores UTC there) would read as local wall time. ISO strings in UTC keep the
 * stored values identical to what Prisma writes, on a server in any time zone.
 */
export function utc(date: Date): string {
  return date.toISOString();
}

/**
 * JSON for a `$n::jsonb` parameter. JSON.stringify writes half an emoji (a lone UTF-16 surrogate,
 * from a text cut short) as "\ud83d", which PostgreSQL's jsonb refuses, failing the whole
 * statement; such strings get U+FFFD instead. Whole pairs are written as the characters themselves,
 * so a "\\ud" in the output is rare (a lone surrogate, or a backslash before "ud" in some text)
 * and only then is the value serialised again, string by string.
 */
export function jsonParam(value: unknown): string {
  const json = JSON.stringify(value);
  if (!json.includes('\\ud')) return json;
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? wellFormed(item) : item));
}
