// Proves the role-reward repository on PostgreSQL: one reward per level (a new role replaces the old and clears its problem), problems recorded and cleared only where they change (a new problem's notice written with it, through the outbox), the mode, and the members a sync looks at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleRewardRepository } from '../../src/core/rewards/ports.ts';
import type { Repositories } from '../../src/core/ports.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from '../support/services.ts';

const C = 'discord:G1';
const schema = uniqueName('rolerewards');
let db: Database;
let repos: Repositories;
let repo: RoleRewardRepository;

beforeAll(async () => {
  db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
  repos = createRepositories(db.prisma);
  repo = repos.roleRewards;
});
afterAll(async () => {
  await db?.close();
  await dropSchema(schema);
});

describe('role reward repository', () => {
  it('GIVEN a level set twice THEN one reward, the new role, the old one reported as replaced and its problem cleared', async () => {
    const first = await repo.set({ communityId: C, kind: 'stage', level: 'advocate', roleId: 'discord:G1:R1' });
    expect(first.replaced).toBeNull();
    expect(await repo.setProblem(C, 'discord:G1:R1', 'role_above_bot')).toEqual([first.reward.id]);
    const second = await repo.set({ communityId: C, kind: 'stage', level: 'advocate', roleId: 'discord:G1:R2' });
    expect(second.replaced).toBe('discord:G1:R1');
    expect(await repo.list(C)).toEqual([{ id: first.reward.id, communityId: C, kind: 'stage', level: 'advocate', roleId: 'discord:G1:R2', problem: null }]);
  });

  it('GIVEN a problem recorded THEN setting the same problem again changes nothing, and clearing it reports the reward once', async () => {
    const { reward } = await repo.set({ communityId: C, kind: 'score', level: '500', roleId: 'discord:G1:R3' });
    expect(await repo.setProblem(C, 'discord:G1:R3', 'missing_manage_roles')).toEqual([reward.id]);
    expect(await repo.setProblem(C, 'discord:G1:R3', 'missing_manage_roles')).toEqual([]);
    expect(await repo.setProblem(C, 'discord:G1:R3', null)).toEqual([reward.id]);
    expect(await repo.setProblem(C, 'discord:G1:R3', null)).toEqual([]);
  });

  it('GIVEN no setting THEN replace; stack once set; remove deletes one level only', async () => {
    expect(await repo.mode(C)).toBe('replace');
    await repo.setMode(C, 'stack');
    expect(await repo.mode(C)).toBe('stack');
    expect((await repo.remove(C, 'score', '500'))?.roleId).toBe('discord:G1:R3');
    expect(await repo.remove(C, 'score', '500')).toBeNull();
    expect((await repo.list(C)).map((r) => r.level)).toEqual(['advocate']);
    expect(await repo.communities()).toEqual([C]);
  });

  it('GIVEN people and bots THEN a sync looks at the people only', async () => {
    await repos.communities.ensure({ id: C, platform: 'discord', name: 'G1' });
    await repos.members.ensure({ id: 'discord:G1:U1', communityId: C, platformId: 'U1', displayName: 'ann', isBot: false });
    await repos.members.ensure({ id: 'discord:G1:B1', communityId: C, platformId: 'B1', displayName: 'bot', isBot: true });
    expect(await repo.members(C)).toEqual(['discord:G1:U1']);
  });

  it('GIVEN a new problem with its moderators\' notice THEN both are written together; the same problem again writes no second notice', async () => {
    const { reward } = await repo.set({ communityId: 'discord:G9', kind: 'score', level: '900', roleId: 'discord:G9:R9' });
    const notice = (at: number) => ({ subject: `reward:discord:G9:R9:role_above_bot:${at}`, to: { channelId: 'discord:G9:C1' }, message: { text: 'Role rewards need a moderator' } });
    expect(await repo.setProblem('discord:G9', 'discord:G9:R9', 'role_above_bot', [notice(1)])).toEqual([reward.id]);
    expect(await repo.setProblem('discord:G9', 'discord:G9:R9', 'role_above_bot', [notice(2)])).toEqual([]);
    expect((await repos.notices.pending()).map((n) => n.subject)).toEqual([notice(1).subject]);
    await repo.remove('discord:G9', 'score', '900');
  });
});
