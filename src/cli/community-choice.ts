// Which community `--community` names, for the commands that move data in and out: a community id
// ("discord:123", "console:ubuntu"), or a name: the console community of that name (what history
// imports make with --community NAME), else the one stored community with that display name.
import { UserError } from '../core/errors.ts';
import { communityId } from '../core/ids.ts';
import type { CommunityRecord, Repositories } from '../core/ports.ts';
import { isCommunityName } from '../import/into-community.ts';

export type CommunityChoice = { found: CommunityRecord } | { create: { id: string; name: string } };

export async function chooseCommunity(communities: Pick<Repositories['communities'], 'get' | 'list'>, value: string): Promise<CommunityChoice> {
  if (value.includes(':')) {
    const found = await communities.get(value);
    if (found) return { found };
    throw new UserError('moving.community.missing', { name: value, stored: (await communities.list()).map((c) => c.id).join(', ') || '-' });
  }
  if (!isCommunityName(value)) throw new UserError('moving.community.badName', { name: value });
  const id = communityId('console', value);
  const own = await communities.get(id);
  if (own) return { found: own };
  const named = (await communities.list()).filter((c) => c.name === value);
  if (named.length === 1) return { found: named[0]! };
  if (named.length > 1) throw new UserError('moving.community.several', { name: value, ids: named.map((c) => c.id).join(', ') });
  return { create: { id, name: value } };
}
