import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localKey } from '../../shared/sync/localDocuments.ts';
import { deleteTechnicalUser, saveRole, saveTechnicalUser } from '../sync/localEdits.ts';
import { openDatabase, type TesseraDatabase } from './database.ts';

/**
 * The local database with RxDB's dev-mode and schema validation (on in
 * tests and development only): a reserved field name, a schema RxDB
 * rejects, or a local edit that writes an invalid document fails here.
 */
describe('local database', () => {
  let db: TesseraDatabase;
  beforeAll(async () => {
    db = await openDatabase({ name: `tessera-test-${Date.now()}`, storage: getRxStorageMemory() as never });
  });
  afterAll(() => db.remove());

  it('opens eight collections shared by all tenants, in dev-mode', () => {
    expect(Object.keys(db.collections).sort()).toEqual(['audit', 'conflicts', 'pendingchanges', 'rejections', 'roles', 'sessiondays', 'technicalusers', 'tokens']);
  });

  it('creates a technical user offline with no roles, pending with no base', async () => {
    const id = await saveTechnicalUser(db, 'tenant-a', null, { name: 'Made offline', description: 'train' }, 'Europe/Prague');
    const doc = await db.technicalusers.findOne(localKey('tenant-a', id)).exec();
    expect(doc?.toJSON()).toMatchObject({ name: 'Made offline', roleIds: [], tenantId: 'tenant-a', key: `tenant-a|${id}`, timeZone: 'Europe/Prague' });
    expect(doc!.localChangedAt).toBeGreaterThan(0);
    const pending = await db.pendingchanges.findOne(localKey('tenant-a', id)).exec();
    expect(pending?.toJSON()).toMatchObject({ kind: 'create', collectionName: 'technical-users', base: null, deferred: false, docName: 'Made offline' });
  });

  it('keeps the tenant state a change was made from as its base, and only the first one', async () => {
    const key = localKey('tenant-a', 'u1');
    await db.technicalusers.insert({ key, tenantId: 'tenant-a', id: 'u1', name: 'Synced', description: 'server', kind: 'integration', category: '', dataFields: [], language: 'en', timeZone: 'UTC', notificationEmail: null, subscriptions: [], active: true, permissionRole: 'viewer', customRoles: [], accessControlEntities: [], roleIds: [], externalAuthId: null, serverRevision: 4, localChangedAt: 0 } as never);
    await saveTechnicalUser(db, 'tenant-a', 'u1', { description: 'first edit' });
    await saveTechnicalUser(db, 'tenant-a', 'u1', { active: false });
    const pending = (await db.pendingchanges.findOne(key).exec())!.toJSON();
    expect(pending).toMatchObject({ kind: 'update', base: { id: 'u1', description: 'server', revision: 4, active: true } });
    expect(pending.base).not.toHaveProperty('tenantId');
    await deleteTechnicalUser(db, 'tenant-a', 'u1');
    expect(await db.technicalusers.findOne(key).exec()).toBeNull();
    expect((await db.pendingchanges.findOne(key).exec())?.kind).toBe('delete');
  });

  it('records the pending change before the document changes, so a push that starts at once always finds it', async () => {
    const seen: Array<string | null> = [];
    const subscription = db.technicalusers.$.subscribe((event) => {
      // What a push started by this very change would find when it is confirmed.
      void db.pendingchanges.findOne(event.documentId).exec().then((p) => seen.push(p ? `${event.operation}:${p.kind}` : `${event.operation}:none`));
    });
    try {
      const id = await saveTechnicalUser(db, 'tenant-c', null, { name: 'Raced' });
      await saveTechnicalUser(db, 'tenant-c', id, { description: 'edited' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toEqual(['INSERT:create', 'UPDATE:create']);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('takes back the pending entry when the document write fails', async () => {
    await expect(saveTechnicalUser(db, 'tenant-c', null, { name: 'Broken', language: 42 } as never)).rejects.toThrow();
    const left = await db.pendingchanges.find({ selector: { tenantId: 'tenant-c', docName: 'Broken' } }).exec();
    expect(left).toHaveLength(0);
  });

  it('creates roles, and refuses documents outside the schema', async () => {
    const id = await saveRole(db, 'tenant-b', null, { name: 'Integrations', parentId: 'root' });
    expect((await db.roles.findOne(localKey('tenant-b', id)).exec())?.privileges).toEqual({ objects: [], system: [] });
    await expect(db.roles.insert({ key: 'x|y', tenantId: 'x', id: 'y', localChangedAt: 'soon' } as never)).rejects.toThrow();
  });
});
