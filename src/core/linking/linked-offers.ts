// Offers for a person linked across platforms: the offer DM may have gone to their other account
// (/link dm), so "Accept" or "Decline" pressed there is matched to the recipient through the link.
import type { OfferRepository } from '../ambassadors/ports.ts';
import type { LinkStore } from './ports.ts';

export function createLinkedOfferStore<R extends Pick<OfferRepository, 'recipient'>>(repo: R, links: Pick<LinkStore, 'accounts'>): R {
  const linked = Object.create(repo) as R;
  linked.recipient = async (offerId, memberId) => {
    const own = await repo.recipient(offerId, memberId);
    if (own) return own;
    for (const other of (await links.accounts(memberId)).slice(1)) {
      const found = await repo.recipient(offerId, other);
      if (found) return found;
    }
    return null;
  };
  return linked;
}
