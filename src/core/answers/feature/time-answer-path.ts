// Times the live question path in-process: from a MessagePosted event handed to the answering
// feature to the moment it calls the replier (or decides to stay silent), with the real index,
// detection, confidence, learning penalty and log write against in-memory stores. What it leaves
// out: the pipeline's own database writes and the platform call itself.
import { performance } from 'node:perf_hooks';
import type { KbEntry } from '../index.ts';
import type { MessagePosted } from '../../events.ts';
import { noopMetrics } from '../../metrics.ts';
import type { Logger } from '../../logger.ts';
import type { Replier } from '../../outgoing.ts';
import type { Translator } from '../../translator.ts';
import { createAnswering } from './create-answering.ts';
import { createInMemoryAnswerLog, createInMemoryKnowledgeBase } from '../storage/in-memory-stores.ts';

export interface AnswerPathTiming {
  entries: number;
  questions: number;
  loadMs: number;
  answered: number;
  /** Per question, milliseconds from the event to the replier call (or to the silent decision). */
  times: number[];
  /** The same span in CPU milliseconds of this process: less sensitive to other busy processes. */
  cpuTimes: number[];
}

const COMMUNITY = 'console:bench';
const CHANNEL = 'console:bench:general';

export async function timeAnswerPath(input: { entries: readonly KbEntry[]; questions: readonly string[]; translator: Translator; logger: Logger; warmup?: number }): Promise<AnswerPathTiming> {
  const kb = createInMemoryKnowledgeBase();
  await kb.importAll(COMMUNITY, input.entries, { replace: false });
  let repliedAt = 0;
  let replied = false;
  const replier: Replier = {
    async post(target) {
      repliedAt = performance.now();
      replied = true;
      return { messageId: `r${repliedAt}`, channelId: target.channelId };
    },
    async dm() {
      throw new Error('the benchmark sends no DMs');
    },
  };
  const answering = createAnswering({
    kb,
    answerLogs: createInMemoryAnswerLog(),
    channels: { get: async (id) => ({ id, communityId: COMMUNITY, name: 'general', watched: true }) },
    repliers: { forId: () => replier },
    translator: input.translator,
    logger: input.logger,
    metrics: noopMetrics,
    now: () => performance.now(),
    readFile: async () => '',
  });
  const started = performance.now();
  await answering.cache.get(COMMUNITY);
  const loadMs = performance.now() - started;
  let sequence = 0;
  const event = (text: string): MessagePosted => {
    sequence += 1;
    return { type: 'message.posted', platform: 'console', eventId: `console:q${sequence}`, communityId: COMMUNITY, occurredAt: new Date(), channelId: CHANNEL, messageId: `q${sequence}`, author: { memberId: `console:bench:m${sequence % 500}`, displayName: 'member', isBot: false, isModerator: false }, text, mentions: [], mentionsBot: false };
  };
  for (const text of input.questions.slice(0, input.warmup ?? 50)) await answering.onMessage(event(text), 'en');
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let answered = 0;
  for (const text of input.questions) {
    replied = false;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await answering.onMessage(event(text), 'en');
    const end = replied ? repliedAt : performance.now();
    const cpu = process.cpuUsage(c0);
    times.push(end - t0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    if (replied) answered += 1;
  }
  return { entries: input.entries.length, questions: times.length, loadMs, answered, times, cpuTimes };
}
