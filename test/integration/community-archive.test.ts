// Proves `rapport export community --format jsonl` then `rapport import community` round-trips on real PostgreSQL: into an empty database (another schema) the leaderboards, rows and score watermark are identical, and under a new name a copy ranks the same people the same; a file from a newer version, a broken line, an unknown table, a row of another community or a community already there is refused with its line and nothing is written; and every table with a communityId column is either archived or deliberately not.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { ChatEvent } from '../../src/core/events.ts';
import { ARCHIVE_SCHEMA_VERSION, ARCHIVE_TABLES, NOT_ARCHIVED } from '../../src/db/community-archive-tables.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { createScoreRebuildRepository } from '../../src/db/score-rebuild-repository.ts';
import { features } from '../../src/feature-list.ts';
import { createTranslator } from '../../src/i18n/create-translator.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { buildRapport } from '../../src/main.ts';
import { runInProcess } from '../support/run-cli-in-process.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from '../support/services.ts';
import { chatScript, COMMUNITY } from '../unit/recognition/chat-fixture.ts';

const START = new Date('2024-03-04T09:00:00Z');
const NOW = new Date('2024-03-08T12:00:00Z');
const schemaA = uniqueName('archive_a');
const schemaB = uniqueName('archive_b');
const envA = { DATABASE_URL: `${POSTGRES_URL}?schema=${schemaA}` };
const envB = { DATABASE_URL: `${POSTGRES_URL}?schema=${schemaB}` };
let dbA: Database;
let dbB: Database;
let dir: string;
let archive: string;

/** A whole Rapport on `db` with a fixed clock, so decayed standings compare exactly. */
async function withRapport<T>(db: Database, use: (rapport: Awaited<ReturnType<typeof buildRapport>>) => Promise<T>): Promise<T> {
  const logger = createLogger({ level: 'silent', pretty: false });
  const rapport = await buildRapport({
    repos: createRepositories(db.prisma),
    scheduler: createInProcessScheduler({ logger }),
    logger,
    clock: fixedClock(NOW),
    translator: await createTranslator(),
    commands,
    features,
    adapters: [],
    defaults: { language: 'en', timeZone: 'Europe/Sofia' },
    scoreRebuild: createScoreRebuildRepository(db.prisma),
  });
  try {
    return await use(rapport);
  } finally {
    await rapport.stop();
  }
}

type Board = Array<[string, number]>;
async function boards(db: Database, communityId: string): Promise<Record<string, Board>> {
  return withRapport(db, async (rapport) => {
    const out: Record<string, Board> = {};
    for (const period of ['week', 'month', 'all', 'current'] as const)
      for (const kind of ['engagement', 'helpers'] as const)
        out[`${period}/${kind}`] = (await rapport.ports.leaderboard.leaderboard({ id: communityId, timeZone: 'Europe/Sofia' }, { period, kind, limit: 100 })).map((e) => [e.displayName, e.score]);
    return out;
  });
}

async function rowCounts(db: Database, communityId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ARCHIVE_TABLES) {
    const [row] = await db.prisma.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT COUNT(*) AS n FROM "${table.name}" t WHERE ${table.where}`, communityId);
    out[table.name] = Number(row!.n);
  }
  return out;
}

async function totalRows(db: Database): Promise<number> {
  let total = 0;
  for (const table of ARCHIVE_TABLES) total += Number((await db.prisma.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT COUNT(*) AS n FROM "${table.name}"`))[0]!.n);
  return total;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rapport-archive-'));
  archive = path.join(dir, 'test.jsonl');
  dbA = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema: schemaA }, { migrate: true });
  dbB = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema: schemaB }, { migrate: true });
  // A week of chat in community A: questions, answers, thanks, reactions; a knowledge base, a privacy choice, imported points.
  await withRapport(dbA, async (rapport) => {
    const chat = chatScript(START);
    const events: ChatEvent[] = [];
    for (let i = 0; i < 6; i++) {
      const question = chat.say(`asker${i % 3}`, `how do I mount drive number ${i} on ubuntu?`, 600);
      const answer = chat.say(i % 2 ? 'helper' : 'sage', `@asker${i % 3} open the Disks app and press play for drive ${i}`, 60);
      events.push(question, answer, chat.say(`asker${i % 3}`, `@${i % 2 ? 'helper' : 'sage'} thanks, that worked`, 60), chat.react(`asker${i % 3}`, answer, 'pray'));
    }
    for (let i = 0; i < 12; i++) events.push(chat.say('chatty', `good morning everyone, day ${i}`, 3600 * 6));
    await rapport.pipeline.handleBatch(events);
    await rapport.ports.recognition.flush();
  });
  const repos = createRepositories(dbA.prisma);
  await repos.knowledgeBase.importAll(COMMUNITY, [{ id: 'mount', question: 'How do I mount a drive?', answer: 'Open Disks and press play.', phrasings: ['mount usb'], tags: ['disks'], language: 'en' }], { replace: false });
  await repos.privacy.set('console:test:asker2', COMMUNITY, { noDms: true });
  await writeFile(path.join(dir, 'karma.csv'), 'name,points\nhelper,3\n');
  expect((await runInProcess(['import', 'scores', '--from', 'csv', path.join(dir, 'karma.csv'), '--community', COMMUNITY], envA)).code).toBe(0);
}, 240_000);

afterAll(async () => {
  await dbA.close();
  await dbB.close();
  await dropSchema(schemaA);
  await dropSchema(schemaB);
  await rm(dir, { recursive: true, force: true });
});

describe('rapport export community / import community', () => {
  it('GIVEN a community exported as JSON Lines WHEN imported into an empty database THEN every leaderboard, every table row count and the score watermark are identical', async () => {
    const exported = await runInProcess(['export', 'community', '--community', COMMUNITY, '--format', 'jsonl', '--out', archive], envA);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const lines = (await readFile(archive, 'utf8')).trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ kind: 'rapport-community', schemaVersion: ARCHIVE_SCHEMA_VERSION, community: { id: COMMUNITY } });
    expect(exported.stdout).toContain(`Exported ${COMMUNITY}: ${lines.length - 1} rows`);

    // Without --out the archive goes to standard output, the report to standard error.
    const piped = await runInProcess(['export', 'community', '--community', COMMUNITY], envA);
    expect(piped.code).toBe(0);
    expect(piped.stdout.trimEnd().split('\n').slice(1).sort()).toEqual(lines.slice(1).sort());
    expect(piped.stderr).toContain(`Exported ${COMMUNITY}: ${lines.length - 1} rows to stdout.`);

    const imported = await runInProcess(['import', 'community', archive], envB);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`Imported ${COMMUNITY} from ${archive}: ${lines.length - 1} rows.`);

    const before = await boards(dbA, COMMUNITY);
    expect(before['all/helpers']!.length).toBeGreaterThan(1);
    expect(before['week/engagement']!.length).toBeGreaterThan(3);
    expect(await boards(dbB, COMMUNITY)).toEqual(before);
    const counts = await rowCounts(dbA, COMMUNITY);
    expect(counts['ActivityEvent']).toBeGreaterThan(30);
    expect(counts['KnowledgeEntry']).toBe(1);
    expect(counts['ImportedScore']).toBe(1);
    expect(await rowCounts(dbB, COMMUNITY)).toEqual(counts);
    const newest = async (db: Database) => (await db.prisma.activityEvent.aggregate({ where: { communityId: COMMUNITY }, _max: { id: true } }))._max.id;
    const mark = async (db: Database) => (await db.prisma.scoreWatermark.findUnique({ where: { communityId: COMMUNITY } }))?.appliedEventId;
    expect(await mark(dbA)).toBeGreaterThan(0n);
    expect(await mark(dbA)).toBe(await newest(dbA));
    expect(await mark(dbB)).toBe(await newest(dbB));
  }, 240_000);

  it('GIVEN the same export WHEN imported with --community copy THEN a console community "copy" ranks the same people with the same scores, beside the original', async () => {
    const imported = await runInProcess(['import', 'community', archive, '--community', 'copy'], envB);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(await boards(dbB, 'console:copy')).toEqual(await boards(dbA, COMMUNITY));
    expect(await dbB.prisma.member.count({ where: { communityId: 'console:copy' } })).toBe(await dbA.prisma.member.count({ where: { communityId: COMMUNITY } }));
    expect(await dbB.prisma.member.count({ where: { id: { startsWith: 'console:copy:' } } })).toBe(await dbA.prisma.member.count());
    expect((await dbB.prisma.community.findUnique({ where: { id: 'console:copy' } }))?.name).toBe('copy');
  }, 240_000);

  it('GIVEN an export from before scores were counters (schema version 1, JSON states) WHEN imported THEN the states are skipped, it says so, and a rebuild from the imported events gives the same boards', async () => {
    const lines = (await readFile(archive, 'utf8')).trimEnd().split('\n');
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    // Version 1 kept one MemberScore row per member with the whole state as JSON, and no counter tables.
    const old = lines.slice(1).flatMap((line) => {
      const { table, row } = JSON.parse(line) as { table: string; row: Record<string, unknown> };
      if (table === 'ScoreTally' || table === 'ScoreHelped') return [];
      if (table === 'MemberScore') return [JSON.stringify({ table, row: { scopeId: row['scopeId'], memberId: row['memberId'], communityId: row['communityId'], state: { all: { messages: 1 } }, version: 1 } })];
      return [line];
    });
    const file = path.join(dir, 'version1.jsonl');
    await writeFile(file, `${[JSON.stringify({ ...header, schemaVersion: 1 }), ...old].join('\n')}\n`);
    const imported = await runInProcess(['import', 'community', file, '--community', 'old'], envB);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('recomputed from the imported events');
    expect(await dbB.prisma.memberScore.count({ where: { communityId: 'console:old' } })).toBe(0);
    const rebuilt = await runInProcess(['scores', 'rebuild', '--community', 'console:old'], envB);
    expect(rebuilt.code).toBe(0);
    const rounded = (b: Record<string, Board>) => JSON.parse(JSON.stringify(b, (_k, v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)));
    expect(rounded(await boards(dbB, 'console:old'))).toEqual(rounded(await boards(dbA, COMMUNITY)));
  }, 240_000);

  it('GIVEN a newer schema version, a broken line, an unknown table, a row of another community or a community already stored THEN each is refused with a clear message and nothing is written', async () => {
    const lines = (await readFile(archive, 'utf8')).trimEnd().split('\n');
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const variant = async (name: string, edit: (l: string[]) => string[]) => {
      const file = path.join(dir, name);
      await writeFile(file, `${edit([...lines]).join('\n')}\n`);
      return file;
    };
    const other = { ...header, community: { id: 'console:other', platform: 'console', name: 'other' } };
    const cases: Array<{ file: string; args?: string[]; message: RegExp }> = [
      { file: await variant('newer.jsonl', (l) => [JSON.stringify({ ...header, schemaVersion: 99, somethingNew: true }), ...l.slice(1)]), message: new RegExp(`newer Rapport \\(export schema version 99; this one reads up to ${ARCHIVE_SCHEMA_VERSION}\\)`) },
      { file: await variant('not-archive.jsonl', (l) => ['{"players": []}', ...l.slice(1)]), message: /Line 1 is not a Rapport community export/ },
      { file: await variant('broken.jsonl', (l) => [...l.slice(0, 5), '{"table": "Member", "row": {"id": "console:new:x"', ...l.slice(5)]), args: ['--community', 'fresh1'], message: /Line 6: not JSON/ },
      { file: await variant('unknown.jsonl', (l) => [...l, '{"table": "Wallet", "row": {"communityId": "console:test"}}']), args: ['--community', 'fresh2'], message: new RegExp(`Line ${lines.length + 1}: "Wallet" is not something this Rapport stores`) },
      { file: await variant('foreign.jsonl', (l) => [JSON.stringify(other), ...l.slice(1)]), message: /Line 2: the row belongs to community console:test, not console:other/ },
      { file: archive, message: /already has community console:test.*--community NEW_NAME/ },
    ];
    const before = await totalRows(dbB);
    for (const { file, args, message } of cases) {
      const result = await runInProcess(['import', 'community', file, ...(args ?? [])], envB);
      expect(result.stderr, path.basename(file)).toMatch(message);
      expect(result.stderr).toContain('Nothing was imported');
      expect(result.code).toBe(1);
    }
    expect(await totalRows(dbB)).toBe(before);
    expect(await dbB.prisma.community.count({ where: { id: { in: ['console:fresh1', 'console:fresh2', 'console:other'] } } })).toBe(0);
  }, 240_000);

  it('GIVEN the live schema THEN every table with a communityId column is archived or listed as deliberately not archived', async () => {
    const rows = await dbA.prisma.$queryRawUnsafe<Array<{ table: string }>>(`SELECT DISTINCT table_name AS "table" FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'communityId' ORDER BY 1`);
    const known = new Set<string>([...ARCHIVE_TABLES.map((t) => t.name), ...NOT_ARCHIVED]);
    expect(rows.map((r) => r.table).filter((t) => !known.has(t))).toEqual([]);
  });
});
