// One funnel stage for a person linked across platforms (/link): when the funnel moves one account,
// their other accounts move to the same stage (the history says it came from the linked account),
// and linking puts every account at the highest stage any of them had.
import type { AmbassadorRepository, StageChange } from '../ambassadors/ports.ts';
import { stageRank, type Stage } from '../ambassadors/stages.ts';
import { communityOf, parseId } from '../ids.ts';
import type { LinkStore } from './ports.ts';

const LABELS = new Map([
  ['slack', 'Slack'],
  ['discord', 'Discord'],
]);

type FunnelStore = Pick<AmbassadorRepository, 'getFunnel' | 'changeStage'>;

async function follow(repo: FunnelStore, change: StageChange, others: readonly string[]): Promise<void> {
  const platform = parseId(change.memberId).platform;
  for (const other of others) {
    const from: Stage = (await repo.getFunnel(other))?.stage ?? 'newcomer';
    if (from === change.to) continue;
    await repo.changeStage({ ...change, memberId: other, communityId: communityOf(other), from, reasons: [...change.reasons, { key: 'ambassadors.reason.linkedAccount', vars: { platform: LABELS.get(platform) ?? platform } }] });
  }
}

/** The repository with stage changes copied to the member's linked accounts. */
export function createLinkedFunnelStore<R extends FunnelStore>(repo: R, links: Pick<LinkStore, 'accounts'>): R {
  const linked = Object.create(repo) as R;
  linked.changeStage = async (change) => {
    const changed = await repo.changeStage(change);
    if (changed) await follow(repo, change, (await links.accounts(change.memberId)).slice(1));
    return changed;
  };
  return linked;
}

/** Puts every account of a person at the highest stage any of them has (right after linking). */
export async function alignStages(repo: FunnelStore, accounts: readonly string[], at: Date): Promise<void> {
  let top: { memberId: string; stage: Stage } | undefined;
  for (const memberId of accounts) {
    const stage: Stage = (await repo.getFunnel(memberId))?.stage ?? 'newcomer';
    if (!top || stageRank(stage) > stageRank(top.stage)) top = { memberId, stage };
  }
  if (!top || top.stage === 'newcomer') return;
  const change: StageChange = { memberId: top.memberId, communityId: communityOf(top.memberId), from: top.stage, to: top.stage, reasons: [], cause: 'promotion', at };
  await follow(repo, change, accounts.filter((id) => id !== top.memberId));
}
