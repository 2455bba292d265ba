// What moderators do to their community's synonym groups (/faq synonyms add|remove|list|import):
// a group or a whole file is read completely first (parseSynonymGroup / parseSynonymFile throw a
// UserError naming the problem and, in a file, its line), then written in one transaction, then the
// community's index is rebuilt with the new groups. Other processes see kbVersion move.
import { parseSynonymFile, parseSynonymGroup, SYNONYM_LIMITS } from '../index.ts';
import { UserError } from '../../errors.ts';
import type { KnowledgeCache } from '../storage/knowledge-cache.ts';
import type { SynonymRecord, SynonymRepository } from '../storage/synonym-ports.ts';

export interface SynonymAdminDeps {
  synonyms: SynonymRepository;
  cache: Pick<KnowledgeCache, 'rebuild'>;
  /** Reads a file for imports (the console and the CLI only). */
  readFile(path: string): Promise<string>;
}

/** A synonym file larger than this is not a word list. */
const MAX_FILE_BYTES = 1_000_000;

export function createSynonymAdmin(deps: SynonymAdminDeps) {
  const { synonyms, cache } = deps;
  return {
    list: (communityId: string): Promise<SynonymRecord[]> => synonyms.list(communityId),

    /** Adds the group typed as "refund, money back, възстановяване". */
    async add(communityId: string, text: string): Promise<SynonymRecord> {
      const words = parseSynonymGroup(text);
      if ((await synonyms.list(communityId)).length >= SYNONYM_LIMITS.maxGroups) throw new UserError('synonyms.full', { max: SYNONYM_LIMITS.maxGroups });
      const { record } = await synonyms.add(communityId, words);
      if (!record) throw new UserError('synonyms.exists', { words: words.join(', ') });
      await cache.rebuild(communityId);
      return record;
    },

    async remove(communityId: string, id: number): Promise<void> {
      const { removed } = await synonyms.remove(communityId, id);
      if (!removed) throw new UserError('synonyms.notFound', { id });
      await cache.rebuild(communityId);
    },

    /** One group per line; the whole file or nothing. With `replace`, groups not in the file go. */
    async importFile(communityId: string, file: string, options: { replace?: boolean } = {}) {
      let content: string;
      try {
        content = await deps.readFile(file);
      } catch (error) {
        throw new UserError('synonyms.file.unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }, { cause: error });
      }
      if (Buffer.byteLength(content) > MAX_FILE_BYTES) throw new UserError('synonyms.file.tooBig', { file, max: '1 MB' });
      const groups = parseSynonymFile(content);
      const replace = options.replace ?? false;
      const kept = replace ? 0 : (await synonyms.list(communityId)).length;
      if (kept + groups.length > SYNONYM_LIMITS.maxGroups) throw new UserError('synonyms.full', { max: SYNONYM_LIMITS.maxGroups });
      const result = await synonyms.importAll(communityId, groups, { replace });
      await cache.rebuild(communityId);
      return { count: groups.length, added: result.added, unchanged: result.unchanged, removed: result.removed };
    },
  };
}

export type SynonymAdmin = ReturnType<typeof createSynonymAdmin>;
