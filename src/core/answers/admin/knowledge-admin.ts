// What moderators do to the knowledge base (/faq add|edit|remove|import|threshold, the CLI import):
// every change is written first, then applied to this process's index; other processes see the
// version move. An import parses the whole file before writing anything (KbImportError names the
// line or entry) and writes in one transaction.
import { detectLanguage, DEFAULT_ANSWER_THRESHOLD, type KbEntry, type Language, type KbFormat, kbFormatOf, parseKb, selfCheck, type SelfCheck } from '../index.ts';
import type { SynonymRepository } from '../storage/synonym-ports.ts';
import { UserError } from '../../errors.ts';
import type { KnowledgeCache } from '../storage/knowledge-cache.ts';
import type { KnowledgeBaseRepository } from '../storage/ports.ts';
import { isValidKey, uniqueKey } from '../text/question-text.ts';

export interface NewEntry {
  question: string;
  answer: string;
  phrasings?: string[];
  tags?: string[];
  language?: Language;
  /** The entry's id; made from the question when omitted. */
  key?: string;
}

export type EntryPatch = Partial<Omit<NewEntry, 'key'>>;

export interface ImportResult {
  count: number;
  added: number;
  updated: number;
  removed: number;
  /** The imported knowledge base asked its own questions (self-check.ts); null when too small. */
  selfCheck: SelfCheck | null;
}

export interface KnowledgeAdminDeps {
  kb: KnowledgeBaseRepository;
  cache: KnowledgeCache;
  /** The community's synonym groups, for the self-check after an import. */
  synonyms?: Pick<SynonymRepository, 'list'>;
  /** Reads a file for imports (the CLI and the console only). */
  readFile(path: string): Promise<string>;
}

/** "a | b | c" -> ["a", "b", "c"] (phrasings); "a, b" for tags. */
export function splitList(value: string | undefined, separator: RegExp): string[] {
  return (value ?? '').split(separator).map((s) => s.trim()).filter((s) => s !== '');
}

export function createKnowledgeAdmin(deps: KnowledgeAdminDeps) {
  const { kb, cache } = deps;

  async function importEntries(communityId: string, entries: KbEntry[], options: { replace?: boolean } = {}): Promise<ImportResult> {
    const result = await kb.importAll(communityId, entries, { replace: options.replace ?? false });
    // Many entries at once: rebuilding from the database is simpler than patching the index.
    await cache.refresh(communityId);
    // The same self-calibration the shipped model comes from, on this community's knowledge base alone.
    const [all, settings, groups] = await Promise.all([kb.list(communityId), kb.settings(communityId), deps.synonyms?.list(communityId) ?? []]);
    const check = selfCheck(all, { threshold: settings.threshold ?? DEFAULT_ANSWER_THRESHOLD, synonyms: groups.map((g) => g.words) });
    return { count: entries.length, added: result.added, updated: result.updated, removed: result.removed, selfCheck: check };
  }

  return {
    async add(communityId: string, input: NewEntry): Promise<KbEntry> {
      if (input.key !== undefined && !isValidKey(input.key)) throw new UserError('answers.badKey', { key: input.key });
      const key = input.key ?? (await uniqueKey(input.question, async (k) => (await kb.get(communityId, k)) !== null));
      const entry: KbEntry = { id: key, question: input.question, answer: input.answer, phrasings: input.phrasings ?? [], tags: input.tags ?? [], language: input.language ?? detectLanguage(input.question) };
      const { added, version } = await kb.add(communityId, entry);
      if (!added) throw new UserError('answers.keyTaken', { key });
      cache.applied(communityId, version, (index) => index.add(entry));
      return entry;
    },

    async edit(communityId: string, key: string, patch: EntryPatch): Promise<KbEntry> {
      const current = await kb.get(communityId, key);
      if (!current) throw new UserError('answers.notFound', { key });
      if (Object.values(patch).every((v) => v === undefined)) throw new UserError('answers.nothingToEdit');
      const entry: KbEntry = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      const { updated, version } = await kb.update(communityId, entry);
      if (!updated) throw new UserError('answers.notFound', { key });
      cache.applied(communityId, version, (index) => index.update(entry));
      return entry;
    },

    async remove(communityId: string, key: string): Promise<boolean> {
      const { removed, version } = await kb.remove(communityId, key);
      if (removed) cache.applied(communityId, version, (index) => void index.remove(key));
      return removed;
    },

    get: (communityId: string, key: string) => kb.get(communityId, key),
    list: (communityId: string) => kb.list(communityId),
    importEntries,

    /** Parses `content` completely (KbImportError on the first problem), then imports it. */
    async importText(communityId: string, content: string, format: KbFormat, options: { replace?: boolean } = {}): Promise<ImportResult> {
      return importEntries(communityId, parseKb(content, format), options);
    },

    async importFile(communityId: string, file: string, options: { replace?: boolean } = {}): Promise<ImportResult> {
      const format = kbFormatOf(file);
      if (!format) throw new UserError('answers.import.badFormat', { file });
      let content: string;
      try {
        content = await deps.readFile(file);
      } catch (error) {
        throw new UserError('answers.import.unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }, { cause: error });
      }
      return importEntries(communityId, parseKb(content, format), options);
    },

    async threshold(communityId: string): Promise<number> {
      return (await kb.settings(communityId)).threshold ?? DEFAULT_ANSWER_THRESHOLD;
    },

    /** null goes back to DEFAULT_ANSWER_THRESHOLD. */
    async setThreshold(communityId: string, value: number | null): Promise<void> {
      if (value !== null && !(value >= 0 && value <= 1)) throw new UserError('answers.threshold.bad', { value: String(value) });
      await kb.setThreshold(communityId, value);
      await cache.refresh(communityId);
    },
  };
}

export type KnowledgeAdmin = ReturnType<typeof createKnowledgeAdmin>;
