// Opens the database Rapport runs on: PostgreSQL through @prisma/adapter-pg when DATABASE_URL is
// set, otherwise an embedded PostgreSQL (PGlite) in the data folder through its Prisma driver
// adapter. Migrations are applied first where asked (always for PGlite, which no one else shares).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../prisma/generated/client.ts';
import { RapportError } from '../core/errors.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import { registerRawQuery } from './raw-query.ts';
import { pgRunner, pgliteRunner, type SqlRunner } from './sql-runner.ts';

export type DatabaseTarget = { kind: 'postgres'; url: string; schema?: string } | { kind: 'pglite'; dataDir: string };

export interface Database {
  kind: DatabaseTarget['kind'];
  prisma: PrismaClient;
  /** Runs a callback with a raw SQL connection (migrations, introspection, bulk work). */
  withSql<T>(fn: (sql: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget, options: { migrate: boolean }): Promise<Database> {
  return target.kind === 'pglite' ? openPglite(target.dataDir, options) : openPostgres(target, options);
}

async function openPglite(dataDir: string, options: { migrate: boolean }): Promise<Database> {
  // Loaded only here: a process on PostgreSQL never needs the embedded database's code.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  const inMemory = dataDir === 'memory://';
  let release = async () => {};
  let db: PGlite;
  if (inMemory) {
    db = new PGlite();
  } else {
    const dir = path.resolve(dataDir, 'pglite');
    await mkdir(dir, { recursive: true });
    release = await acquireDataDirLock(path.resolve(dataDir));
    try {
      db = new PGlite(dir);
      await db.waitReady;
    } catch (error) {
      await release();
      throw new RapportError('db.pglite_open', `Cannot open the embedded database in ${dir}: ${(error as Error).message}. Move the folder away to start fresh, or set RAPPORT_DATA_DIR.`, { cause: error });
    }
  }
  const sql = pgliteRunner(db);
  if (options.migrate) await migrate(sql);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    kind: 'pglite',
    prisma,
    withSql: (fn) => fn(sql),
    async close() {
      await prisma.$disconnect();
      await db.close();
      await release();
    },
  };
}

function splitSchema(url: string, schema?: string): { connectionString: string; schema: string } {
  const parsed = new URL(url);
  const fromUrl = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema: schema ?? fromUrl ?? 'public' };
}

async function openPostgres(target: { url: string; schema?: string }, options: { migrate: boolean }): Promise<Database> {
  const { connectionString, schema } = splitSchema(target.url, target.schema);
  const searchPath = `-c search_path="${schema.replace(/"/g, '')}"`;
  const pool = new pg.Pool({ connectionString, options: searchPath, max: 10 });
  pool.on('error', () => {
    // Idle-client errors (server restart) surface again on the next query, where they are handled.
  });
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end();
    throw new RapportError('db.connect', `Cannot connect to the database in DATABASE_URL (${redact(connectionString)}): ${(error as Error).message}. Check the host, port, user and password, and that PostgreSQL is running.`, { cause: error });
  }
  try {
    if (schema !== 'public') await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
    if (options.migrate) await migrate(pgRunner(client));
  } finally {
    client.release();
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { schema }) });
  // The per-batch statements skip Prisma (raw-query.ts); same pool, so the same search_path.
  registerRawQuery(prisma, async <R>(text: string, params: readonly unknown[]) => (await pool.query(text, params as unknown[])).rows as R[]);
  return {
    kind: 'postgres',
    prisma,
    async withSql(fn) {
      const conn = await pool.connect();
      try {
        return await fn(pgRunner(conn));
      } finally {
        conn.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
