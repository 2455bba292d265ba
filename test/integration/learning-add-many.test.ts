// The learning queue's batch insert (addMany, one statement per replay batch, outside Prisma) on
// real PostgreSQL and on the embedded PGlite: it stores exactly what `add` stores, field for field
// (the answer's message ids as an array, the question's time, imported, a null entry key), skips a
// question that has its suggestion already, and says how many were new.
import { afterAll, describe, expect, it } from 'vitest';
import type { SuggestionInput } from '../../src/core/learning/ports.ts';
import { createLearningRepository } from '../../src/db/learning-repository.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from '../support/services.ts';

const base = (n: number, extra: Partial<SuggestionInput> = {}): SuggestionInput => ({
  communityId: 'console:local',
  channelId: 'console:local:general',
  questionMessageId: `q${n}`,
  askerMemberId: 'console:local:ana',
  creditedMemberId: 'console:local:bob',
  questionText: `how do I mount drive ${n}? it's "quoted" — и на български`,
  answerText: `use fstab\nline two ${n}`,
  answerMessageIds: [`a${n}`, `a${n}b`],
  signal: 'thanks',
  signalMessageId: `s${n}`,
  language: 'bg',
  imported: true,
  entryKey: null,
  createdAt: new Date(`2026-11-2${n}T10:00:00.123Z`),
  ...extra,
});

const schema = uniqueName('learnmany');
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
  await dropSchema(schema);
});

describe.each([
  ['PostgreSQL', () => openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true })],
  ['PGlite', () => openDatabase({ kind: 'pglite', dataDir: 'memory://' }, { migrate: true })],
] as const)('learning addMany on %s', (_name, open) => {
  it('GIVEN suggestions, one of them already stored THEN the others are stored as add stores them and the count says how many', async () => {
    const db = await open();
    opened.push(db);
    const repo = createLearningRepository(db.prisma);
    const single = await repo.add(base(1));
    expect(single).not.toBeNull();
    const added = await repo.addMany!([base(1, { questionText: 'a second signal' }), base(2), base(3, { entryKey: 'mount', imported: false, language: 'en', signal: 'check-mark' })]);
    expect(added).toBe(2);
    const rows = await repo.pending('console:local', 10);
    const strip = ({ id: _id, ...rest }: (typeof rows)[number]) => rest;
    expect(rows.map(strip)).toEqual([
      strip(single!),
      { ...base(2), status: 'pending', resultKey: null, decidedBy: null, decidedAt: null },
      { ...base(3, { entryKey: 'mount', imported: false, language: 'en', signal: 'check-mark' }), status: 'pending', resultKey: null, decidedBy: null, decidedAt: null },
    ]);
    expect(rows[0]!.questionText).toBe(base(1).questionText);
    expect(await repo.addMany!([])).toBe(0);
  });
});
