// Applies the committed SQL migrations in prisma/migrations (Prisma's folder layout) and records
// them in a `_prisma_migrations` table with Prisma's own columns and checksums (sha256 of the
// file), so `prisma migrate deploy` agrees with what Rapport applied wherever Prisma's native
// engine is available. Prisma's advisory lock key keeps two processes from migrating at once.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RapportError } from '../core/errors.ts';
import type { SqlRunner } from './sql-runner.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
// The lock id Prisma Migrate uses on PostgreSQL.
const PRISMA_ADVISORY_LOCK = 72707369;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Applies pending migrations; returns the names applied now. */
export async function migrate(runner: SqlRunner, options: { dir?: string; lock?: boolean } = {}): Promise<string[]> {
  const migrations = await readMigrations(options.dir);
  const lock = options.lock ?? true;
  if (lock) await runner.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
  try {
    await runner.exec(CREATE_TABLE);
    const rows = await runner.query<AppliedRow>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"');
    const applied = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r]));
    const done: string[] = [];
    for (const migration of migrations) {
      const row = applied.get(migration.name);
      if (row && row.finished_at === null) {
        throw new RapportError('db.migration_failed_before', `Migration ${migration.name} failed earlier and was left unfinished. Fix the database by hand, then mark it rolled back (prisma migrate resolve --rolled-back ${migration.name}) and start again.`);
      }
      if (row) {
        if (row.checksum !== migration.checksum) {
          throw new RapportError('db.migration_modified', `Migration ${migration.name} was changed after it was applied. Committed migrations must never be edited: restore the file and add a new migration instead.`);
        }
        continue;
      }
      await applyOne(runner, migration);
      done.push(migration.name);
    }
    return done;
  } finally {
    if (lock) await runner.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]);
  }
}

async function applyOne(runner: SqlRunner, migration: Migration): Promise<void> {
  const id = randomUUID();
  await runner.exec('BEGIN');
  try {
    await runner.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)', [id, migration.checksum, migration.name]);
    await runner.exec(migration.sql);
    await runner.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
    await runner.exec('COMMIT');
  } catch (error) {
    await runner.exec('ROLLBACK');
    throw new RapportError('db.migration_failed', `Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, { cause: error });
  }
}

/** Names of committed migrations not yet applied to this database. */
export async function pendingMigrations(runner: SqlRunner, dir?: string): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const exists = await runner.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`);
  if (!exists[0]?.exists) return migrations.map((m) => m.name);
  const rows = await runner.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL');
  const applied = new Set(rows.map((r) => r.migration_name));
  return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
}
