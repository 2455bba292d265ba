// Each community's answer index, built from the database on first use and kept in memory. Changes
// made in this process are applied to the index at once; changes made by other processes are
// noticed by comparing the community's kbVersion / feedbackVersion, read at most once every
// `checkEveryMs` and in the background: a question never waits for that read, and a rebuild
// swaps the new index in when it is ready (the old one keeps answering meanwhile).
import { createAnswerIndex, type AnswerIndex, DEFAULT_ANSWER_THRESHOLD, type KbEntry, type SynonymGroup, synonymGroupKey } from '../index.ts';
import type { Logger } from '../../logger.ts';
import { buildFeedbackMemory, type FeedbackMemory } from '../learn/learning.ts';
import type { AnswerLogRepository, KnowledgeBaseRepository } from './ports.ts';
import type { SynonymRepository } from './synonym-ports.ts';

export interface CommunityKnowledge {
  index: AnswerIndex;
  threshold: number;
  feedback: FeedbackMemory;
  kbVersion: number;
  feedbackVersion: number;
  /** The synonym groups the index was built with (see synonymsKey). */
  synonyms: string;
}

export interface KnowledgeCache {
  /** The community's knowledge; loads it the first time, then answers from memory. */
  get(communityId: string): Promise<CommunityKnowledge>;
  /**
   * A change this process wrote (new kbVersion `version`): applied to the loaded index when it is
   * the next version, otherwise the index is rebuilt in the background.
   */
  applied(communityId: string, version: number, change: (index: AnswerIndex) => void): void;
  /** Reloads settings, feedback and (when its version moved) the index now, and waits for it. */
  refresh(communityId: string): Promise<void>;
  /** Builds the community's index again from the database now (its synonyms changed), and waits for it. */
  rebuild(communityId: string): Promise<void>;
  /** Loads these communities in the background (at start), so no first question waits for a build. */
  warm(communityIds: readonly string[]): void;
  /** Resolves when no background load, check or rebuild is running (tests, shutdown). */
  idle(): Promise<void>;
}

export interface KnowledgeCacheDeps {
  kb: KnowledgeBaseRepository;
  answerLogs: Pick<AnswerLogRepository, 'negatives'>;
  logger: Logger;
  /** Monotonic milliseconds (performance.now in production, a counter in tests). */
  now(): number;
  /** How often, at most, each community's versions are read (default 5 s). */
  checkEveryMs?: number;
  /** The community's synonym groups, applied when its index is built (none when omitted). */
  synonyms?: Pick<SynonymRepository, 'list'>;
  createIndex?: (entries: readonly KbEntry[], synonyms: readonly SynonymGroup[]) => AnswerIndex;
}

interface Slot {
  knowledge: CommunityKnowledge;
  checkedAt: number;
}

/** One string for a set of groups, to tell whether the synonyms changed. */
const synonymsKey = (groups: readonly SynonymGroup[]) => groups.map(synonymGroupKey).sort().join('\n');

const sameEntry = (a: KbEntry, b: KbEntry) =>
  a.question === b.question && a.answer === b.answer && a.language === b.language && a.phrasings.join('\u0000') === b.phrasings.join('\u0000') && a.tags.join('\u0000') === b.tags.join('\u0000');

/** Above this share of changed entries a fresh index is built instead of patching the old one. */
const REBUILD_SHARE = 0.1;

export function createKnowledgeCache(deps: KnowledgeCacheDeps): KnowledgeCache {
  const checkEveryMs = deps.checkEveryMs ?? 5_000;
  const build = deps.createIndex ?? ((entries, synonyms) => createAnswerIndex(entries, { synonyms }));
  const groupsOf = async (communityId: string): Promise<SynonymGroup[]> => (deps.synonyms ? (await deps.synonyms.list(communityId)).map((r) => r.words) : []);
  const slots = new Map<string, Slot>();
  const loading = new Map<string, Promise<Slot>>();
  const background = new Set<Promise<void>>();

  async function load(communityId: string): Promise<Slot> {
    const settings = await deps.kb.settings(communityId);
    const [entries, negatives, synonyms] = await Promise.all([deps.kb.list(communityId), deps.answerLogs.negatives(communityId), groupsOf(communityId)]);
    const knowledge: CommunityKnowledge = {
      index: build(entries, synonyms),
      synonyms: synonymsKey(synonyms),
      threshold: settings.threshold ?? DEFAULT_ANSWER_THRESHOLD,
      feedback: buildFeedbackMemory(negatives),
      kbVersion: settings.kbVersion,
      feedbackVersion: settings.feedbackVersion,
    };
    return { knowledge, checkedAt: deps.now() };
  }

  /**
   * Brings `index` to `entries`: a few changes (a learned phrasing, an edit in another process) are
   * patched in, because building a 10,000-entry index takes seconds of CPU; many (an import) rebuild.
   */
  function sync(index: AnswerIndex, entries: readonly KbEntry[], synonyms: readonly SynonymGroup[]): AnswerIndex {
    const wanted = new Map(entries.map((e) => [e.id, e]));
    const changed = entries.filter((e) => {
      const held = index.get(e.id);
      return !held || !sameEntry(held, e);
    });
    const removed = index.entries().filter((e) => !wanted.has(e.id)).map((e) => e.id);
    if (changed.length + removed.length > Math.max(50, REBUILD_SHARE * entries.length)) return build(entries, synonyms);
    for (const id of removed) index.remove(id);
    for (const entry of changed) {
      if (index.get(entry.id)) index.update(entry);
      else index.add(entry);
    }
    return index;
  }

  /** Reads the versions and reloads what moved. */
  async function check(communityId: string, slot: Slot): Promise<void> {
    slot.checkedAt = deps.now();
    const settings = await deps.kb.settings(communityId);
    const current = slot.knowledge;
    let { index, feedback, synonyms } = current;
    if (settings.kbVersion !== current.kbVersion) {
      // The version moves with entries and with synonyms; new synonyms need a new index.
      const [entries, groups] = await Promise.all([deps.kb.list(communityId), groupsOf(communityId)]);
      const key = synonymsKey(groups);
      index = key === synonyms ? sync(index, entries, groups) : build(entries, groups);
      synonyms = key;
    }
    if (settings.feedbackVersion !== current.feedbackVersion) feedback = buildFeedbackMemory(await deps.answerLogs.negatives(communityId));
    // A local change may have landed while we read: keep whichever knowledge is newer.
    if (slot.knowledge !== current && slot.knowledge.kbVersion >= settings.kbVersion) return;
    slot.knowledge = { index, feedback, synonyms, threshold: settings.threshold ?? DEFAULT_ANSWER_THRESHOLD, kbVersion: settings.kbVersion, feedbackVersion: settings.feedbackVersion };
  }

  function inBackground(communityId: string, slot: Slot): void {
    const task = check(communityId, slot)
      .catch((error: unknown) => deps.logger.error({ err: error, communityId }, 'knowledge base reload failed; keeping the loaded one'))
      .finally(() => background.delete(task));
    background.add(task);
  }

  async function get(communityId: string): Promise<CommunityKnowledge> {
    const slot = slots.get(communityId);
    if (slot) {
      if (deps.now() - slot.checkedAt >= checkEveryMs) inBackground(communityId, slot);
      return slot.knowledge;
    }
    let pending = loading.get(communityId);
    if (!pending) {
      pending = load(communityId).finally(() => loading.delete(communityId));
      loading.set(communityId, pending);
    }
    const loaded = await pending;
    slots.set(communityId, loaded);
    return loaded.knowledge;
  }

  return {
    get,
    applied(communityId, version, change) {
      const slot = slots.get(communityId);
      if (!slot) return;
      if (version === slot.knowledge.kbVersion + 1) {
        change(slot.knowledge.index);
        slot.knowledge = { ...slot.knowledge, kbVersion: version };
      } else if (version > slot.knowledge.kbVersion) {
        inBackground(communityId, slot);
      }
    },
    async refresh(communityId) {
      const slot = slots.get(communityId);
      if (slot) await check(communityId, slot);
    },
    async rebuild(communityId) {
      const slot = slots.get(communityId);
      if (!slot) return;
      const fresh = await load(communityId);
      if (fresh.knowledge.kbVersion >= slot.knowledge.kbVersion) slot.knowledge = fresh.knowledge;
      slot.checkedAt = fresh.checkedAt;
    },
    warm(communityIds) {
      const task = (async () => {
        for (const id of communityIds) if (!slots.has(id)) await get(id);
      })()
        .catch((error: unknown) => deps.logger.error({ err: error }, 'knowledge base warm-up failed; communities load on their first question'))
        .finally(() => background.delete(task));
      background.add(task);
    },
    async idle() {
      while (background.size > 0) await Promise.all([...background]);
    },
  };
}
