// Proves that members Rapport has never seen, arriving all at once right after start-up (a join and two messages each, handled concurrently as live events are), all get a score with every message counted: none of their first updates is lost.
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { ChatEvent } from '../../src/core/events.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { features } from '../../src/feature-list.ts';
import { createTranslator } from '../../src/i18n/create-translator.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { buildRapport, type Rapport } from '../../src/main.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from '../support/services.ts';

const START = new Date('2024-03-04T09:00:00Z');
const COMMUNITY = 'slack:TNEW';
const MEMBERS = 150;
const schema = uniqueName('newmembers');
let db: Database | undefined;
let rapport: Rapport | undefined;

afterAll(async () => {
  await rapport?.stop();
  await db?.close();
  await dropSchema(schema);
});

function events(i: number): ChatEvent[] {
  const member = { memberId: `slack:TNEW:U${i}`, displayName: `newcomer${i}`, isBot: false, isModerator: false };
  const at = (s: number) => new Date(START.getTime() + i * 1000 + s * 100);
  const base = { platform: 'slack' as const, communityId: COMMUNITY };
  const say = (n: number, text: string): ChatEvent => ({ ...base, type: 'message.posted', eventId: `slack:Ev${i}m${n}`, occurredAt: at(n), channelId: `${COMMUNITY}:C1`, messageId: `${i}.${n}`, author: member, text, mentions: [], mentionsBot: false });
  return [
    { ...base, type: 'member.joined', eventId: `slack:Ev${i}j`, occurredAt: at(0), member, channelId: `${COMMUNITY}:C1` },
    say(1, `hello everyone, I am newcomer number ${i} and glad to be here`),
    say(2, 'does anyone know how to change the screen resolution in ubuntu?'),
  ];
}

describe('brand-new members at start-up', () => {
  it('GIVEN 150 unseen members each joining and posting twice, all handled at once right after start-up THEN every one has a stored score counting both messages', async () => {
    db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
    const logger = createLogger({ level: 'silent', pretty: false });
    rapport = await buildRapport({
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
    const pipeline = rapport.pipeline;
    // Live adapters hand each event over as it arrives, without waiting for the one before.
    await Promise.all(Array.from({ length: MEMBERS }, (_, i) => events(i)).flat().map((event) => pipeline.handle(event)));
    await rapport.ports.recognition.flush();

    const rows = await db.prisma.scoreTally.findMany({ where: { scopeId: COMMUNITY, period: 'all' }, select: { memberId: true, messages: true } });
    const messages = new Map(rows.map((r) => [r.memberId, r.messages]));
    const missing = Array.from({ length: MEMBERS }, (_, i) => `slack:TNEW:U${i}`).filter((id) => messages.get(id) !== 2);
    expect(missing.map((id) => `${id}: ${messages.get(id) ?? 'no score'}`)).toEqual([]);
  });
});
