// Proves the answer path's BM25 index ranks and scores exactly as MiniSearch 7 does (exact, fuzzy and boosted terms, two weighted fields, removals) and filters by id.
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../../src/core/answers/bm25-index.ts';

const docs = [
  { id: 'a', ask: 'delet facebook account', answer: 'set delet account' },
  { id: 'b', ask: 'chang gmail password password', answer: '' },
  { id: 'c', ask: 'strikethrough github markdown', answer: 'tild around word' },
  { id: 'd', ask: '', answer: 'facebook profil close account forev' },
  { id: 'e', ask: 'refund status', answer: 'refund take five day' },
];
const split = (t: string) => (t === '' ? [] : t.split(' '));
const bm25 = { k: 1.2, b: 0.7, d: 0.5 };
const boosted = new Set(['profil']);

function both() {
  const mini = new MiniSearch<(typeof docs)[number]>({ fields: ['ask', 'answer'], tokenize: split, processTerm: (t) => t, autoVacuum: false });
  const ours = new Bm25Index(2);
  mini.addAll(docs);
  for (const d of docs) ours.add(d.id, [split(d.ask), split(d.answer)]);
  return { mini, ours };
}

function compare(mini: MiniSearch<(typeof docs)[number]>, ours: Bm25Index, terms: string[], filter?: (id: string) => boolean) {
  const expected = mini.search(terms.join(' '), {
    boost: { ask: 1, answer: 0.5 }, fuzzy: (t) => (t.length >= 5 ? 1 : false), weights: { fuzzy: 0.5, prefix: 0.5 },
    boostTerm: (t) => (boosted.has(t) ? 0.5 : 1), bm25, filter: filter ? (r) => filter(r.id) : undefined,
  });
  const actual = ours.search({ terms, fieldBoosts: [1, 0.5], fuzzy: (t) => (t.length >= 5 ? 1 : 0), fuzzyWeight: 0.5, termBoost: (t) => (boosted.has(t) ? 0.5 : 1), bm25, filter });
  expect(actual.map((h) => h.id)).toEqual(expected.map((r) => r.id));
  actual.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]?.score ?? NaN, 10));
  return actual;
}

describe('Bm25Index', () => {
  it('GIVEN exact, fuzzy (typo) and down-weighted terms THEN ids and scores equal MiniSearch', () => {
    const { mini, ours } = both();
    expect(compare(mini, ours, ['facebook', 'account', 'profil']).length).toBeGreaterThan(1);
    compare(mini, ours, ['pasword', 'gmail']);
    compare(mini, ours, ['strikethroug', 'markdown', 'nothing']);
  });

  it('GIVEN documents removed and added again THEN scores still equal MiniSearch', () => {
    const { mini, ours } = both();
    for (const id of ['a', 'c']) {
      mini.remove(docs.find((d) => d.id === id)!);
      expect(ours.remove(id)).toBe(true);
    }
    expect(ours.remove('a')).toBe(false);
    compare(mini, ours, ['facebook', 'account', 'markdown']);
    const again = docs.find((d) => d.id === 'a')!;
    mini.add(again);
    ours.add(again.id, [split(again.ask), split(again.answer)]);
    expect(ours.documentCount).toBe(4);
    compare(mini, ours, ['facebook', 'delet', 'refund']);
  });

  it('GIVEN a filter THEN only accepted documents come back', () => {
    const { mini, ours } = both();
    expect(compare(mini, ours, ['facebook', 'account'], (id) => id !== 'a').map((h) => h.id)).not.toContain('a');
  });
});
