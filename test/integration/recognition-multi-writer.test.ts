// Proves two Rapport processes sharing one PostgreSQL schema can credit the same member and flush in any order without losing points: the stored totals (atomic increments) are the sum of what both saw.
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { ChatEvent } from '../../src/core/events.ts';
import type { MemberScoreState } from '../../src/core/recognition/member-score-state.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { createPrismaScoreStore } from '../../src/db/score-store.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { features } from '../../src/feature-list.ts';
import { createTranslator } from '../../src/i18n/create-translator.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { buildRapport, type Rapport } from '../../src/main.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from '../support/services.ts';
import { chatScript, COMMUNITY, idOf } from '../unit/recognition/chat-fixture.ts';

const START = new Date('2024-03-04T09:00:00Z');
const schema = uniqueName('multiwriter');
const opened: Array<{ rapport: Rapport; db: Database }> = [];

afterAll(async () => {
  for (const { rapport, db } of opened) {
    await rapport.stop();
    await db.close();
  }
  await dropSchema(schema);
});

/** One Rapport "process": its own database connection and caches, on the shared schema. */
async function instance(): Promise<Rapport> {
  const db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
  const logger = createLogger({ level: 'silent', pretty: false });
  const rapport = await buildRapport({
    repos: createRepositories(db.prisma),
    scheduler: createInProcessScheduler({ logger, backoffBaseMs: 10 }),
    logger,
    clock: fixedClock(START),
    translator: await createTranslator(),
    commands,
    features,
    adapters: [],
    defaults: { language: 'en', timeZone: 'Europe/Sofia' },
  });
  await rapport.start();
  opened.push({ rapport, db });
  return rapport;
}

/** The member's scores as stored (not either process's cached view). */
async function stored(db: Database, memberId: string): Promise<{ state: MemberScoreState }> {
  const state = await createPrismaScoreStore(db.prisma).get(COMMUNITY, memberId, 64);
  if (!state) throw new Error(`no stored score for ${memberId}`);
  return { state };
}

describe('recognition with two processes on one database', () => {
  it('GIVEN two instances crediting the same member alternately and flushing interleaved THEN the stored totals are the sum of both', async () => {
    const a = await instance();
    const b = await instance();
    const send = (r: Rapport, ...events: ChatEvent[]) => r.pipeline.handleBatch(events);
    const chat = chatScript(START);
    let messages = 0;
    let thanks = 0;
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 4; i++) {
        const target = (round + i) % 2 === 0 ? a : b;
        // Ann answers, and a different person thanks her each time (no daily pair cap in play).
        const asker = `asker${round}_${i}`;
        await send(target, chat.say(asker, 'how do I change the screen resolution in ubuntu?', 120));
        await send(target, chat.say('ann', `@${asker} open Settings, then Displays, and pick the resolution`, 30));
        await send(target, chat.say(asker, '@ann thanks, that worked', 30));
        messages += 1;
        thanks += 1;
      }
      // Interleaved flushes: each instance writes over what the other wrote since it loaded.
      await (round % 2 === 0 ? a : b).ports.recognition.flush();
      if (round % 3 === 2) await (round % 2 === 0 ? b : a).ports.recognition.flush();
    }
    await a.ports.recognition.flush();
    await b.ports.recognition.flush();

    const db = opened[0]!.db;
    const { state } = await stored(db, idOf('ann'));
    expect(state.all.messages).toBe(messages);
    expect(state.all.thanks).toBe(thanks);
    expect(state.all.answers).toBe(messages);
    expect(state.month.helped.length).toBe(24); // 24 different people helped, each once
    // Every asker's one question and one thank-you is counted once too.
    expect((await stored(db, idOf('asker5_3'))).state.all.messages).toBe(2);

    // One more credit in either process adds to the full total.
    await send(b, chat.say('ann', 'one more message from ann about displays', 120));
    await b.ports.recognition.flush();
    expect((await stored(db, idOf('ann'))).state.all.messages).toBe(messages + 1);
  });
});
