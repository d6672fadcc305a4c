import { describe, expect, it } from 'vitest';
import { readAllPages } from './readAllPages.ts';

/** A list of `total` numbers served `pageSize` at a time, recording the cursors asked for. */
function pagedList(total: number, pageSize: number) {
  const cursors: Array<string | null> = [];
  const readPage = async (cursor: string | null) => {
    cursors.push(cursor);
    const start = cursor === null ? 0 : Number(cursor);
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => start + i);
    const next = start + pageSize;
    return { items, nextCursor: next < total ? String(next) : null };
  };
  return { readPage, cursors };
}

describe('readAllPages', () => {
  it('follows the cursor to the last page', async () => {
    const list = pagedList(25, 10);
    const all = await readAllPages(list.readPage);
    expect(all).toEqual({ items: Array.from({ length: 25 }, (_, i) => i), truncated: false });
    expect(list.cursors).toEqual([null, '10', '20']);
  });

  it('reads one page for a list that fits in it', async () => {
    const list = pagedList(3, 10);
    expect(await readAllPages(list.readPage, { maxItems: 5 })).toEqual({ items: [0, 1, 2], truncated: false });
    expect(list.cursors).toEqual([null]);
  });

  it('stops at the cap and says the list was cut', async () => {
    const list = pagedList(100, 10);
    const all = await readAllPages(list.readPage, { maxItems: 30 });
    expect(all.items).toHaveLength(30);
    expect(all.truncated).toBe(true);
    expect(list.cursors).toEqual([null, '10', '20']);
  });

  it('says so when the last page itself goes past the cap', async () => {
    // 10 items, then the last 2: twelve collected, no cursor left, one more than the cap.
    const list = pagedList(12, 10);
    expect(await readAllPages(list.readPage, { maxItems: 11 })).toEqual({ items: Array.from({ length: 11 }, (_, i) => i), truncated: true });
    expect(list.cursors).toEqual([null, '10']);
  });

  it('is not cut when the items end exactly at the cap', async () => {
    const list = pagedList(20, 10);
    expect(await readAllPages(list.readPage, { maxItems: 20 })).toMatchObject({ truncated: false });
  });
});
