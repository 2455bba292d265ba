// Proves `rapport import scores` brings starting points from MEE6 (its leaderboard JSON) and from a name,points CSV onto Rapport's all-time leaderboard on real PostgreSQL, marked as imported, that importing again replaces rather than doubles, and that a wrong file or an unknown name writes nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { openRapport } from '../../src/open-rapport.ts';
import { runInProcess } from '../support/run-cli-in-process.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from '../support/services.ts';

const schema = uniqueName('scores_import');
const env = { DATABASE_URL: `${POSTGRES_URL}?schema=${schema}` };
let db: Database;
let dir: string;

async function file(name: string, content: unknown): Promise<string> {
  const where = path.join(dir, name);
  await writeFile(where, typeof content === 'string' ? content : JSON.stringify(content));
  return where;
}

async function allTime(communityId: string, kind: 'engagement' | 'helpers'): Promise<Array<[string, number]>> {
  const app = await openRapport(loadConfig(env), { database: 'configured', scheduler: 'in-process', logger: createLogger({ level: 'silent', pretty: false }), adapters: () => [] });
  try {
    const board = await app.rapport.ports.leaderboard.leaderboard({ id: communityId, timeZone: 'UTC' }, { period: 'all', kind });
    return board.map((e) => [e.displayName, Math.round(e.score * 100) / 100]);
  } finally {
    await app.close();
  }
}

async function counts(): Promise<{ members: number; imported: number; scores: number; communities: number }> {
  const [members, imported, scores, communities] = await Promise.all([db.prisma.member.count(), db.prisma.importedScore.count(), db.prisma.memberScore.count(), db.prisma.community.count()]);
  return { members, imported, scores, communities };
}

const player = (id: string, username: string, xp: number, messages: number) => ({ avatar: 'a1b2', detailed_xp: [10, 100, xp], discriminator: '0', guild_id: '900', id, level: 3, message_count: messages, username, xp });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rapport-scores-'));
  db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
  const repos = createRepositories(db.prisma);
  await repos.communities.ensure({ id: 'discord:900', platform: 'discord', name: 'Acme' });
  await repos.members.ensure({ id: 'discord:900:111', communityId: 'discord:900', platformId: '111', displayName: 'ann', isBot: false });
  await repos.communities.ensure({ id: 'slack:T1', platform: 'slack', name: 'Acme Slack' });
  await repos.members.ensure({ id: 'slack:T1:U1', communityId: 'slack:T1', platformId: 'U1', displayName: 'Dana', isBot: false });
  await repos.members.ensure({ id: 'slack:T1:U2', communityId: 'slack:T1', platformId: 'U2', displayName: 'sam', isBot: false });
  await repos.members.ensure({ id: 'slack:T1:U3', communityId: 'slack:T1', platformId: 'U3', displayName: 'sam', isBot: false });
});

afterAll(async () => {
  await db.close();
  await dropSchema(schema);
  await rm(dir, { recursive: true, force: true });
});

describe('rapport import scores', () => {
  it('GIVEN a MEE6 leaderboard WHEN imported into a Discord community THEN known and new members get XP / 20 engagement on the all-time board, marked as imported from mee6, and a second import replaces the first', async () => {
    const mee6 = await file('mee6.json', { admin: false, guild: { id: '900', name: 'Acme' }, page: 0, players: [player('111', 'ann', 2000, 120), player('222', 'bob', 400, 30)], role_rewards: [], xp_per_message: [15, 25] });
    const first = await runInProcess(['import', 'scores', '--from', 'mee6', mee6, '--community', 'discord:900'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Imported starting points for 2 members of discord:900 from MEE6 (1 known, 1 new');
    expect(await allTime('discord:900', 'engagement')).toEqual([
      ['ann', 100],
      ['bob', 20],
    ]);
    const rows = await db.prisma.importedScore.findMany({ where: { communityId: 'discord:900' }, orderBy: { memberId: 'asc' } });
    expect(rows.map((r) => [r.memberId, r.source, r.kind, r.raw, r.count])).toEqual([
      ['discord:900:111', 'mee6', 'engagement', 2000, 120],
      ['discord:900:222', 'mee6', 'engagement', 400, 30],
    ]);

    const again = await runInProcess(['import', 'scores', '--from', 'mee6', mee6, '--community', 'discord:900'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('replaced, not added to');
    expect(await allTime('discord:900', 'engagement')).toEqual([
      ['ann', 100],
      ['bob', 20],
    ]);
    expect(await db.prisma.importedScore.count({ where: { communityId: 'discord:900' } })).toBe(2);
  }, 120_000);

  it('GIVEN a karma CSV of names and user ids WHEN imported into a Slack community THEN each point is a thank-you received on the helper board, and stays there after `rapport scores rebuild`', async () => {
    const csv = await file('karma.csv', 'name,points\ndana,10\nU2,4\n');
    const result = await runInProcess(['import', 'scores', '--from', 'csv', csv, '--community', 'slack:T1'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await allTime('slack:T1', 'helpers')).toEqual([
      ['Dana', 5],
      ['sam', 2],
    ]);
    const tally = await db.prisma.scoreTally.findUnique({ where: { scopeId_memberId_period_key: { scopeId: 'slack:T1', memberId: 'slack:T1:U1', period: 'all', key: 0 } } });
    expect(tally?.thanks).toBe(10);

    // No event holds imported points: a rebuild of the scores from events applies them again.
    const rebuilt = await runInProcess(['scores', 'rebuild', '--community', 'slack:T1'], env);
    expect(rebuilt.code).toBe(0);
    expect(await allTime('slack:T1', 'helpers')).toEqual([
      ['Dana', 5],
      ['sam', 2],
    ]);
  }, 120_000);

  it('GIVEN files of the wrong shape, broken rows, unknown or ambiguous names THEN each is refused with a message saying what is wrong, and nothing is written', async () => {
    const before = await counts();
    const cases: Array<{ argv: string[]; message: RegExp }> = [
      { argv: ['--from', 'mee6', await file('not-mee6.json', { leaderboard: [{ user: 'ann', xp: 5 }] }), '--community', 'discord:900'], message: /not a MEE6 leaderboard: at players.*Nothing was imported/ },
      { argv: ['--from', 'mee6', await file('bad-xp.json', { players: [player('333', 'cy', 5, 1), { ...player('444', 'di', 5, 1), xp: 'lots' }] }), '--community', 'discord:900'], message: /at players\[1\]\.xp/ },
      { argv: ['--from', 'mee6', await file('broken.json', '{"players": ['), '--community', 'discord:900'], message: /not JSON/ },
      { argv: ['--from', 'mee6', await file('slack.json', { players: [player('555', 'eve', 5, 1)] }), '--community', 'slack:T1'], message: /MEE6 leaderboard names Discord users/ },
      { argv: ['--from', 'csv', await file('words.csv', 'name,points\ndana,ten\n'), '--community', 'slack:T1'], message: /Line 2: "ten" is not a number/ },
      { argv: ['--from', 'csv', await file('twice.csv', 'dana,1\nDANA,2\n'), '--community', 'slack:T1'], message: /line 2: "DANA" is in the file twice/ },
      { argv: ['--from', 'csv', await file('sam.csv', 'dana,1\nsam,2\n'), '--community', 'slack:T1'], message: /several members of slack:T1 are called "sam" \(U2, U3\)/ },
      { argv: ['--from', 'csv', await file('strangers.csv', 'dana,1\nzed,2\n'), '--community', 'slack:T1'], message: /1 name in the file matches no member of slack:T1: "zed".*--create-missing.*Nothing was imported/ },
      { argv: ['--from', 'csv', await file('fresh.csv', 'zed,2\n'), '--community', 'newplace'], message: /matches no member of console:newplace/ },
      { argv: ['--from', 'csv', await file('none.csv', 'dana,1\n'), '--community', 'slack:T9'], message: /There is no community "slack:T9"/ },
    ];
    for (const { argv, message } of cases) {
      const result = await runInProcess(['import', 'scores', argv[2]!, ...argv.slice(0, 2), ...argv.slice(3)], env);
      expect(result.stderr, argv.join(' ')).toMatch(message);
      expect(result.code).toBe(1);
    }
    expect(await counts()).toEqual(before);
    const usage = await runInProcess(['import', 'scores', '--from', 'mee7', 'x.json', '--community', 'discord:900'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: npx rapport import scores --from mee6|csv FILE');
  }, 240_000);
});
