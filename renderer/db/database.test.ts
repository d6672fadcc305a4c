import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localKey } from '../../shared/sync/localDocuments.ts';
import { deleteTechnicalUser, saveRole, saveTechnicalUser } from '../sync/localEdits.ts';
import { createLocalReplica, removeLocalReplica, type LocalReplica } from '../sync/localReplica.ts';
import type { TesseraDatabase } from './database.ts';

/**
 * The local database with RxDB's dev-mode and schema validation (on in
 * tests and development only): a reserved field name, a schema RxDB
 * rejects, or a local edit that writes an invalid document fails here.
 */
describe('local database', () => {
  let replica: LocalReplica;
  let db: TesseraDatabase;
  beforeAll(async () => {
    replica = await createLocalReplica({ name: `tessera-test-${Date.now()}`, storage: getRxStorageMemory() as never, dependencies: { indexedDB, IDBKeyRange } });
    db = replica.db;
  });
  afterAll(() => removeLocalReplica(replica));

  it('keeps what a person edits in RxDB (two collections shared by all tenants, in dev-mode) and the rest in tables beside it', () => {
    expect(Object.keys(db.collections).sort()).toEqual(['roles', 'technicalusers']);
    expect(replica.tables.tables.map((t) => t.name).sort()).toEqual(['auditPages', 'checkpoints', 'conflicts', 'pendingChanges', 'rejections', 'sessionDays', 'snapshots', 'tokens']);
  });

  it('creates a technical user offline with no roles, pending with no base', async () => {
    const id = await saveTechnicalUser(replica, 'tenant-a', null, { name: 'Made offline', description: 'train' }, { defaultTimeZone: 'Europe/Prague' });
    const doc = await db.technicalusers.findOne(localKey('tenant-a', id)).exec();
    expect(doc?.toJSON()).toMatchObject({ name: 'Made offline', roleIds: [], tenantId: 'tenant-a', key: `tenant-a|${id}`, timeZone: 'Europe/Prague' });
    expect(doc!.localChangedAt).toBeGreaterThan(0);
    expect(replica.ledger.get(localKey('tenant-a', id))).toMatchObject({ kind: 'create', collectionName: 'technical-users', base: null, deferred: false, docName: 'Made offline', changedAt: doc!.localChangedAt });
    // The ledger is kept in storage, not only in memory.
    expect(await replica.tables.pendingChanges.get(localKey('tenant-a', id))).toMatchObject({ kind: 'create' });
  });

  it('keeps the tenant state a change was made from as its base, and only the first one', async () => {
    const key = localKey('tenant-a', 'u1');
    await db.technicalusers.insert({ key, tenantId: 'tenant-a', id: 'u1', name: 'Synced', description: 'server', kind: 'integration', category: '', dataFields: [], language: 'en', timeZone: 'UTC', notificationEmail: null, subscriptions: [], active: true, permissionRole: 'viewer', customRoles: [], accessControlEntities: [], roleIds: [], externalAuthId: null, serverRevision: 4, localChangedAt: 0 } as never);
    await saveTechnicalUser(replica, 'tenant-a', 'u1', { description: 'first edit' });
    await saveTechnicalUser(replica, 'tenant-a', 'u1', { active: false });
    const pending = replica.ledger.get(key)!;
    expect(pending).toMatchObject({ kind: 'update', base: { id: 'u1', description: 'server', revision: 4, active: true } });
    expect(pending.base).not.toHaveProperty('tenantId');
    await deleteTechnicalUser(replica, 'tenant-a', 'u1');
    expect(await db.technicalusers.findOne(key).exec()).toBeNull();
    expect(replica.ledger.get(key)?.kind).toBe('delete');
    // One write deletes it: a push never finds it changed but not yet deleted.
    const [stored] = await db.technicalusers.storageInstance.findDocumentsById([key], true);
    expect(stored).toMatchObject({ _deleted: true, localChangedAt: replica.ledger.get(key)!.changedAt });
  });

  it('records the pending change before the document changes, so a push that starts at once always finds it', async () => {
    const seen: string[] = [];
    const subscription = db.technicalusers.$.subscribe((event) => {
      // What a push started by this very change would find.
      const p = replica.ledger.get(event.documentId);
      seen.push(p ? `${event.operation}:${p.kind}` : `${event.operation}:none`);
    });
    try {
      const id = await saveTechnicalUser(replica, 'tenant-c', null, { name: 'Raced' });
      await saveTechnicalUser(replica, 'tenant-c', id, { description: 'edited' });
      expect(seen).toEqual(['INSERT:create', 'UPDATE:create']);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('takes back the pending entry when the document write fails', async () => {
    await expect(saveTechnicalUser(replica, 'tenant-c', null, { name: 'Broken', language: 42 } as never)).rejects.toThrow();
    expect(replica.ledger.ofTenant('tenant-c').filter((p) => p.docName === 'Broken')).toHaveLength(0);
  });

  it('creates roles, and refuses documents outside the schema', async () => {
    const id = await saveRole(replica, 'tenant-b', null, { name: 'Integrations', parentId: 'root' });
    expect((await db.roles.findOne(localKey('tenant-b', id)).exec())?.privileges).toEqual({ objects: [], system: [] });
    await expect(db.roles.insert({ key: 'x|y', tenantId: 'x', id: 'y', localChangedAt: 'soon' } as never)).rejects.toThrow();
  });
});

describe('a replica of an earlier schema version', () => {
  it('opens with every document kept (version 0 had one more index)', async () => {
    const { createRxDatabase } = await import('rxdb');
    const { technicalUserSchema } = await import('./schemas/technicalUserSchema.ts');
    const { roleSchema } = await import('./schemas/roleSchema.ts');
    const { createLocalDatabase } = await import('./database.ts');
    const { wrappedValidateAjvStorage } = await import('rxdb/plugins/validate-ajv');
    const storage = getRxStorageMemory();
    const name = `tessera-v0-${Date.now()}`;
    const v0 = <T extends { indexes?: unknown }>(schema: T) => ({ ...schema, version: 0, indexes: [['tenantId', 'name'], ['tenantId', 'localChangedAt']] });
    const old = await createRxDatabase({ name, storage: wrappedValidateAjvStorage({ storage }), multiInstance: false });
    const collections = await old.addCollections({ technicalusers: { schema: v0(technicalUserSchema) as never }, roles: { schema: v0(roleSchema) as never } });
    await collections.technicalusers!.insert({ key: 'a|u1', tenantId: 'a', id: 'u1', name: 'Kept', localChangedAt: 7 });
    await old.close();
    const { db: upgraded } = await createLocalDatabase({ name, storage: storage as never });
    try {
      expect((await upgraded.technicalusers.findOne('a|u1').exec())?.toJSON()).toMatchObject({ name: 'Kept', localChangedAt: 7 });
    } finally {
      await upgraded.remove();
    }
  });
});
