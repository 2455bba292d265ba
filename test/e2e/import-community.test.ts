// Proves `rapport import slack-export DIR --community NAME` puts the history in a community the console opens with `rapport start --community NAME`, says so at the end, and that a bad name is refused before anything is written.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPAWN_TIMEOUT_MS, runRapport } from '../support/run-cli.ts';

let dir: string;
let exportDir: string;
const ts = (iso: string, n: number) => `${Math.floor(new Date(iso).getTime() / 1000)}.${String(n).padStart(6, '0')}`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rapport-community-'));
  exportDir = path.join(dir, 'export');
  await mkdir(path.join(exportDir, 'general'), { recursive: true });
  const user = (id: string, name: string) => ({ id, name, is_bot: false, profile: { display_name: name } });
  await writeFile(path.join(exportDir, 'users.json'), JSON.stringify([user('U1', 'alice'), user('U2', 'bob'), user('U3', 'carol')]));
  await writeFile(path.join(exportDir, 'channels.json'), JSON.stringify([{ id: 'C1', name: 'general' }]));
  await writeFile(
    path.join(exportDir, 'general', '2024-03-04.json'),
    JSON.stringify([
      { type: 'message', user: 'U3', text: 'how do I resize a partition without losing data?', ts: ts('2024-03-04T09:00:00Z', 1) },
      { type: 'message', user: 'U1', text: '<@U3> boot a live USB and use gparted, back up first', ts: ts('2024-03-04T09:01:00Z', 2) },
      { type: 'message', user: 'U3', text: 'thanks <@U1>!', ts: ts('2024-03-04T09:03:00Z', 3) },
      { type: 'message', user: 'U2', text: 'morning all', ts: ts('2024-03-04T09:05:00Z', 4) },
    ]),
  );
}, SPAWN_TIMEOUT_MS);

/** A second export whose days are the last two weeks: alice helps on eight different days. */
async function recentExport(): Promise<string> {
  const where = path.join(dir, 'recent-export');
  await mkdir(path.join(where, 'general'), { recursive: true });
  const user = (id: string, name: string) => ({ id, name, is_bot: false, profile: { display_name: name } });
  await writeFile(path.join(where, 'users.json'), JSON.stringify([user('U1', 'alice'), user('U3', 'carol'), user('U4', 'dan')]));
  await writeFile(path.join(where, 'channels.json'), JSON.stringify([{ id: 'C1', name: 'general' }]));
  const day = 86_400_000;
  const start = Date.now() - 16 * day;
  for (let d = 0; d < 8; d++) {
    const at = (minutes: number) => new Date(start + d * 2 * day + minutes * 60_000).toISOString();
    const asker = d % 2 === 0 ? 'U3' : 'U4';
    await writeFile(
      path.join(where, 'general', `${at(0).slice(0, 10)}.json`),
      JSON.stringify([
        { type: 'message', user: asker, text: `how do I fix problem number ${d} with my laptop wifi?`, ts: ts(at(0), 1) },
        { type: 'message', user: 'U1', text: `<@${asker}> reload the iwlwifi module and check dmesg for errors, that usually does it`, ts: ts(at(1), 2) },
        { type: 'message', user: asker, text: `thanks <@U1>, that worked!`, ts: ts(at(3), 3) },
        { type: 'message', user: 'U1', text: 'glad it helped, shout if it comes back after a reboot', ts: ts(at(4), 4) },
      ]),
    );
  }
  return where;
}

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rapport import --community', () => {
  it('GIVEN a Slack export imported with --community ubuntu WHEN the console starts with --community ubuntu THEN /leaderboard shows the imported helpers, and the default console community does not', async () => {
    const env = { RAPPORT_DATA_DIR: path.join(dir, 'data'), PORT: '0' };
    const imported = await runRapport(['import', 'slack-export', exportDir, '--community', 'ubuntu'], { env });
    expect(imported.stderr).not.toMatch(/error/i);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("Imported 4 messages (4 of 4 events new) into community 'console:ubuntu'");
    expect(imported.stdout).toContain('npx rapport start --community ubuntu');

    const again = await runRapport(['import', 'slack-export', exportDir, '--community', 'ubuntu'], { env });
    expect(again.stdout).toContain('(0 of 4 events new)');

    const there = await runRapport(['start', '--community', 'ubuntu'], { env, input: ['/leaderboard period:all', '/quit', ''].join('\n') });
    expect(there.code).toBe(0);
    expect(there.stdout).toContain('Console community: ubuntu.');
    const board = there.stdout.slice(there.stdout.indexOf('Leaderboard'));
    expect(board).toMatch(/1\. alice: [\d.]+ points \(helped 1 person in total, answered 1 question, thanked 1 time\)/);
    expect(board).toMatch(/2\. carol: /);

    const local = await runRapport(['start'], { env, input: ['/leaderboard period:all', '/quit', ''].join('\n') });
    expect(local.code).toBe(0);
    expect(local.stdout).not.toMatch(/\d\. alice:/);
  }, SPAWN_TIMEOUT_MS * 2);

  it('GIVEN a community name with a space THEN the import and the console refuse it with exit 2 and create nothing', async () => {
    const env = { RAPPORT_DATA_DIR: path.join(dir, 'refused') };
    const result = await runRapport(['import', 'slack-export', exportDir, '--community', 'my team'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"my team" cannot be a community name');
    const start = await runRapport(['start', '--community', 'a:b'], { env });
    expect(start.code).toBe(2);
    expect(start.stderr).toContain('"a:b" cannot be a community name');
    expect(existsSync(env.RAPPORT_DATA_DIR)).toBe(false);
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN an import of recent weeks WHEN it ends THEN the funnel stages are reviewed (alice is past "like"), and the console switches to the community with /community NAME', async () => {
    const env = { RAPPORT_DATA_DIR: path.join(dir, 'recent'), PORT: '0' };
    const imported = await runRapport(['import', 'slack-export', await recentExport(), '--community', 'laptops'], { env });
    expect(imported.code).toBe(0);
    const console = await runRapport(['start'], { env, input: ['/community', '/community laptops', '/member alice', '/leaderboard period:all kind:helpers', '/community my team', '/quit', ''].join('\n') });
    expect(console.code).toBe(0);
    expect(console.stdout).toContain('This is the community local.');
    expect(console.stdout).toContain('You are now in the community laptops, in #general.');
    expect(console.stdout).toMatch(/Stage: (love|advocate) since/);
    expect(console.stdout).toMatch(/1\. alice: /);
    expect(console.stdout).toContain('"my team" cannot be a community name');
  }, SPAWN_TIMEOUT_MS * 2);
});
