// Opaque ids that carry their platform: "slack:T1", "slack:T1:C1", "discord:G1:U1", "console:local:alice".
// The core never looks inside them except through these helpers; adapters build them and take them
// apart again (a contract test checks the round trip for every adapter).

export const PLATFORMS = ['console', 'slack', 'discord'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface ParsedId {
  platform: Platform;
  /** Workspace, guild or console name. */
  scope: string;
  /** Channel, member or message id inside the scope; absent for a community id. */
  local?: string;
}

const SEPARATOR = ':';

function escapePart(part: string): string {
  return encodeURIComponent(part);
}

export function communityId(platform: Platform, scope: string): string {
  return `${platform}${SEPARATOR}${escapePart(scope)}`;
}

export function scopedId(platform: Platform, scope: string, local: string): string {
  return `${communityId(platform, scope)}${SEPARATOR}${escapePart(local)}`;
}

/** The community an opaque channel/member id belongs to. */
export function communityOf(id: string): string {
  const parsed = parseId(id);
  return communityId(parsed.platform, parsed.scope);
}

export function parseId(id: string): ParsedId {
  const parts = id.split(SEPARATOR);
  const [platform, scope, local, ...rest] = parts;
  if (!platform || !isPlatform(platform) || !scope || rest.length > 0) {
    throw new Error(`Not a Rapport id: "${id}"`);
  }
  const parsed: ParsedId = { platform, scope: decodeURIComponent(scope) };
  if (local !== undefined) parsed.local = decodeURIComponent(local);
  return parsed;
}

export function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}

/** The local part of a scoped id ("U123" from "slack:T1:U123"). */
export function localPart(id: string): string {
  const { local } = parseId(id);
  if (local === undefined) throw new Error(`Id has no local part: "${id}"`);
  return local;
}
