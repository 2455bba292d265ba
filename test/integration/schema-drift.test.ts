// Proves the committed migrations create exactly what prisma/schema.prisma describes (models, fields,
// types, nullability, defaults, unique constraints, indexes, foreign keys), on real PostgreSQL and PGlite.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, pendingMigrations } from '../../src/db/migrate.ts';
import { pgRunner, pgliteRunner } from '../../src/db/sql-runner.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from '../support/services.ts';
import { actualShape, expectedShape } from '../support/schema-shape.ts';

const schemaFile = new URL('../../prisma/schema.prisma', import.meta.url).pathname;

describe('schema drift', () => {
  const schema = uniqueName('drift');
  afterAll(async () => {
    await dropSchema(schema);
  });

  it('GIVEN a fresh PostgreSQL schema WHEN the migrations are applied THEN it matches schema.prisma', async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${schema}"`);
      const runner = pgRunner(client);
      expect(await pendingMigrations(runner)).not.toHaveLength(0);
      const applied = await migrate(runner);
      expect(applied.length).toBeGreaterThan(0);
      expect(await pendingMigrations(runner)).toEqual([]);
      expect(await migrate(runner)).toEqual([]);
      const [expected, actual] = await Promise.all([expectedShape(schemaFile), actualShape(runner, schema)]);
      expect(actual.columns).toEqual(expected.columns);
      expect(actual.indexes).toEqual(expected.indexes);
      expect(actual.foreignKeys).toEqual(expected.foreignKeys);
      const rows = await runner.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
      expect(rows.map((r) => r.migration_name)).toEqual(applied);
      for (const row of rows) {
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(row.finished_at).not.toBeNull();
      }
    } finally {
      await client.end();
    }
  });

  it('GIVEN an embedded PGlite database WHEN the migrations are applied THEN it matches schema.prisma too', async () => {
    const db = new PGlite();
    try {
      const runner = pgliteRunner(db);
      await migrate(runner);
      const [expected, actual] = await Promise.all([expectedShape(schemaFile), actualShape(runner, 'public')]);
      expect(actual).toEqual(expected);
    } finally {
      await db.close();
    }
  });
});
