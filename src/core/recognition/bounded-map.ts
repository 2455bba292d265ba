// A Map with bounded memory for conversation tracking, so the bot can run forever: two
// generations (the "2Q"/generational-LRU trick). Writes go to the young map; when it holds
// `capacity / 2` entries it becomes the old map and the previous old map is dropped. Reads fall
// back to the old map and promote what they find. Every operation is O(1) amortised, nothing is
// ever deleted one by one, and at most `capacity` entries are kept. Entries not touched for a
// whole generation are forgotten, which is what tracking recent conversation wants.

/** `V` must not include undefined (a stored undefined would read as missing). */
export class BoundedMap<K, V> {
  private readonly half: number;
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(capacity: number) {
    if (capacity < 2) throw new Error('BoundedMap capacity must be at least 2');
    this.half = Math.floor(capacity / 2);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  get(key: K): V | undefined {
    // Values are never undefined here, so a miss in `young` needs no has() check.
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.set(key, aged);
    }
    return aged;
  }

  has(key: K): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  set(key: K, value: V): this {
    if (this.young.size >= this.half && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    const a = this.young.delete(key);
    const b = this.old.delete(key);
    return a || b;
  }

  *values(): IterableIterator<V> {
    for (const [key, value] of this.old) if (!this.young.has(key)) yield value;
    yield* this.young.values();
  }
}
