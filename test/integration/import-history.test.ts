// Proves `rapport import slack-export` and `rapport import discord-export` store history through the pipeline, that importing the same files twice changes nothing, and that a broken file stops with its name and position leaving every table unchanged.
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportDiscordExport } from '../../src/cli/import-discord-export.ts';
import { runImportSlackExport } from '../../src/cli/import-slack-export.ts';
import { runInProcess } from '../support/run-cli-in-process.ts';
import type { CliCommand } from '../../src/cli/io.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from '../support/services.ts';

const DISCORD = new URL('../fixtures/discord-export/', import.meta.url).pathname;

let dir: string;
let schema: string;
let db: Database;

const ts = (iso: string, n: number) => `${Math.floor(new Date(iso).getTime() / 1000)}.${String(n).padStart(6, '0')}`;

async function writeSlackExport(root: string): Promise<void> {
  await mkdir(path.join(root, 'general'), { recursive: true });
  await mkdir(path.join(root, 'random'), { recursive: true });
  const user = (id: string, name: string, bot = false) => ({ id, name, is_bot: bot, profile: { display_name: name } });
  await writeFile(path.join(root, 'users.json'), JSON.stringify([user('U1', 'alice'), user('U2', 'bob'), user('U3', 'carol'), user('B1', 'helperbot', true)]));
  await writeFile(path.join(root, 'channels.json'), JSON.stringify([{ id: 'C1', name: 'general' }, { id: 'C2', name: 'random' }]));
  await writeFile(
    path.join(root, 'general', '2024-03-04.json'),
    JSON.stringify([
      { type: 'message', user: 'U3', text: 'how do I resize a partition without losing data?', ts: ts('2024-03-04T09:00:00Z', 1) },
      { type: 'message', user: 'U1', text: '<@U3> boot a live USB and use gparted, back up first', ts: ts('2024-03-04T09:01:00Z', 2), reactions: [{ name: 'pray', users: ['U3'], count: 1 }] },
      { type: 'message', user: 'U3', text: 'thanks <@U1>!', ts: ts('2024-03-04T09:03:00Z', 3) },
    ]),
  );
  await writeFile(
    path.join(root, 'general', '2024-03-05.json'),
    JSON.stringify([
      { type: 'message', subtype: 'channel_join', user: 'U2', text: '<@U2> has joined the channel', ts: ts('2024-03-05T08:00:00Z', 1) },
      { type: 'message', user: 'U2', text: 'morning all', ts: ts('2024-03-05T08:01:00Z', 2) },
      { type: 'message', bot_id: 'B1', username: 'helperbot', text: 'Daily tip: read the FAQ', ts: ts('2024-03-05T08:02:00Z', 3) },
    ]),
  );
  await writeFile(
    path.join(root, 'random', '2024-03-06.json'),
    JSON.stringify([{ type: 'message', user: 'U2', text: 'anyone for lunch?', ts: ts('2024-03-06T11:00:00Z', 1) }]),
  );
}

/** Rows in every table of the test schema. */
async function countRows(): Promise<Record<string, number>> {
  return db.withSql(async (sql) => {
    const tables = await sql.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> '_rapport_migrations' ORDER BY 1`, [schema]);
    const out: Record<string, number> = {};
    for (const { table_name } of tables) out[table_name] = Number((await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table_name}"`))[0]?.n);
    return out;
  });
}

const run = (command: CliCommand, argv: string[]) => runInProcess(argv, { DATABASE_URL: `${POSTGRES_URL}?schema=${schema}`, LOG_LEVEL: 'error' }, command);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rapport-import-'));
  schema = uniqueName('imp');
  db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
});

afterAll(async () => {
  await db.close();
  await dropSchema(schema);
  await rm(dir, { recursive: true, force: true });
});

describe('history import', () => {
  it('GIVEN a Slack export imported twice THEN the first stores it through the pipeline and the second changes nothing', async () => {
    const exportDir = path.join(dir, 'slack');
    await writeSlackExport(exportDir);
    const first = await run(runImportSlackExport, [exportDir, '--team', 'T1']);
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Imported 6 messages \(8 of 8 events new\)/);
    expect(first.stderr).toMatch(/Importing .*100% \| 6\/6 messages/);
    const afterFirst = await countRows();
    expect(afterFirst.ActivityEvent).toBe(8);
    expect(afterFirst.MemberScore).toBeGreaterThan(0);
    // alice answered carol and was thanked: recognition ran on the imported history.
    const alice = await db.prisma.scoreTally.findUnique({ where: { scopeId_memberId_period_key: { scopeId: 'slack:T1', memberId: 'slack:T1:U1', period: 'all', key: 0 } } });
    expect(alice).toMatchObject({ thanks: 2 });

    const second = await run(runImportSlackExport, [exportDir, '--team', 'T1']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Imported 6 messages \(0 of 8 events new\)/);
    expect(await countRows()).toEqual(afterFirst);
  });

  it('GIVEN a Slack export with a broken file on its last day THEN the import stops naming the file and position and no table changes', async () => {
    const broken = path.join(dir, 'slack-broken');
    await writeSlackExport(broken);
    await writeFile(path.join(broken, 'random', '2024-03-06.json'), '[\n  { "type": "message", "user": "U2", "text": "lunch?", "ts": "1709722800.000001" },\n  { "type": "message", "user": \n');
    const before = await countRows();
    const result = await run(runImportSlackExport, [broken, '--team', 'T9']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Import stopped: random\/2024-03-06\.json \((line \d+, column \d+|end of file)\): broken JSON/);
    expect(result.stderr).toContain('Nothing was imported.');
    expect(await countRows()).toEqual(before);
  });

  it('GIVEN a Slack message without a timestamp THEN the import stops naming the message and no table changes', async () => {
    const broken = path.join(dir, 'slack-no-ts');
    await writeSlackExport(broken);
    await writeFile(path.join(broken, 'general', '2024-03-05.json'), JSON.stringify([{ type: 'message', user: 'U2', text: 'no ts here' }]));
    const before = await countRows();
    const result = await run(runImportSlackExport, [broken, '--team', 'T8']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/general\/2024-03-05\.json \(message #1\): "ts" must be a Slack timestamp/);
    expect(await countRows()).toEqual(before);
  });

  it('GIVEN DiscordChatExporter files imported twice THEN the second import changes nothing', async () => {
    const first = await run(runImportDiscordExport, [`${DISCORD}general.json`, `${DISCORD}help.json`]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Imported 6 messages \(8 of 8 events new\)/);
    const afterFirst = await countRows();
    expect(await db.prisma.member.count({ where: { communityId: 'discord:900000000000000001' } })).toBe(3);
    const second = await run(runImportDiscordExport, [`${DISCORD}help.json`, `${DISCORD}general.json`]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/\(0 of 8 events new\)/);
    expect(await countRows()).toEqual(afterFirst);
  });

  it('GIVEN a good file followed by a broken one THEN nothing of either is imported', async () => {
    const copy = path.join(dir, 'discord');
    await cp(DISCORD, copy, { recursive: true });
    const good = path.join(copy, 'general.json');
    // Another guild, so the good file would add rows if it were imported.
    await writeFile(good, (await readFile(good, 'utf8')).replaceAll('900000000000000001', '900000000000000077'));
    const before = await countRows();
    for (const broken of ['broken-timestamp.json', 'truncated.json']) {
      const result = await run(runImportDiscordExport, [good, path.join(copy, broken)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Import stopped: ${path.join(copy, broken)} (`);
      expect(result.stderr).toContain('Nothing was imported.');
    }
    expect(await countRows()).toEqual(before);
  });
});
