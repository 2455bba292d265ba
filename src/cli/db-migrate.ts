// `rapport db migrate`: applies committed migrations to the configured database.
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/open-database.ts';
import type { CliCommand } from './io.ts';
import { targetOf } from './open-parts.ts';

export const runDbMigrate: CliCommand = async (_argv, io) => {
  const config = loadConfig(io.env);
  const db = await openDatabase(targetOf(config), { migrate: false });
  try {
    const { migrate } = await import('../db/migrate.ts');
    const applied = await db.withSql((sql) => migrate(sql));
    io.stdout.write(applied.length === 0 ? 'The database is up to date.\n' : `Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}\n`).join('')}`);
    return 0;
  } finally {
    await db.close();
  }
};
