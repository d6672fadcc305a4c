import { describe, expect, it } from 'vitest';
import { sameValue, threeWayMerge } from './threeWayMerge.ts';

const fields = ['name', 'description', 'active', 'roleIds'];
const base = { id: 'u', name: 'Sync', description: 'old', active: true, roleIds: ['a'], revision: 1 };

describe('threeWayMerge', () => {
  it('merges changes to different fields', () => {
    const local = { ...base, description: 'mine' };
    const server = { ...base, active: false, revision: 2 };
    expect(threeWayMerge({ base, local, server, fields })).toEqual({ merged: { ...server, description: 'mine' }, conflicts: [], keepsLocalChanges: true });
  });

  it('keeps the server value and reports a conflict when both changed a field differently', () => {
    const local = { ...base, description: 'mine', roleIds: ['a', 'b'] };
    const server = { ...base, description: 'theirs', revision: 2 };
    const result = threeWayMerge({ base, local, server, fields });
    expect(result.merged).toEqual({ ...server, roleIds: ['a', 'b'] });
    expect(result.conflicts).toEqual([{ field: 'description', localValue: 'mine', serverValue: 'theirs', baseValue: 'old' }]);
    expect(result.keepsLocalChanges).toBe(true);
  });

  it('sees no conflict when both made the same change', () => {
    const local = { ...base, description: 'same' };
    const server = { ...base, description: 'same', revision: 2 };
    expect(threeWayMerge({ base, local, server, fields })).toEqual({ merged: server, conflicts: [], keepsLocalChanges: false });
  });

  it('takes the server entirely when nothing changed locally', () => {
    const server = { ...base, name: 'Renamed', revision: 5 };
    expect(threeWayMerge({ base, local: base, server, fields })).toEqual({ merged: server, conflicts: [], keepsLocalChanges: false });
  });

  it('without a base (a create that met an existing document), every differing local field is a conflict', () => {
    const local = { ...base, description: 'mine' };
    const server = { ...base, revision: 3 };
    const result = threeWayMerge({ base: null, local, server, fields });
    expect(result.conflicts.map((c) => c.field)).toEqual(['description']);
    expect(result.merged).toEqual(server);
  });

  it('compares structured values by content', () => {
    expect(sameValue(['a', { b: 1 }], ['a', { b: 1 }])).toBe(true);
    expect(sameValue(null, undefined)).toBe(false);
    expect(sameValue([], null)).toBe(false);
  });
});
