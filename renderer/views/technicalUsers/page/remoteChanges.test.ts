import { describe, expect, it } from 'vitest';
import { expectedValuesOf, ownChanges, remoteChangesOf } from './remoteChanges.ts';

const stored = (extra: Record<string, unknown> = {}) => ({ id: 'u1', name: 'Salesforce sync', description: 'opened', category: 'Programmatic user', notificationEmail: null, active: true, roleIds: [], updatedAt: '2026-11-01T10:00:00.000Z', updatedBy: { clientId: 'a', name: 'Ada', email: 'ada@example.com' }, ...extra });
const colleague = { clientId: 'o', name: 'Other Admin', email: 'other@example.com' };

describe('remote changes in an open form', () => {
  it('a field I changed that someone else changed too is shown with both values, who and when', () => {
    const live = stored({ description: 'theirs', updatedAt: '2026-11-01T10:05:00.000Z', updatedBy: colleague });
    expect(remoteChangesOf({ base: stored(), live, patch: { description: 'mine' }, seen: {}, timeZone: 'UTC' })).toEqual([
      { field: 'description', mine: 'mine', theirs: 'theirs', by: { name: 'Other Admin', email: 'other@example.com' }, at: '2026-11-01T10:05:00.000Z' },
    ]);
  });

  it('a field I did not touch, or changed to what they chose too, is no conflict', () => {
    const live = stored({ description: 'same', category: 'theirs', updatedBy: colleague });
    expect(remoteChangesOf({ base: stored(), live, patch: { description: 'same' }, seen: {}, timeZone: 'UTC' })).toEqual([]);
    expect(remoteChangesOf({ base: stored(), live, patch: { name: 'Renamed' }, seen: {}, timeZone: 'UTC' })).toEqual([]);
  });

  it('after "keep mine" the value they set is seen: no conflict, until they change it again', () => {
    const base = stored();
    const live = stored({ description: 'theirs' });
    expect(remoteChangesOf({ base, live, patch: { description: 'mine' }, seen: { description: 'theirs' }, timeZone: 'UTC' })).toEqual([]);
    expect(remoteChangesOf({ base, live: stored({ description: 'theirs again' }), patch: { description: 'mine' }, seen: { description: 'theirs' }, timeZone: 'UTC' })).toHaveLength(1);
    // Saving then checks the value I decided against.
    expect(expectedValuesOf(base, { description: 'theirs' }, ['description'])).toEqual({ description: 'theirs' });
    expect(expectedValuesOf(base, {}, ['description'])).toEqual({ description: 'opened' });
  });

  it('compares values as the form saves them (an empty e-mail is none; a patch back to the stored value is no change)', () => {
    expect(ownChanges(stored(), { notificationEmail: '' }, 'UTC')).toEqual({});
    expect(ownChanges(stored(), { description: 'opened', category: 'New' }, 'UTC')).toEqual({ category: 'New' });
    const live = stored({ notificationEmail: 'ops@example.com' });
    expect(remoteChangesOf({ base: stored(), live, patch: { notificationEmail: 'me@example.com' }, seen: {}, timeZone: 'UTC' })).toMatchObject([{ field: 'notificationEmail', mine: 'me@example.com', theirs: 'ops@example.com' }]);
  });
});
