// Storage of a community's synonym groups (/faq synonyms). Every change also bumps the community's
// kbVersion (AnswerSettings) in the same transaction, so other processes rebuild their index.
import type { SynonymGroup } from '../index.ts';

export interface SynonymRecord {
  id: number;
  words: string[];
}

export interface SynonymRepository {
  /** The community's groups, oldest first. */
  list(communityId: string): Promise<SynonymRecord[]>;
  /** Adds a group; `record` null (nothing written) when the same group is already there. */
  add(communityId: string, words: readonly string[]): Promise<{ record: SynonymRecord | null; version: number }>;
  remove(communityId: string, id: number): Promise<{ removed: boolean; version: number }>;
  /**
   * Writes every group in one transaction (groups already there are left as they are; with
   * `replace` the groups not in the list are removed): all or nothing. Bumps kbVersion once.
   */
  importAll(communityId: string, groups: readonly SynonymGroup[], options: { replace: boolean }): Promise<{ added: number; unchanged: number; removed: number; version: number }>;
}
