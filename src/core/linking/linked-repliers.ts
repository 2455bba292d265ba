// One DM channel of choice for a person linked across platforms (/link dm): a direct message to any
// of their accounts goes to their account on the platform they chose, when Rapport runs there;
// otherwise, and for everyone not linked, to the account it was meant for. Posts in channels are
// untouched.
import { parseId } from '../ids.ts';
import type { OutgoingMessage, Replier, ReplierDirectory } from '../outgoing.ts';
import type { LinkStore } from './ports.ts';

/** `running`: the platforms Rapport has an adapter for in this process. */
export function createLinkedRepliers(repliers: ReplierDirectory, running: ReadonlySet<string>, links: Pick<LinkStore, 'dmAccount'>): ReplierDirectory {
  const routed = (replier: Replier): Replier => ({
    ...replier,
    async dm(memberId: string, message: OutgoingMessage) {
      const chosen = await links.dmAccount(memberId);
      // Where Rapport does not run on the chosen platform, the member's own account it is.
      if (chosen && chosen !== memberId && running.has(parseId(chosen).platform)) return repliers.forId(chosen).dm(chosen, message);
      return replier.dm(memberId, message);
    },
  });
  return { forId: (id) => routed(repliers.forId(id)) };
}
