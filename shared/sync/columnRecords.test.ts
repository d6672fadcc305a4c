import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyRecord, mergeRows, newestRows, rowCount, rowsOf, type PlainDocument } from './columnRecords.ts';

const day = (id: string, updatedAt: string, extra: Record<string, unknown> = {}): PlainDocument => ({ id, technicalUserId: id.split(':')[0], date: '2026-11-01', requests: 1, updatedAt, _deleted: false, ...extra });

describe('column records', () => {
  it('stores documents as columns and gives them back as they were', () => {
    const docs = [day('u1:2026-11-01', '2026-11-01T10:00:00.000Z'), day('u2:2026-11-01', '2026-11-01T11:00:00.000Z', { note: 'only here' })];
    const { record, taken } = mergeRows(emptyRecord('t', '2026-11-01'), docs);
    expect(taken).toEqual(docs);
    expect(rowCount(record)).toBe(2);
    expect(record.columns.every((c) => c.length === 2)).toBe(true);
    expect(rowsOf(record)).toEqual(docs);
  });

  it('a newer version replaces an older one; an older one never replaces a newer one', () => {
    const first = mergeRows(emptyRecord('t', 'p'), [day('a', '2026-11-01T10:00:00.000Z', { requests: 1 })]).record;
    const newer = mergeRows(first, [day('a', '2026-11-01T12:00:00.000Z', { requests: 5 })]);
    expect(rowsOf(newer.record)).toEqual([day('a', '2026-11-01T12:00:00.000Z', { requests: 5 })]);
    const older = mergeRows(newer.record, [day('a', '2026-11-01T11:00:00.000Z', { requests: 3 })]);
    expect(older.taken).toEqual([]);
    expect(rowsOf(older.record)[0]!.requests).toBe(5);
    // The input record is left as it was.
    expect(rowsOf(first)[0]!.requests).toBe(1);
  });

  it('keeps a deletion as a tombstone, so a late older copy cannot bring the document back', () => {
    let record = mergeRows(emptyRecord('t', 'p'), [day('a', '2026-11-01T10:00:00.000Z')]).record;
    record = mergeRows(record, [{ id: 'a', updatedAt: '2026-11-01T12:00:00.000Z', _deleted: true }]).record;
    expect(rowsOf(record)).toEqual([]);
    record = mergeRows(record, [day('a', '2026-11-01T11:00:00.000Z')]).record;
    expect(rowsOf(record)).toEqual([]);
    expect(rowsOf(record, { withDeleted: true })).toEqual([{ id: 'a', updatedAt: '2026-11-01T12:00:00.000Z', _deleted: true }]);
  });

  it('reads several records as one set: the newest copy of each id', () => {
    const a = mergeRows(emptyRecord('t', '1'), [day('x', '2026-11-01T10:00:00.000Z', { requests: 1 }), day('y', '2026-11-01T10:00:00.000Z')]).record;
    const b = mergeRows(emptyRecord('t', '2'), [day('x', '2026-11-01T13:00:00.000Z', { requests: 9 })]).record;
    expect(newestRows([b, a]).map((d) => [d.id, d.requests])).toEqual([
      ['x', 9],
      ['y', 1],
    ]);
  });

  it('whatever the order of arrival, the newest version of every id wins (property)', () => {
    const version = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), minute: fc.integer({ min: 0, max: 59 }), value: fc.integer() });
    fc.assert(
      fc.property(fc.array(version, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (versions, pageSize) => {
        const docs = versions.map((v) => ({ id: v.id, updatedAt: `2026-11-01T10:${String(v.minute).padStart(2, '0')}:00.000Z`, value: v.value }));
        let record = emptyRecord('t', 'p');
        for (let i = 0; i < docs.length; i += pageSize) record = mergeRows(record, docs.slice(i, i + pageSize)).record;
        const expected = new Map<string, string>();
        for (const d of docs) if (!expected.has(d.id) || d.updatedAt >= expected.get(d.id)!) expected.set(d.id, d.updatedAt);
        const stored = rowsOf(record);
        expect(stored).toHaveLength(expected.size);
        for (const d of stored) expect(d.updatedAt).toBe(expected.get(d.id));
      }),
    );
  });
});
