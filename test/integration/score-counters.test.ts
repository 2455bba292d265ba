// Proves scores kept as counters on real PostgreSQL: the delta statement adds exactly what the
// in-memory counter store adds (standings, tallies, people helped), a write sent again under the
// same id is added once, two writers at once both land, and the migration from JSON states keeps
// every figure a stored state had.
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createScoreState, figuresFor, currentScore, type Credit } from '../../src/core/recognition/member-score-state.ts';
import { defaultRecognitionConfig } from '../../src/core/recognition/recognition-config.ts';
import { createMemoryCounterStore } from '../../src/core/recognition/score-counter-store.ts';
import { addCreditToDelta, emptyDelta, type ScoreDelta } from '../../src/core/recognition/score-delta.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../../src/db/migrate.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { createPrismaScoreStore } from '../../src/db/score-store.ts';
import { pgRunner } from '../../src/db/sql-runner.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from '../support/services.ts';

const config = defaultRecognitionConfig;
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 2, 4, 9);
const schemas: string[] = [];
const opened: Database[] = [];

afterAll(async () => {
  for (const db of opened) await db.close();
  for (const schema of schemas) await dropSchema(schema);
});

async function freshDatabase(): Promise<Database> {
  const schema = uniqueName('counters');
  schemas.push(schema);
  const db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
  opened.push(db);
  await db.prisma.community.create({ data: { id: 'slack:T', platform: 'slack', name: 'T' } });
  for (const name of ['ann', 'bob', 'cy', 'dee']) await db.prisma.member.create({ data: { id: `slack:T:${name}`, communityId: 'slack:T', platformId: name, displayName: name } });
  return db;
}

/** A member's credits as one delta, the way the write-behind cache records them. */
function deltaOf(name: string, credits: Array<{ credit: Credit; at: number }>): ScoreDelta {
  const state = createScoreState('slack:T', `slack:T:${name}`, name, false, credits[0]?.at ?? T0);
  const delta = emptyDelta(state);
  for (const { credit, at } of credits) {
    const week = Math.floor((at - 4 * DAY) / (7 * DAY));
    const d = new Date(at);
    addCreditToDelta(delta, { credit, at, period: { day: Math.floor(at / DAY), week, month: d.getUTCFullYear() * 12 + d.getUTCMonth() } }, config);
  }
  return delta;
}

/** Deterministic credits over ten weeks, with help to a few people, reactions taken back, and late events. */
function someDeltas(seed: number): ScoreDelta[] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648), x / 2147483648);
  return ['ann', 'bob', 'cy'].map((name) =>
    deltaOf(
      name,
      Array.from({ length: 40 }, (_, i) => {
        const at = T0 + Math.floor(next() * 70 * DAY);
        const r = next();
        const credit: Credit =
          r < 0.4 ? { engagement: 1 + next(), counters: { messages: 1 } }
          : r < 0.8 ? { helper: 2 * next(), engagement: next(), counters: { replies: 1, answers: 1 }, helped: ['ann', 'bob', 'cy', 'dee'][Math.floor(next() * 4)]! }
          : { engagement: -0.5, counters: { reactions: -1 } };
        return { credit, at: at + i };
      }),
    ),
  );
}

describe('scores as counters on PostgreSQL', () => {
  it('GIVEN the same deltas written to PostgreSQL and to the in-memory counter store THEN every view agrees: standings, each period and people helped', async () => {
    const db = await freshDatabase();
    const sql = createPrismaScoreStore(db.prisma);
    const memory = createMemoryCounterStore();
    for (let batch = 0; batch < 3; batch++) {
      const deltas = someDeltas(batch + 1);
      for (const store of [sql, memory]) expect(await store.applyDeltas(deltas, { writeId: `w${batch}`, halfLives: config })).toBe(true);
    }
    const now = T0 + 80 * DAY;
    const figures = (states: Awaited<ReturnType<typeof sql.list>>) =>
      states
        .sort((a, b) => (a.memberId < b.memberId ? -1 : 1))
        .map((s) => ({
          member: s.memberId,
          current: [currentScore(s, 'helpers', now, config), currentScore(s, 'engagement', now, config)].map((v) => v.toFixed(9)),
          all: figuresFor(s, 'all', 0, config),
          week: figuresFor(s, 'week', s.week.key, config),
          month: figuresFor(s, 'month', s.month.key, config),
          closedWeeks: s.closedWeeks.map((c) => c.key),
          sketch: s.all.helped,
        }));
    const stored = figures(await sql.list('slack:T', 64));
    expect(stored).toHaveLength(3);
    expect(stored.every((s) => s.all.messages > 0 && s.all.helpedPeople > 0)).toBe(true);
    const round = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, n) => (typeof n === 'number' ? Math.round(n * 1e6) / 1e6 : n)));
    expect(round(stored)).toEqual(round(figures(await memory.list('slack:T', 64))));
  });

  it('GIVEN a batch sent again under the same write id (its reply was lost) THEN it is added once', async () => {
    const db = await freshDatabase();
    const sql = createPrismaScoreStore(db.prisma);
    const deltas = [deltaOf('ann', [{ credit: { engagement: 1, counters: { messages: 1 } }, at: T0 }])];
    expect(await sql.applyDeltas(deltas, { writeId: 'same', halfLives: config })).toBe(true);
    expect(await sql.applyDeltas(deltas, { writeId: 'same', halfLives: config })).toBe(false);
    expect(await sql.applyDeltas(deltas, { writeId: 'other', halfLives: config })).toBe(true);
    expect((await sql.get('slack:T', 'slack:T:ann', 64))?.all.messages).toBe(2);
  });

  it('GIVEN two processes crediting the same pair on one day THEN the stored daily counter is the sum, and a write sent again under its id is added once', async () => {
    const db = await freshDatabase();
    const sql = createPrismaScoreStore(db.prisma);
    const { createWriteBehindScoreStore } = await import('../../src/core/recognition/write-behind-score-store.ts');
    const [one, two] = [createWriteBehindScoreStore(sql), createWriteBehindScoreStore(sql)];
    const pair = 'thanks|slack:T:ann|slack:T:bob';
    for (const cache of [one, two, one]) await cache.bumpPair(pair, 19_800);
    await one.flush();
    await two.flush();
    expect((await sql.pairsOfDay(19_800)).get(pair)).toBe(3);
    // A third process starting now sees every credit of the day.
    expect(await createWriteBehindScoreStore(sql).bumpPair(pair, 19_800)).toBe(3);
    await sql.putPairs([{ pairKey: pair, day: 19_800, count: 2 }], { writeId: 'pairs-once', keepFromDay: 19_800 });
    await sql.putPairs([{ pairKey: pair, day: 19_800, count: 2 }], { writeId: 'pairs-once', keepFromDay: 19_800 });
    expect((await sql.pairsOfDay(19_800)).get(pair)).toBe(5);
  });

  it('GIVEN 20 writers adding to the same member at once THEN every increment lands', async () => {
    const db = await freshDatabase();
    const sql = createPrismaScoreStore(db.prisma);
    const one = () => [deltaOf('ann', [{ credit: { engagement: 1, helper: 1, counters: { messages: 1, thanks: 1 } }, at: T0 }])];
    await Promise.all(Array.from({ length: 20 }, (_, i) => sql.applyDeltas(one(), { writeId: `writer${i}`, halfLives: config })));
    const ann = await sql.get('slack:T', 'slack:T:ann', 64);
    expect(ann?.all).toMatchObject({ messages: 20, thanks: 20, engagement: 20, helper: 20 });
    expect(ann?.engagement.value).toBeCloseTo(20, 9);
  });

  it('GIVEN JSON score states stored before counters WHEN the migration runs THEN each member keeps every figure: standings, open and closed periods, people helped', async () => {
    let expected = { allTime: 0, week: 0, closed: [] as number[][] };
    const schema = uniqueName('countersmig');
    schemas.push(schema);
    const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${schema}"`);
      const runner = pgRunner(client);
      const all = await readMigrations();
      const last = all.findIndex((m) => m.name.endsWith('_score_counters'));
      const before = await mkdtemp(path.join(tmpdir(), 'rapport-migrations-'));
      for (const m of all.slice(0, last)) await cp(path.join(MIGRATIONS_DIR, m.name), path.join(before, m.name), { recursive: true });
      await migrate(runner, { dir: before });
      await client.query(`INSERT INTO "Community" ("id", "platform", "name", "updatedAt") VALUES ('slack:T', 'slack', 'T', now())`);
      await client.query(`INSERT INTO "Member" ("id", "communityId", "platformId", "displayName", "updatedAt") VALUES ('slack:T:ann', 'slack:T', 'ann', 'Ann', now())`);
      // A state as the engine kept it: help to three people this week, 70 people (a full sketch) all time, closed periods.
      const state = createScoreState('slack:T', 'slack:T:ann', 'Ann', false, T0);
      const period = (at: number) => ({ day: Math.floor(at / DAY), week: Math.floor((at - 4 * DAY) / (7 * DAY)), month: 24 * 12 + 2 });
      const { applyCredit } = await import('../../src/core/recognition/member-score-state.ts');
      for (let i = 0; i < 70; i++) applyCredit(state, { helper: 1, engagement: 0.5, counters: { replies: 1 }, helped: `slack:T:p${i}` }, T0 + i * 60_000, period(T0), config);
      for (let w = 1; w <= 3; w++) for (let i = 0; i < 3; i++) applyCredit(state, { helper: 2, counters: { answers: 1 }, helped: `slack:T:q${w}${i}` }, T0 + w * 7 * DAY + i, period(T0 + w * 7 * DAY), config);
      expected = { allTime: figuresFor(state, 'all', 0, config).helpedPeople, week: figuresFor(state, 'week', state.week.key, config).helpedPeople, closed: state.closedWeeks.map((c) => [c.answers, c.helpedPeople]) };
      expect(state.all.helped).toHaveLength(64);
      await client.query(`INSERT INTO "MemberScore" ("scopeId", "memberId", "communityId", "state", "version") VALUES ('slack:T', 'slack:T:ann', 'slack:T', $1::jsonb, 3)`, [JSON.stringify(state)]);
      expect(await migrate(runner)).toEqual([all[last]!.name, ...all.slice(last + 1).map((m) => m.name)]);
    } finally {
      await client.end();
    }
    const db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
    opened.push(db);
    const view = (await createPrismaScoreStore(db.prisma).get('slack:T', 'slack:T:ann', 64))!;
    expect(view.displayName).toBe('Ann');
    expect(view.all).toMatchObject({ replies: 70, answers: 9, helper: 88 });
    // 79 people all time in a full 64-hash sketch: the sketch's estimate is what was shown, and stays (placeholders beyond the hashes).
    expect(expected.allTime).toBeGreaterThan(64);
    expect(figuresFor(view, 'all', 0, config).helpedPeople).toBe(expected.allTime);
    expect(view.all.helped).toHaveLength(64);
    expect(view.week).toMatchObject({ answers: 3, helper: 6 });
    expect(figuresFor(view, 'week', view.week.key, config).helpedPeople).toBe(expected.week);
    expect(view.closedWeeks.map((c) => [c.answers, c.helpedPeople])).toEqual(expected.closed);
    expect(expected.closed).toEqual([[3, 3], [3, 3]]);
    expect(view.helper.value).toBeGreaterThan(0);
    expect(view.pace.lastAt).toBeLessThan(0);
  });
});
