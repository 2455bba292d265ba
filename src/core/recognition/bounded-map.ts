// A Map with bounded memory for conversation tracking, so the bot can run forever: lru-cache's
// LRUCache with a capacity (https://github.com/isaacs/node-lru-cache). When full, the least
// recently used entry is dropped; every operation is O(1). Entries nobody touched for a while are
// forgotten first, which is what tracking recent conversation wants.
import { LRUCache } from 'lru-cache';

export class BoundedMap<K extends {}, V extends {}> extends LRUCache<K, V> {
  constructor(capacity: number) {
    if (capacity < 2) throw new Error('BoundedMap capacity must be at least 2');
    // Bounded by maxSize, each entry counting 1: storage grows with use (bounded-cache.ts).
    super({ maxSize: capacity, sizeCalculation: () => 1 });
  }
}
