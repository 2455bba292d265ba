// Where events wait while the database is away. The pipeline's intake (event-intake.ts) appends
// an event here when storing it fails, and the event counts as kept once the append returns (it is
// on disk); the intake replays the spool, oldest first, when the database answers again. Replays
// are idempotent: events carry unique ids and storage records each id once.
import type { ChatEvent } from './events.ts';

export interface SpooledBatch {
  /** Oldest first. */
  events: ChatEvent[];
  /** Removes these events from the spool (once every one of them is stored). */
  commit(): Promise<void>;
}

export interface EventSpool {
  /** Resolves once the event is durably written (fsync'd); rejects when it could not be. */
  append(event: ChatEvent): Promise<void>;
  /** Events waiting. */
  pending(): number;
  /** The events waiting now (undefined when none); newer appends go to the next batch. */
  take(): Promise<SpooledBatch | undefined>;
  close(): Promise<void>;
}

/** The JSON a spooled event is written as: `raw` (the platform payload) is left out. */
export function spoolLine(event: ChatEvent): string {
  const { raw: _raw, ...kept } = event;
  return JSON.stringify({ v: 1, event: kept });
}

/** The event a spool line holds, or undefined for a line that is not one (a torn last line after a crash). */
export function parseSpoolLine(line: string): ChatEvent | undefined {
  try {
    const parsed = JSON.parse(line) as { v?: unknown; event?: { occurredAt?: unknown; eventId?: unknown; type?: unknown } };
    const event = parsed.event;
    if (parsed.v !== 1 || !event || typeof event.eventId !== 'string' || typeof event.type !== 'string' || typeof event.occurredAt !== 'string') return undefined;
    return { ...event, occurredAt: new Date(event.occurredAt) } as ChatEvent;
  } catch {
    return undefined;
  }
}
