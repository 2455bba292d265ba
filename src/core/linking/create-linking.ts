// One member across Slack and Discord. `/link new as:NAME` on one platform gives a one-time code
// for the account NAME on the other platform; `/link code code:XXXX` typed there by that account
// links the two. The rule that makes "someone else typed my code" detectable: the code is bound to
// the account its issuer named, so it links nobody else, even if it is passed on or seen over a
// shoulder. A code is 8 characters of Crockford base32 (40 bits), kept only as its SHA-256,
// expires after 15 minutes and works once; anything wrong is a UserError and changes nothing.
import { createHash, randomInt } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { UserError } from '../errors.ts';
import { parseId } from '../ids.ts';
import type { LinkStore } from './ports.ts';

export const LINK_CODE_TTL_MS = 15 * 60_000;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LINKABLE = new Set(['slack', 'discord']);
const LABELS = new Map([
  ['slack', 'Slack'],
  ['discord', 'Discord'],
  ['console', 'console'],
]);
const label = (platform: string): string => LABELS.get(platform) ?? platform;

export interface LinkActor {
  memberId: string;
  displayName: string;
}

export interface Linking {
  /** A code for the actor's account named `target` on the other platform. */
  issue(actor: LinkActor, target: string): Promise<{ code: string; platform: string; expiresAt: Date }>;
  /** Links the actor's account to the code's issuer; returns the issuer's member id. */
  redeem(actor: LinkActor, code: string): Promise<string>;
  /** Where the actor's person gets DMs: 'slack', 'discord', or null for each account's own; false when not linked. */
  chooseDm(memberId: string, platform: 'slack' | 'discord' | null): Promise<boolean>;
  /** Separates the actor's accounts; returns the ones that were linked (empty when none were). */
  unlink(memberId: string): Promise<string[]>;
  /** Every account of the member's person, the member first. */
  accounts(memberId: string): Promise<string[]>;
}

export function hashLinkCode(code: string): string {
  return createHash('sha256').update(normalizeCode(code)).digest('hex');
}

/** Upper case without spaces or dashes; the letters people confuse read as Crockford does (O->0, I/L->1). */
function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function otherPlatform(memberId: string): string {
  const { platform } = parseId(memberId);
  if (!LINKABLE.has(platform)) throw new UserError('link.notHere', { platform: label(platform) });
  return platform === 'slack' ? 'discord' : 'slack';
}

export function createLinking(deps: { store: LinkStore; clock: Clock; onLinked?: (accounts: string[]) => Promise<void> }): Linking {
  const { store, clock } = deps;
  return {
    async issue(actor, target) {
      const platform = otherPlatform(actor.memberId);
      const name = target.trim().replace(/^@/, '');
      if (name === '') throw new UserError('link.needTarget', { platform: label(platform) });
      const code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
      const expiresAt = new Date(clock.now().getTime() + LINK_CODE_TTL_MS);
      await store.createCode({ codeHash: hashLinkCode(code), memberId: actor.memberId, target: name, platform, expiresAt });
      return { code, platform, expiresAt };
    },
    async redeem(actor, code) {
      const { platform, local } = parseId(actor.memberId);
      if (!LINKABLE.has(platform)) throw new UserError('link.notHere', { platform: label(platform) });
      const hash = hashLinkCode(code);
      const found = await store.findCode(hash);
      const now = clock.now();
      if (!found) throw new UserError('link.code.unknown', {});
      if (found.usedAt) throw new UserError('link.code.used', {});
      if (found.expiresAt.getTime() <= now.getTime()) throw new UserError('link.code.expired', {});
      if (found.platform !== platform) throw new UserError('link.code.samePlatform', { platform: label(found.platform) });
      const target = found.target.toLowerCase();
      if (target !== (local ?? '').toLowerCase() && target !== actor.displayName.toLowerCase()) throw new UserError('link.code.notYou', { target: found.target });
      const mine = await store.accounts(actor.memberId);
      const theirs = await store.accounts(found.memberId);
      if (mine.includes(found.memberId)) throw new UserError('link.already', {});
      // An account joins a person once: linking two already linked people would merge strangers' accounts by mistake.
      if (mine.length > 1) throw new UserError('link.linkedElsewhere', {});
      if (theirs.some((id) => parseId(id).platform === platform)) throw new UserError('link.issuerHasOne', { platform: label(platform) });
      if (!(await store.redeem(hash, now, found.memberId, actor.memberId))) throw new UserError('link.code.used', {});
      await deps.onLinked?.(await store.accounts(actor.memberId));
      return found.memberId;
    },
    chooseDm: (memberId, platform) => store.setDmPlatform(memberId, platform),
    unlink: (memberId) => store.unlink(memberId),
    accounts: (memberId) => store.accounts(memberId),
  };
}

/** Linking where no link store is wired (tests with hand-made repositories): every attempt says so. */
export const unlinkable: Linking = {
  issue: async () => {
    throw new UserError('link.unavailable', {});
  },
  redeem: async () => {
    throw new UserError('link.unavailable', {});
  },
  chooseDm: async () => false,
  unlink: async () => [],
  accounts: async (memberId) => [memberId],
};
