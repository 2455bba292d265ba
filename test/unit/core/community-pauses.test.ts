// Proves pausing a community in the core: repliers refuse to send into it (any platform), its jobs are skipped (by communityId, memberId or channelId) or end quietly when they meet it, other failures still fail, and resuming lets everything through again.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CommunityPausedError, createCommunityPauses, pausingRepliers, pausingScheduler, type CommunityPauseStore } from '../../../src/core/community-pauses.ts';
import type { JobDefinition, JobScheduler } from '../../../src/core/scheduler.ts';
import type { Replier } from '../../../src/core/outgoing.ts';
import { createLogger } from '../../../src/pino-logger.ts';

const logger = createLogger({ level: 'silent', pretty: false });

function memoryStore(known: string[]): CommunityPauseStore {
  const paused = new Map<string, Date | null>(known.map((id) => [id, null]));
  return {
    async setPaused(id, pause) {
      if (!paused.has(id)) return false;
      paused.set(id, pause?.at ?? null);
      return true;
    },
    pausedAt: async (id) => paused.get(id) ?? null,
  };
}

function capturingScheduler(): JobScheduler & { run(name: string, data: unknown): Promise<void> } {
  const defined = new Map<string, JobDefinition<unknown>>();
  return {
    kind: 'in-process',
    define: (definition) => void defined.set(definition.name, definition as JobDefinition<unknown>),
    enqueue: async () => {},
    repeat: async () => {},
    unrepeat: async () => {},
    repeating: async () => [],
    start: async () => {},
    close: async () => {},
    run: (name, data) => defined.get(name)!.process(data, { jobId: 'j1', attempt: 1 }),
  };
}

describe('community pauses', () => {
  it('GIVEN a paused community THEN posts, DMs and ephemerals there are refused; others and a resumed one go through', async () => {
    const pauses = createCommunityPauses({ store: memoryStore(['discord:G1', 'discord:G2']), now: () => new Date(), logger });
    const sent: string[] = [];
    const replier: Replier = {
      post: async (target) => (sent.push(target.channelId), { messageId: 'm', channelId: target.channelId }),
      dm: async (memberId) => (sent.push(memberId), { messageId: 'm', channelId: memberId }),
      ephemeral: async (channelId) => void sent.push(`eph:${channelId}`),
    };
    const repliers = pausingRepliers({ forId: () => replier }, pauses);
    expect(await pauses.pause('discord:G1', 'guild_removed')).toBe(true);
    expect(await pauses.pause('discord:G9', 'unknown')).toBe(false);
    await expect(repliers.forId('discord:G1:C1').post({ channelId: 'discord:G1:C1' }, { text: 'x' })).rejects.toBeInstanceOf(CommunityPausedError);
    await expect(repliers.forId('discord:G1:U1').dm('discord:G1:U1', { text: 'x' })).rejects.toMatchObject({ platform: 'discord', code: 'platform.discord.community_paused', retryable: false });
    await expect(repliers.forId('discord:G1:C1').ephemeral!('discord:G1:C1', 'discord:G1:U1', { text: 'x' })).rejects.toBeInstanceOf(CommunityPausedError);
    await repliers.forId('discord:G2:C1').post({ channelId: 'discord:G2:C1' }, { text: 'x' });
    await pauses.resume('discord:G1');
    await repliers.forId('discord:G1:U1').dm('discord:G1:U1', { text: 'x' });
    expect(sent).toEqual(['discord:G2:C1', 'discord:G1:U1']);
  });

  it('GIVEN jobs of a paused community THEN they are skipped or end quietly, and other failures still fail', async () => {
    const pauses = createCommunityPauses({ store: memoryStore(['slack:T1', 'slack:T2']), now: () => new Date(), logger });
    await pauses.pause('slack:T1', 'app_uninstalled');
    const inner = capturingScheduler();
    const scheduler = pausingScheduler(inner, pauses, logger);
    const ran: unknown[] = [];
    scheduler.define({ name: 'probe', schema: z.unknown(), process: async (data) => void ran.push(data) });
    scheduler.define({ name: 'sender', schema: z.unknown(), process: async () => { throw new CommunityPausedError('slack:T1'); } });
    scheduler.define({ name: 'broken', schema: z.unknown(), process: async () => { throw new Error('boom'); } });
    await inner.run('probe', { communityId: 'slack:T1' });
    await inner.run('probe', { memberId: 'slack:T1:U1', offerId: 'o1' });
    await inner.run('probe', { channelId: 'slack:T1:C1' });
    await inner.run('probe', { communityId: 'slack:T2' });
    await inner.run('probe', { scheduleId: 's1' });
    expect(ran).toEqual([{ communityId: 'slack:T2' }, { scheduleId: 's1' }]);
    await expect(inner.run('sender', {})).resolves.toBeUndefined();
    await expect(inner.run('broken', {})).rejects.toThrow('boom');
  });
});
