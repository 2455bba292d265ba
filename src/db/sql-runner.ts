// A minimal SQL surface over one connection, for migrations and schema introspection, shared by
// PostgreSQL (node-postgres) and PGlite.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

export interface SqlRunner {
  /** Runs one statement with parameters. */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Runs a script of several statements. */
  exec(script: string): Promise<void>;
}

export function pgRunner(client: pg.Client | pg.PoolClient): SqlRunner {
  return {
    async query<R>(text: string, params: unknown[] = []) {
      const result = await client.query(text, params);
      return result.rows as R[];
    },
    async exec(script) {
      await client.query(script);
    },
  };
}

export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    async query<R>(text: string, params: unknown[] = []) {
      const result = await db.query(text, params);
      return result.rows as R[];
    },
    async exec(script) {
      await db.exec(script);
    },
  };
}
