// Proves that `--help`/`-h` on every `rapport` command prints its usage to stdout, exits 0 and touches nothing (no data folder, no database schema), and that an unknown option exits 2 naming the nearest known one.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.ts';
import { POSTGRES_URL, uniqueName } from '../support/services.ts';
import { SPAWN_TIMEOUT_MS, runRapport } from '../support/run-cli.ts';
import { runInProcess } from '../support/run-cli-in-process.ts';

let dir: string;
const schema = uniqueName('help');

const run = (argv: string[], env: Record<string, string>) => runInProcess(argv, env);

async function schemaExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rapport-help-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rapport <command> --help', () => {
  it('GIVEN every command and subcommand WHEN run with --help or -h THEN usage is on stdout, exit 0, and no data folder or database schema appears', async () => {
    const dataDir = path.join(dir, 'data');
    const names = Object.keys(COMMANDS);
    expect(names).toEqual(expect.arrayContaining(['start', 'db migrate', 'bench all', 'import slack-export']));
    for (const name of names) {
      for (const flag of ['--help', '-h']) {
        const result = await run([...name.split(' '), flag], { RAPPORT_DATA_DIR: dataDir, DATABASE_URL: `${POSTGRES_URL}?schema=${schema}`, LOG_LEVEL: 'silent' });
        expect({ name, flag, code: result.code, stderr: result.stderr }).toEqual({ name, flag, code: 0, stderr: '' });
        expect(result.stdout).toContain(`Usage: rapport ${name}`);
        for (const option of Object.keys(COMMANDS[name]!.flags)) expect(result.stdout).toContain(`--${option}`);
      }
    }
    expect(existsSync(dataDir)).toBe(false);
    expect(await schemaExists(schema)).toBe(false);
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN the bin WHEN `rapport --help` and `rapport start --help` run in an empty folder THEN both print usage on stdout, exit 0, and no ./data is created', async () => {
    const root = await runRapport(['--help'], { cwd: dir });
    expect(root.code).toBe(0);
    expect(root.stdout).toContain('Usage: rapport <command>');
    expect(root.stdout).toContain('db migrate');
    const start = await runRapport(['start', '--help'], { cwd: dir });
    expect(start.code).toBe(0);
    expect(start.stdout).toContain('Usage: rapport start');
    expect(start.stdout).not.toContain('Rapport is ready');
    expect(existsSync(path.join(dir, 'data'))).toBe(false);
  }, SPAWN_TIMEOUT_MS);
});

describe('rapport <command> with an unknown option', () => {
  it('GIVEN a misspelt option WHEN run THEN it exits 2 on stderr naming the nearest known option, and nothing is created', async () => {
    const dataDir = path.join(dir, 'data2');
    const result = await run(['import', 'slack-export', 'somewhere', '--comunity', 'ubuntu'], { RAPPORT_DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown option --comunity. Did you mean --community?');
    expect(result.stderr).toContain('Usage: rapport import slack-export');
    expect(result.stdout).toBe('');
    const start = await run(['start', '--comunity=ubuntu'], { RAPPORT_DATA_DIR: dataDir });
    expect(start.code).toBe(2);
    expect(start.stderr).toContain('Did you mean --community?');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('GIVEN an option nothing resembles THEN it is refused without a suggestion; GIVEN a misspelt command THEN the nearest command is named', async () => {
    const odd = await run(['bench', 'all', '--zzzzzzzz'], {});
    expect(odd.code).toBe(2);
    expect(odd.stderr).toContain('Unknown option --zzzzzzzz.');
    expect(odd.stderr).not.toContain('Did you mean');
    const command = await run(['strat'], {});
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('Did you mean "rapport start"?');
  });
});
