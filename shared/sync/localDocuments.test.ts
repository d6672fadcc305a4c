import { describe, expect, it } from 'vitest';
import { localKey, splitLocalKey, toLocalDocument, toServerDocument } from './localDocuments.ts';

describe('local documents', () => {
  const server = { id: 'u1', name: 'Sync', revision: 3, updatedAt: '2026-01-01T00:00:00.000Z', _deleted: false };

  it('adds the tenant, the composite key and renames revision on pull', () => {
    expect(toLocalDocument('conn-a', server)).toEqual({ id: 'u1', name: 'Sync', serverRevision: 3, updatedAt: '2026-01-01T00:00:00.000Z', _deleted: false, tenantId: 'conn-a', key: 'conn-a|u1', localChangedAt: 0 });
    expect(localKey('a', 'b')).toBe('a|b');
  });

  it('splits a key back at the first separator (an id may hold one; a longer key built on it keeps its tenant)', () => {
    expect(splitLocalKey(localKey('conn-a', 'u|1'))).toEqual({ tenantId: 'conn-a', id: 'u|1' });
    expect(splitLocalKey(`${localKey('conn-a', 'tok-1')}|2026-01-01T00:00:00.000Z`).tenantId).toBe('conn-a');
    expect(splitLocalKey('conn-a')).toEqual({ tenantId: 'conn-a', id: '' });
  });

  it('strips every local-only field on push and restores the server shape', () => {
    const local = { ...toLocalDocument('conn-a', server), localChangedAt: 1767312000000, _meta: { lwt: 1 }, _rev: '1-x' };
    expect(toServerDocument(local)).toEqual(server);
  });

  it('round-trips a document with no revision yet (a local create)', () => {
    const created = { id: 'new', name: 'Offline', tenantId: 'conn-a', key: 'conn-a|new', localChangedAt: 1767312000000, _deleted: false };
    expect(toServerDocument(created)).toEqual({ id: 'new', name: 'Offline', _deleted: false });
  });
});
