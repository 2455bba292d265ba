// One set of privacy choices for a person linked across platforms (/link): a choice made on one
// account is made on all of them, and /privacy export and delete cover every account. Reads stay
// per account (each already holds the shared choice), so the hot path is unchanged.
import { communityOf } from '../ids.ts';
import type { PrivacyGuard } from '../privacy/privacy-guard.ts';
import type { LinkStore } from './ports.ts';

export function createLinkedPrivacy(guard: PrivacyGuard, links: Pick<LinkStore, 'accounts'>): PrivacyGuard {
  return {
    mayProfile: (communityId, memberId) => guard.mayProfile(communityId, memberId),
    mayDm: (communityId, memberId) => guard.mayDm(communityId, memberId),
    mayDmNow: (memberId) => guard.mayDmNow(memberId),
    choices: (memberId) => guard.choices(memberId),
    onErase: (eraser) => guard.onErase(eraser),
    async set(memberId, communityId, patch) {
      const [, ...others] = await links.accounts(memberId);
      for (const other of others) await guard.set(other, communityOf(other), patch);
      return guard.set(memberId, communityId, patch);
    },
    async exportMember(memberId) {
      const out: Record<string, Array<Record<string, unknown>>> = {};
      for (const account of await links.accounts(memberId)) {
        for (const [table, rows] of Object.entries(await guard.exportMember(account))) out[table] = [...(out[table] ?? []), ...rows];
      }
      return out;
    },
    async erase(communityId, memberId) {
      const accounts = await links.accounts(memberId);
      const removed: Record<string, number> = {};
      for (const account of accounts) {
        const counts = await guard.erase(account === memberId ? communityId : communityOf(account), account);
        for (const [table, n] of Object.entries(counts)) removed[table] = (removed[table] ?? 0) + n;
      }
      return removed;
    },
  };
}
