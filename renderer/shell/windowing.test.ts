import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowWindow } from './windowing.ts';

describe('rowWindow', () => {
  it('draws the rows in view and a few either side', () => {
    expect(rowWindow({ count: 50_000, scrollTop: 0, viewportHeight: 600, bodyTop: 200, rowHeight: 50, overscan: 5 })).toEqual({ first: 0, last: 13, spaceBefore: 0, spaceAfter: (50_000 - 13) * 50 });
    expect(rowWindow({ count: 50_000, scrollTop: 100_200, viewportHeight: 600, bodyTop: 200, rowHeight: 50, overscan: 5 })).toMatchObject({ first: 1995, last: 2017 });
  });

  it('always covers the viewport and never leaves the list, whatever the scroll', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 200 }), (count, scrollTop, viewportHeight, bodyTop, rowHeight) => {
        const w = rowWindow({ count, scrollTop, viewportHeight, bodyTop, rowHeight, overscan: 3 });
        expect(0 <= w.first && w.first <= w.last && w.last <= count).toBe(true);
        expect(w.spaceBefore + (w.last - w.first) * rowHeight + w.spaceAfter).toBe(count * rowHeight);
        // Every row that is in view (partly or wholly) is drawn.
        const inViewFirst = Math.max(0, Math.floor((scrollTop - bodyTop) / rowHeight));
        const inViewLast = Math.min(count, Math.ceil((scrollTop - bodyTop + viewportHeight) / rowHeight));
        if (inViewFirst < inViewLast) expect(w.first <= inViewFirst && w.last >= inViewLast).toBe(true);
      }),
      { seed: 1502, numRuns: 500 },
    );
  });
});
