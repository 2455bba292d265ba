// Caches bounded by a number of entries: lru-cache (https://github.com/isaacs/node-lru-cache), the
// least recently used entry dropped first, with the bound given as `maxSize` (each entry counts 1)
// rather than `max`. With `max`, lru-cache allocates its arrays for every slot when the cache is
// made (~5.6 MB for a 200,000-entry member directory, a few hundred KB per channel the conversation
// tracker follows, whether or not they ever fill); with `maxSize` its storage grows with what it
// holds. Replaying 59,000 messages held ~14 MB of such empty slots.
import { LRUCache } from 'lru-cache';

export type BoundedCacheOptions<K extends {}, V extends {}> = Pick<LRUCache.Options<K, V, unknown>, 'ttl' | 'ttlResolution' | 'perf' | 'updateAgeOnGet'>;

export function boundedCache<K extends {}, V extends {}>(limit: number, options: BoundedCacheOptions<K, V> = {}): LRUCache<K, V> {
  if (limit < 1) throw new Error('a bounded cache holds at least one entry');
  return new LRUCache<K, V>({ ...options, maxSize: limit, sizeCalculation: () => 1 });
}
