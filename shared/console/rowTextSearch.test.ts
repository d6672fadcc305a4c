import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowTextSearch } from './rowTextSearch.ts';

describe('RowTextSearch', () => {
  it('finds exactly the rows whose text contains every word, in row order (property, against includes)', () => {
    // A small alphabet so that words do match, across row boundaries too; the separator itself included.
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '\n', '\u0000'), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '\u0000'), minLength: 1, maxLength: 3 }), { maxLength: 3 }), (texts, words) => {
        const expected = texts.flatMap((t, i) => (words.every((w) => t.includes(w)) ? [i] : []));
        expect(new RowTextSearch(texts).rowsContainingAll(words)).toEqual(expected);
      }),
      { seed: 20261202, numRuns: 2_000 },
    );
  });

  it('finds a word at the very start and the very end, and nothing in an empty list', () => {
    const search = new RowTextSearch(['salesforce sync', 'power bi', 'sap export']);
    expect(search.rowsContainingAll(['sa'])).toEqual([0, 2]);
    expect(search.rowsContainingAll(['export'])).toEqual([2]);
    expect(search.rowsContainingAll(['sync\u0000power'])).toEqual([]);
    expect(new RowTextSearch([]).rowsContainingAll(['a'])).toEqual([]);
  });
});
