// Counts distinct members ("helped 14 people this month") in bounded memory: a K-minimum-values
// sketch stored as a plain sorted array of 32-bit hashes. With k slots the count is EXACT while
// it is below k (barring a 32-bit hash collision, about n²/2^33), and beyond that it is the KMV
// estimate (k-1)·2^32 / (k-th smallest hash), whose relative standard error is about 1/√(k-2)
// (≈ 13 % for k = 64). Adding is O(k) in the worst case, O(1) once the sketch is full and the
// hash is larger than every kept one (the common case). Size never exceeds k numbers.

export type DistinctSketch = number[];

const TWO_32 = 4_294_967_296;

/** FNV-1a over UTF-16 code units with a final avalanche (murmur3 fmix32). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Adds a member id; returns true when the sketch changed (a new member as far as it can tell). */
export function addDistinct(sketch: DistinctSketch, id: string, k: number): boolean {
  return addHash(sketch, hash32(id), k);
}

/** Adds a hash already taken (stored rows keep hashes, not ids); returns true when the sketch changed. */
export function addHash(sketch: DistinctSketch, h: number, k: number): boolean {
  const full = sketch.length >= k;
  const last = sketch[sketch.length - 1];
  if (full && last !== undefined && h >= last) return false;
  // Binary search for the insertion point.
  let lo = 0;
  let hi = sketch.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sketch[mid] as number) < h) lo = mid + 1;
    else hi = mid;
  }
  if (sketch[lo] === h) return false;
  sketch.splice(lo, 0, h);
  if (sketch.length > k) sketch.pop();
  return true;
}

/** Whether `addDistinct` would add this id (a new member as far as the sketch can tell), without adding it. */
export function wouldBeNewDistinct(sketch: DistinctSketch, id: string, k: number): boolean {
  const h = hash32(id);
  const last = sketch[sketch.length - 1];
  if (sketch.length >= k && last !== undefined && h >= last) return false;
  return !sketch.includes(h);
}

/** Exact below k distinct members, estimated above. */
export function countDistinct(sketch: DistinctSketch, k: number): number {
  if (sketch.length < k) return sketch.length;
  const kth = sketch[k - 1] as number;
  return Math.round(((k - 1) * TWO_32) / (kth + 1));
}
