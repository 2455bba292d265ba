// Proves the answers command line through the real `rapport` bin: `faq import` rejects a bad file naming its entry and imports nothing, imports a good file into the stored community in one go, `faq import --synonyms` does the same for synonym groups, `eval answers --json` prints exactly one JSON object of the fixed shape on stdout, and with no arguments, run from any folder, evaluates the bundled knowledge bases.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAQ_DIR } from '../../src/cli/bundled-datasets.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { SPAWN_TIMEOUT_MS, runRapport } from '../support/run-cli.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from '../support/services.ts';

const FAQ = FAQ_DIR;

describe('answers on the command line', () => {
  const schema = uniqueName('faqcli');
  const env = { DATABASE_URL: `${POSTGRES_URL}?schema=${schema}` };
  let db: Database;
  let dir: string;

  beforeAll(async () => {
    db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
    await db.prisma.community.create({ data: { id: 'slack:T1', platform: 'slack', name: 'Acme' } });
    dir = await mkdtemp(join(tmpdir(), 'rapport-faq-cli-'));
    await writeFile(join(dir, 'broken.json'), JSON.stringify({ entries: [{ id: 'a', question: 'Q?', answer: 'A' }, { id: 'a', question: 'Q2?', answer: 'B' }] }));
  }, SPAWN_TIMEOUT_MS);

  afterAll(async () => {
    await db.close();
    await dropSchema(schema);
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN a file with a duplicate id THEN faq import names it, exits 1 and imports nothing; a good file is imported whole', async () => {
    const bad = await runRapport(['faq', 'import', join(dir, 'broken.json')], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not imported \(entry #2 "a"\).*used twice/);
    expect(await db.prisma.knowledgeEntry.count()).toBe(0);

    const good = await runRapport(['faq', 'import', join(FAQ, 'stackfaq.kb.json')], { env });
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('Imported 125 entries');
    // The self-check: StackFAQ's 125 questions asked with each left out, and with each entry taken out.
    expect(good.stdout).toMatch(/Self-check on your own entries .*asked 125 of their questions .*asked 125 questions whose entry was taken out/);
    expect(await db.prisma.knowledgeEntry.count({ where: { communityId: 'slack:T1' } })).toBe(125);
    expect((await db.prisma.answerSettings.findUnique({ where: { communityId: 'slack:T1' } }))?.kbVersion).toBe(1);
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN a synonym file with a bad line THEN faq import --synonyms names the line, exits 1 and stores nothing; a good file is stored whole', async () => {
    await writeFile(join(dir, 'bad-synonyms.txt'), 'refund, money back\nwarranty\n');
    await writeFile(join(dir, 'synonyms.txt'), '# our words\nrefund, money back\nдоставка, пратка, куриер\n');
    const bad = await runRapport(['faq', 'import', '--synonyms', join(dir, 'bad-synonyms.txt'), '--community', 'slack:T1'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Line 2');
    expect(await db.prisma.synonymGroup.count()).toBe(0);
    const good = await runRapport(['faq', 'import', '--synonyms', join(dir, 'synonyms.txt'), '--community', 'slack:T1'], { env });
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('2 groups (2 new');
    expect((await db.prisma.synonymGroup.findMany({ orderBy: { id: 'asc' } })).map((g) => g.words)).toEqual([['refund', 'money back'], ['доставка', 'пратка', 'куриер']]);
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN the StackFAQ knowledge base and two query files THEN eval answers --json prints one JSON object and nothing else', async () => {
    const run = await runRapport(['eval', 'answers', '--kb', join(FAQ, 'stackfaq.kb.json'), '--queries', join(FAQ, 'stackfaq.dev.jsonl'), '--queries', join(FAQ, 'out-of-scope.dev.jsonl'), '--json'], { env: {} });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!);
    expect(result).toMatchObject({ entries: 125, sets: [{ total: 500, inScope: 500, outOfScope: 0 }, { total: 200, inScope: 0, outOfScope: 200 }] });
    expect(Object.keys(result.sets[0]).sort()).toEqual(['answered', 'answeredCorrect', 'answeredWrong', 'inScope', 'outOfScope', 'outOfScopeAnswered', 'queries', 'top1', 'total']);
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN no arguments, run from a folder outside the repository THEN eval answers --json evaluates the three bundled knowledge bases on their dev sets', async () => {
    const run = await runRapport(['eval', 'answers', '--json'], { env: {}, cwd: dir });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { kb: string; entries: number; sets: Array<{ queries: string; total: number }> });
    expect(lines.map((l) => [l.kb, l.entries])).toEqual([[join(FAQ, 'stackfaq.kb.json'), 125], [join(FAQ, 'banking77.kb.json'), 77], [join(FAQ, 'shop-bg.kb.json'), 15]]);
    expect(lines.map((l) => l.sets.map((s) => s.total))).toEqual([[500, 200], [1155, 200], [33, 200]]);
  }, SPAWN_TIMEOUT_MS);
});
