// Builds a large knowledge base deterministically from real entries, for the benchmark: each
// copy keeps the real wording and gets a made-up product name, so that copies differ in
// vocabulary the way entries of a big real knowledge base do.
import type { KbEntry } from './kb-entry.ts';

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'zi', 'pe', 'su', 'dra', 'mon', 'tel', 'vix', 'qu', 'ber'];

/** A small deterministic pseudo-random generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function productName(random: () => number): string {
  const n = 2 + Math.floor(random() * 2);
  let name = '';
  for (let i = 0; i < n; i += 1) name += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return name;
}

export function syntheticKb(base: readonly KbEntry[], size: number, seed = 42): KbEntry[] {
  if (base.length === 0) throw new Error('syntheticKb needs at least one base entry');
  const random = seededRandom(seed);
  const out: KbEntry[] = [];
  for (let i = 0; i < size; i += 1) {
    const source = base[i % base.length] as KbEntry;
    if (i < base.length) {
      out.push(source);
      continue;
    }
    const product = productName(random);
    const withProduct = (text: string) => (source.language === 'bg' ? `${text} (${product})` : `${text} (${product})`);
    out.push({
      ...source,
      id: `${source.id}~${i}`,
      question: withProduct(source.question),
      phrasings: source.phrasings.filter(() => random() < 0.7).map(withProduct),
      answer: `${product}: ${source.answer}`,
      tags: [...source.tags, product],
    });
  }
  return out;
}
