// Proves the pipeline stores each platform event once (a redelivery does not count twice), on real
// PostgreSQL and on PGlite, that stored times are the events' instants whatever the process's time
// zone, and that the daily roll-up is idempotent in the community's time zone.
import { describe, expect, it } from 'vitest';
import type { MessagePosted } from '../../src/core/events.ts';
import { defineFeature } from '../../src/core/feature.ts';
import { createTestApp } from '../support/harness.ts';

function message(id: string, author: string, at: string): MessagePosted {
  return {
    type: 'message.posted',
    platform: 'console',
    eventId: `console:${id}`,
    communityId: 'console:local',
    occurredAt: new Date(at),
    channelId: 'console:local:general',
    messageId: id,
    author: { memberId: `console:local:${author}`, displayName: author, isBot: false, isModerator: false },
    text: 'hello',
    mentions: [],
    mentionsBot: false,
  };
}

describe.each(['postgres', 'pglite'] as const)('pipeline storage on %s', (database) => {
  it('GIVEN the same event delivered twice THEN it is stored and handled once', async () => {
    const app = await createTestApp({ adapters: [], database });
    try {
      const handled: string[] = [];
      const first = await app.rapport.pipeline.handle(message('m1', 'alice', '2026-11-23T09:00:00Z'));
      const again = await app.rapport.pipeline.handle(message('m1', 'alice', '2026-11-23T09:00:00Z'));
      handled.push(String(first.stored), String(again.stored));
      await app.rapport.pipeline.handle(message('m2', 'bob', '2026-11-23T21:30:00Z'));
      expect(handled).toEqual(['true', 'false']);
      expect(await app.db.prisma.activityEvent.count()).toBe(2);
      const totals = await app.repos.activity.totals('console:local', { limit: 10 });
      expect(totals.map((t) => [t.displayName, t.count])).toEqual([
        ['alice', 1],
        ['bob', 1],
      ]);

      // 21:30 UTC is 23:30 in Sofia (UTC+2 in November): still the 23rd there.
      const from = new Date('2026-11-22T00:00:00Z');
      const to = new Date('2026-11-24T00:00:00Z');
      await app.repos.activity.rollUp('console:local', from, to, 'Europe/Sofia');
      await app.repos.activity.rollUp('console:local', from, to, 'Europe/Sofia');
      const rows = await app.db.prisma.activityRollup.findMany({ orderBy: { memberId: 'asc' } });
      expect(rows.map((r) => [r.memberId, r.day.toISOString().slice(0, 10), r.count])).toEqual([
        ['console:local:alice', '2026-11-23', 1],
        ['console:local:bob', '2026-11-23', 1],
      ]);
      await app.repos.activity.rollUp('console:local', from, to, 'Asia/Tokyo');
      const tokyo = await app.db.prisma.activityRollup.findMany({ where: { memberId: 'console:local:bob' } });
      expect(tokyo.map((r) => r.day.toISOString().slice(0, 10)).sort()).toEqual(['2026-11-23', '2026-11-24']);
    } finally {
      await app.close();
    }
  });
});

describe.each(['postgres', 'pglite'] as const)('stored times on %s', (database) => {
  it('GIVEN a process whose local time zone is not UTC THEN activity rows keep the events\' instants', async () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/New_York';
    const app = await createTestApp({ adapters: [], database });
    try {
      await app.rapport.pipeline.handleBatch([message('t1', 'alice', '2026-11-23T09:00:00.123Z'), message('t2', 'bob', '2026-07-01T23:30:00Z')]);
      const rows = await app.db.prisma.activityEvent.findMany({ orderBy: { platformEventId: 'asc' } });
      expect(rows.map((r) => r.occurredAt.toISOString())).toEqual(['2026-11-23T09:00:00.123Z', '2026-07-01T23:30:00.000Z']);
    } finally {
      await app.close();
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

// Batching and concurrency are the same code on both databases; PostgreSQL keeps this quick.
describe('pipeline batches on postgres', () => {
  const database = 'postgres' as const;
  it('GIVEN a batch with repeats inside it and of stored events THEN each event is routed once, in order', async () => {
    const routed: string[] = [];
    const app = await createTestApp({ adapters: [], database, features: [defineFeature({ name: 'routed', register: (registry) => registry.on('message.posted', async (event) => void routed.push(event.messageId)) })] });
    try {
      await app.rapport.pipeline.handle(message('a', 'alice', '2026-11-23T09:00:00Z'));
      const result = await app.rapport.pipeline.handleBatch([
        message('a', 'alice', '2026-11-23T09:00:00Z'),
        message('b', 'bob', '2026-11-23T09:01:00Z'),
        message('b', 'bob', '2026-11-23T09:01:00Z'),
        message('c', 'carol', '2026-11-23T09:02:00Z'),
      ]);
      expect(result).toEqual([false, true, false, true]);
      expect(routed).toEqual(['a', 'b', 'c']);
      expect(await app.db.prisma.activityEvent.count()).toBe(3);
      expect(await app.db.prisma.member.count()).toBe(3);
    } finally {
      await app.close();
    }
  });

  it('GIVEN events of new members in a new channel arriving at the same time THEN none is lost', async () => {
    const app = await createTestApp({ adapters: [], database });
    try {
      const events = Array.from({ length: 12 }, (_, i) => message(`x${i}`, i % 2 === 0 ? 'dora' : 'emil', `2026-11-23T10:00:${String(i).padStart(2, '0')}Z`));
      const results = await Promise.all(events.map((e) => app.rapport.pipeline.handle(e)));
      expect(results.every((r) => r.stored)).toBe(true);
      expect(await app.db.prisma.activityEvent.count()).toBe(12);
    } finally {
      await app.close();
    }
  });

  it('GIVEN a channel and guild first met without names THEN later events that carry the names rename them', async () => {
    const app = await createTestApp({ adapters: [], database });
    try {
      await app.rapport.pipeline.handle({
        type: 'member.joined',
        platform: 'console',
        eventId: 'console:join-1',
        communityId: 'console:local',
        occurredAt: new Date('2026-11-23T08:00:00Z'),
        channelId: 'console:local:C42',
        member: { memberId: 'console:local:fay', displayName: 'fay', isBot: false, isModerator: false },
      });
      expect((await app.repos.channels.get('console:local:C42'))?.name).toBe('C42');
      await app.rapport.pipeline.handle({ ...message('n1', 'fay', '2026-11-23T08:01:00Z'), channelId: 'console:local:C42', channelName: 'help-desk', communityName: 'Acme' });
      expect((await app.repos.channels.get('console:local:C42'))?.name).toBe('help-desk');
      expect((await app.repos.communities.get('console:local'))?.name).toBe('Acme');
    } finally {
      await app.close();
    }
  });
});
