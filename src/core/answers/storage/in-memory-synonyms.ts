// In-memory synonym groups with the Prisma repository's behaviour (unit tests, the answer-path
// benchmark). Its version is its own: the one process holding it rebuilds its index directly.
import { synonymGroupKey } from '../index.ts';
import type { SynonymRecord, SynonymRepository } from './synonym-ports.ts';

export function createInMemorySynonyms(): SynonymRepository {
  const groups = new Map<string, SynonymRecord[]>();
  let nextId = 1;
  let version = 0;
  const of = (communityId: string) => groups.get(communityId) ?? groups.set(communityId, []).get(communityId)!;
  const copy = (r: SynonymRecord): SynonymRecord => ({ id: r.id, words: [...r.words] });
  return {
    async list(communityId) {
      return of(communityId).map(copy);
    },
    async add(communityId, words) {
      const list = of(communityId);
      if (list.some((r) => synonymGroupKey(r.words) === synonymGroupKey(words))) return { record: null, version };
      const record = { id: nextId++, words: [...words] };
      list.push(record);
      return { record: copy(record), version: ++version };
    },
    async remove(communityId, id) {
      const list = of(communityId);
      const at = list.findIndex((r) => r.id === id);
      if (at < 0) return { removed: false, version };
      list.splice(at, 1);
      return { removed: true, version: ++version };
    },
    async importAll(communityId, incoming, options) {
      const list = of(communityId);
      const wanted = new Set(incoming.map(synonymGroupKey));
      const removed = options.replace ? list.filter((r) => !wanted.has(synonymGroupKey(r.words))).length : 0;
      const kept = options.replace ? list.filter((r) => wanted.has(synonymGroupKey(r.words))) : [...list];
      const have = new Set(kept.map((r) => synonymGroupKey(r.words)));
      let added = 0;
      for (const words of incoming) {
        const key = synonymGroupKey(words);
        if (have.has(key)) continue;
        have.add(key);
        kept.push({ id: nextId++, words: [...words] });
        added += 1;
      }
      groups.set(communityId, kept);
      return { added, unchanged: incoming.length - added, removed, version: ++version };
    },
  };
}
