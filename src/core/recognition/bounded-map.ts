// A Map with bounded memory, so the bot can run forever: when full, the least recently used entry
// is dropped (get and set make an entry the most recent; has and peek do not); every operation is
// O(1) amortised. Entries nobody touched for a while are forgotten first, which is what tracking
// recent conversation wants.
//
// A plain Map in recency order (a read moves its key to the end), not lru-cache: lru-cache
// allocates five arrays of `max` slots when it is made, whether or not they are ever used (~5.6 MB
// for a 200,000-entry member directory, a few hundred KB for each channel the conversation
// tracker follows), while a Map grows with what it holds. Replaying 59,000 messages held ~25 MB
// of such empty slots.
export class BoundedMap<K extends {}, V extends {}> {
  readonly #map = new Map<K, V>();
  readonly max: number;

  constructor(capacity: number) {
    if (capacity < 2) throw new Error('BoundedMap capacity must be at least 2');
    this.max = capacity;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      // Moved to the end: the oldest keys stay first, ready to be dropped.
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  /** The value without making it recent. */
  peek(key: K): V | undefined {
    return this.#map.get(key);
  }

  has(key: K): boolean {
    return this.#map.has(key);
  }

  set(key: K, value: V): this {
    if (!this.#map.delete(key) && this.#map.size >= this.max) this.#map.delete(this.#map.keys().next().value as K);
    this.#map.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return this.#map.delete(key);
  }

  clear(): void {
    this.#map.clear();
  }

  // Most recent first, as lru-cache iterates (callers that sort keep the same order for ties).
  *entries(): IterableIterator<[K, V]> {
    yield* [...this.#map.entries()].reverse();
  }

  *keys(): IterableIterator<K> {
    yield* [...this.#map.keys()].reverse();
  }

  *values(): IterableIterator<V> {
    yield* [...this.#map.values()].reverse();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}
