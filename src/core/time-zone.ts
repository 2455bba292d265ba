// IANA time-zone names, checked with the runtime's own tz database (Intl).

/** The time zone's canonical IANA name as the runtime spells it ("utc" -> "UTC", "europe/sofia" -> "Europe/Sofia"), or null when it is not one. */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}
