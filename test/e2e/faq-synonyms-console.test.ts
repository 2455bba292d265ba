// Proves /faq synonyms in the console on the real Rapport and PostgreSQL: a moderator's group makes a question in other words find its entry (and removing it undoes that), bad groups and broken files get a clear message and store nothing, a good file is imported whole, another process rebuilds its index when the groups change, and members cannot change groups.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswering } from '../../src/core/answers/feature/create-answering.ts';
import { noopMetrics } from '../../src/core/metrics.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { createConsoleDriver } from '../support/console-driver.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

const KB = {
  language: 'en',
  entries: [
    { id: 'refund', question: 'How long does a refund take?', answer: 'Refunds reach your card within 5 working days.' },
    { id: 'carriers', question: 'Which carriers do you ship with?', answer: 'We ship with DHL and the national post.' },
  ],
};
const QUESTION = 'when do I get my money back';

describe('/faq synonyms in the console', () => {
  let app: TestApp;
  let dir: string;
  const chat = createConsoleDriver();
  const say = (speaker: string, ...lines: string[]) => chat.send(`/as ${speaker}`, '/in general', ...lines);
  const groups = async () => (await app.repos.synonyms.list('console:local')).map((g) => g.words);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rapport-synonyms-'));
    await writeFile(join(dir, 'shop.kb.json'), JSON.stringify(KB));
    await writeFile(join(dir, 'good.txt'), '# shop words\ncarrier, courier, куриер\n\nпратка, колет\n');
    await writeFile(join(dir, 'broken.txt'), 'parcel, package\nwarranty\n');
    app = await createTestApp({ adapters: ({ translator }) => [chat.adapter(translator)] });
    expect(await say('mod mod', `/faq import path:${join(dir, 'shop.kb.json')}`)).toContain('Imported 2 entries');
  });

  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN a question in words the knowledge base lacks WHEN a moderator adds a group THEN /faq ask finds the entry, and removing the group undoes it', async () => {
    expect(await say('mod mod', `/faq ask question:"${QUESTION}"`)).not.toContain('refund');
    const added = await say('mod mod', '/faq synonyms add words:"refund, money back, възстановяване"');
    expect(added).toMatch(/Synonym group #(\d+) added: refund, money back, възстановяване/);
    expect(await say('mod mod', `/faq ask question:"${QUESTION}"`)).toContain('refund');
    expect(await say('mod mod', '/faq synonyms list')).toContain('refund, money back, възстановяване');
    const id = /#(\d+)/.exec(added)![1];
    expect(await say('mod mod', `/faq synonyms remove id:${id}`)).toContain(`Synonym group #${id} removed`);
    expect(await say('mod mod', `/faq ask question:"${QUESTION}"`)).not.toContain('refund');
    expect(await say('mod mod', `/faq synonyms remove id:${id}`)).toContain(`There is no synonym group #${id}`);
  });

  it('GIVEN bad groups THEN each gets a message saying what to write and nothing is stored', async () => {
    expect(await say('mod mod', '/faq synonyms add words:refund')).toContain('at least two different words');
    expect(await say('mod mod', '/faq synonyms add words:" , , "')).toContain('The group is empty');
    expect(await say('mod mod', `/faq synonyms add words:"${Array.from({ length: 25 }, (_, i) => `w${i}x`).join(', ')}"`)).toContain('at most 20 words or phrases');
    expect(await say('mod mod', '/faq synonyms add')).toContain('Say which words mean the same');
    expect(await groups()).toEqual([]);
  });

  it('GIVEN a file with a bad line THEN the line is named and nothing is imported; a good file is imported whole', async () => {
    const broken = await say('mod mod', `/faq synonyms import path:${join(dir, 'broken.txt')}`);
    expect(broken).toContain('Line 2');
    expect(broken).toContain('Nothing was imported');
    expect(await groups()).toEqual([]);
    expect(await say('mod mod', `/faq synonyms import path:${join(dir, 'missing.txt')}`)).toContain('Cannot read');
    expect(await say('mod mod', `/faq synonyms import path:${join(dir, 'good.txt')}`)).toContain('2 groups (2 new, 0 already there, 0 removed)');
    expect(await groups()).toEqual([['carrier', 'courier', 'куриер'], ['пратка', 'колет']]);
  });

  it('GIVEN another Rapport process holding the index WHEN the groups change THEN it rebuilds after its version check', async () => {
    let clock = 0;
    const other = createAnswering({ kb: app.repos.knowledgeBase, synonyms: app.repos.synonyms, answerLogs: app.repos.answerLogs, channels: app.repos.channels, repliers: app.rapport.ports.repliers, translator: app.translator, logger: createLogger({ level: 'silent', pretty: false }), metrics: noopMetrics, now: () => clock, readFile: async () => '', checkEveryMs: 5_000 });
    const top = async () => (await other.ask('console:local', 'Which couriers deliver to Varna?')).candidates[0]?.key;
    expect(await top()).toBe('carriers');
    const before = await other.ask('console:local', QUESTION);
    expect(before.candidates.map((c) => c.key)).not.toContain('refund');
    expect(await say('mod mod', '/faq synonyms add words:"refund, money back"')).toContain('added');
    clock = 10_000;
    await other.cache.refresh('console:local');
    expect((await other.ask('console:local', QUESTION)).candidates[0]?.key).toBe('refund');
  });

  it('GIVEN a member who is not a moderator THEN /faq synonyms is refused', async () => {
    expect(await say('ann', '/faq synonyms add words:"shop, store"')).toContain('for moderators only');
    expect((await groups()).some((g) => g.includes('shop'))).toBe(false);
  });
});
