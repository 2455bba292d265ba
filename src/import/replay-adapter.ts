// The adapter a replay runs with: history arrives through the pipeline directly, never from a
// platform, and whatever the features would post about it (answers to year-old questions) goes
// nowhere. It counts what it swallowed, so a benchmark can show the answering path ran.
import type { ChatAdapter } from '../core/adapter.ts';
import type { Platform } from '../core/ids.ts';

export interface ReplayAdapter extends ChatAdapter {
  readonly swallowed: { posts: number; dms: number };
}

export function createReplayAdapter(platform: Platform): ReplayAdapter {
  const swallowed = { posts: 0, dms: 0 };
  let n = 0;
  return {
    platform,
    swallowed,
    replier: {
      async post(target) {
        swallowed.posts++;
        return { messageId: `replay-${++n}`, channelId: target.channelId };
      },
      async dm(memberId) {
        swallowed.dms++;
        return { messageId: `replay-${++n}`, channelId: memberId };
      },
    },
    async start() {},
    async stop() {},
  };
}
