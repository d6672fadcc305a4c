import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localKey } from '../../shared/sync/localDocuments.ts';
import type { TesseraDatabase } from '../db/database.ts';
import { createLocalReplica, removeLocalReplica, type LocalReplica } from '../sync/localReplica.ts';
import { saveTechnicalUser } from '../sync/localEdits.ts';
import { InventoryIndex } from './inventoryIndex.ts';
import { localUser as user } from './testing/localUser.ts';


/** A token as the tenant sends it (the token table adds the local key). */
const token = (id: string, technicalUserId: string, extra: Record<string, unknown>) => ({
  id,
  technicalUserId,
  label: 'CI',
  prefix: 'tsk_abc',
  createdAt: '2026-11-01T00:00:00.000Z',
  expiresAt: '2027-01-01T00:00:00.000Z',
  lastUsedAt: null,
  lastAttemptAt: null,
  status: 'active',
  replacedBy: null,
  updatedAt: '2026-11-01T00:00:00.000Z',
  revision: 1,
  _deleted: false,
  ...extra,
});

/** Resolves once `check` holds, looking again each time the index tells its views of a change (no polling). */
function settled(index: InventoryIndex, check: () => boolean, what = check.toString()): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const deadline = setTimeout(() => (off(), reject(new Error(`the index never settled on: ${what}`))), 5_000);
    const off = index.subscribe(() => {
      if (!check()) return;
      clearTimeout(deadline);
      off();
      resolve();
    });
  });
}

/**
 * The inventory's index over a real RxDB database (memory storage, dev-mode
 * checks on): it must hold exactly what the replica holds, including writes
 * that land while it is still reading its first snapshot.
 */
describe('InventoryIndex', () => {
  let replica: LocalReplica;
  let db: TesseraDatabase;
  beforeAll(async () => {
    replica = await createLocalReplica({ name: `inventory-${Date.now()}`, storage: getRxStorageMemory() as never, dependencies: { indexedDB, IDBKeyRange } });
    db = replica.db;
  });
  afterAll(() => removeLocalReplica(replica));

  it('reads every tenant’s users with token facts and pending flags, and follows later changes', async () => {
    await db.technicalusers.bulkInsert([user('a', 'u1', 'Salesforce sync'), user('b', 'u1', 'Salesforce sync'), user('a', 'u2', 'Power BI')] as never);
    await replica.pages.tokens.writePage(
      'a',
      [
        token('t1', 'u1', { expiresAt: '2026-12-01T00:00:00.000Z', lastUsedAt: '2026-11-20T00:00:00.000Z' }),
        token('t2', 'u1', { expiresAt: '2026-12-20T00:00:00.000Z' }),
        token('t3', 'u1', { expiresAt: '2026-11-30T00:00:00.000Z', status: 'revoked' }),
      ],
      null,
    );
    const index = new InventoryIndex();
    let heard = 0;
    index.subscribe(() => (heard += 1));
    await index.start(replica);
    try {
      expect(index.all()).toHaveLength(3);
      expect(index.row(localKey('a', 'u1'))).toMatchObject({ tokenExpiries: ['2026-12-01T00:00:00.000Z', '2026-12-20T00:00:00.000Z'], lastUsedAt: '2026-11-20T00:00:00.000Z', pending: false });
      expect(index.row(localKey('b', 'u1'))).toMatchObject({ tokenExpiries: [] });
      expect(heard).toBe(1);

      // A local edit: the row changes and is pending.
      await saveTechnicalUser(replica, 'a', 'u2', { description: 'reads finance', active: false });
      await settled(index, () => index.row(localKey('a', 'u2'))?.pending === true);
      expect(index.row(localKey('a', 'u2'))).toMatchObject({ description: 'reads finance', active: false, searchText: expect.stringContaining('reads finance') });
      // A token revoked: the facts follow.
      await replica.pages.tokens.writeStreamed('a', [token('t1', 'u1', { status: 'revoked', lastUsedAt: '2026-11-20T00:00:00.000Z', updatedAt: '2026-11-21T00:00:00.000Z' })]);
      await settled(index, () => index.row(localKey('a', 'u1'))?.tokenExpiries.length === 1);
      expect(index.row(localKey('a', 'u1'))?.tokenExpiries).toEqual(['2026-12-20T00:00:00.000Z']);
      // A user removed.
      await (await db.technicalusers.findOne(localKey('b', 'u1')).exec())!.remove();
      await settled(index, () => index.row(localKey('b', 'u1')) === undefined);
      expect(index.all()).toHaveLength(2);
    } finally {
      index.stop();
    }
  });

  it('misses nothing written while it reads its first snapshot', async () => {
    const index = new InventoryIndex();
    const starting = index.start(replica);
    // Written right after the start, while the snapshot is being read.
    const writes = Promise.all(Array.from({ length: 50 }, (_, i) => db.technicalusers.insert(user('c', `r${i}`, `Racing ${i}`) as never)));
    await Promise.all([starting, writes]);
    try {
      await settled(index, () => index.all().filter((r) => r.tenantId === 'c').length === 50);
      // And a later update is not undone by an older event.
      await saveTechnicalUser(replica, 'c', 'r0', { description: 'newest' });
      await settled(index, () => index.row(localKey('c', 'r0'))?.description === 'newest');
    } finally {
      index.stop();
    }
  });

  it('keeps role names per tenant and finds roles of one name across tenants', async () => {
    await db.roles.bulkInsert(
      ['a', 'b'].map((tenantId) => ({ key: localKey(tenantId, 'r-sales'), tenantId, id: 'r-sales', name: 'Sales', parentId: 'root', privileges: { objects: [], system: [] }, serverRevision: 1, localChangedAt: 0 })) as never,
    );
    const index = new InventoryIndex();
    await index.start(replica);
    try {
      expect(index.rolesOf('a').map((r) => r.name)).toEqual(['Sales']);
      expect([...index.roleKeysByName('sales')].sort()).toEqual([localKey('a', 'r-sales'), localKey('b', 'r-sales')]);
      expect(index.role('b', 'r-sales')?.parentId).toBe('root');
    } finally {
      index.stop();
    }
  });
});
