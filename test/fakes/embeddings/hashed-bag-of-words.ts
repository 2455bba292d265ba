// Deterministic stand-in vectors: each word adds ±1 to a bucket chosen by its hash, so texts that
// share words get similar vectors. Enough to test wiring, caching, fusion and calibration; it says
// nothing about the quality of a real embeddings model.
export function hashedBagOfWords(text: string, dimension: number): number[] {
  const vector = new Array<number>(dimension).fill(0);
  vector[0] = 0.01; // never the zero vector
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i += 1) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193) >>> 0;
    vector[h % dimension] = (vector[h % dimension] ?? 0) + ((h >>> 16) & 1 ? 1 : -1);
  }
  return vector;
}
