import { expect } from '@playwright/test';
import { replicationCollections, type ReplicationCollection } from '../../shared/api/replication.ts';
import { newestRows, rowsOf, type ColumnRecord } from '../../shared/sync/columnRecords.ts';
import { localCollectionOf, localKey, toServerDocument } from '../../shared/sync/localDocuments.ts';
import { technicalUserSchema } from '../../renderer/db/schemas/technicalUserSchema.ts';
import type { HarnessApp } from '../harness/harnessApp.ts';
import type { TestTenantProcess } from './tenants.ts';
import { canonicalJson } from '../../shared/canonicalJson.ts';

type Doc = Record<string, unknown>;

/** Every record of one object store of one IndexedDB database of the app, through the IndexedDB API. */
export async function readStore(app: HarnessApp, database: string, store: string): Promise<Doc[]> {
  return app.page.evaluate(
    async ([name, storeName]) => {
      const known = (await indexedDB.databases()).some((d) => d.name === name);
      if (!known) return [];
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        if (!db.objectStoreNames.contains(storeName)) return [];
        return await new Promise<Doc[]>((resolve, reject) => {
          const request = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
          request.onsuccess = () => resolve(request.result as Doc[]);
          request.onerror = () => reject(request.error);
        });
      } finally {
        db.close();
      }
    },
    [database, store] as const,
  );
}

const rxdbSchemaVersion = technicalUserSchema.version;

/** Where each local collection lives: RxDB (one database per collection) or the tables beside it. */
const replicaTables = 'tessera-replica';
const tableOf: Record<string, string> = { pendingchanges: 'pendingChanges', conflicts: 'conflicts', rejections: 'rejections' };

/**
 * The live documents of one local collection, read through the IndexedDB
 * API (not through the app): RxDB's for technical users and roles, the
 * tables beside it for the rest — session-days and audit entries decoded
 * from their column records.
 */
export async function readLocal(app: HarnessApp, localCollection: string): Promise<Doc[]> {
  if (localCollection === 'sessiondays' || localCollection === 'audit' || localCollection === 'tokens') {
    const store = { audit: 'auditPages', sessiondays: 'sessionDays', tokens: 'tokens' }[localCollection];
    const records = (await readStore(app, replicaTables, store)) as unknown as ColumnRecord[];
    const byTenant = new Map<string, ColumnRecord[]>();
    for (const r of records) byTenant.set(r.tenantId, [...(byTenant.get(r.tenantId) ?? []), r]);
    return [...byTenant].flatMap(([tenantId, list]) =>
      (localCollection === 'sessiondays' ? list.flatMap((r) => rowsOf(r)) : newestRows(list)).map((d) => ({ ...d, tenantId, key: localKey(tenantId, d.id), localChangedAt: 0, _deleted: false })),
    );
  }
  const table = tableOf[localCollection];
  if (table) return (await readStore(app, replicaTables, table)).filter((d) => d._deleted !== true);
  // RxDB names a collection's database after its schema version (technical users and roles are at 1).
  return (await readStore(app, `rxdb-dexie-tessera--${rxdbSchemaVersion}--${localCollection}`, 'docs')).filter((d) => d._deleted !== true && d._deleted !== '1').map((d) => ({ ...d, _deleted: false }));
}

export async function serverDocuments(tenant: TestTenantProcess, collection: ReplicationCollection): Promise<Doc[]> {
  const all: Doc[] = [];
  let checkpoint: { updatedAt: string; id: string } | null = null;
  for (;;) {
    const query = new URLSearchParams({ limit: '1000', ...(checkpoint ? { updatedAt: checkpoint.updatedAt, id: checkpoint.id } : {}) });
    const page: { body: { documents: Doc[]; checkpoint: { updatedAt: string; id: string } | null } } = await tenant.api('GET', `/api/v1/replication/${collection}/pull?${query}`);
    if (page.body.documents.length === 0) return all.filter((d) => d._deleted !== true);
    all.push(...page.body.documents);
    checkpoint = page.body.checkpoint;
  }
}


/** Differences between a tenant and its local replica (empty when they match exactly). */
export async function replicaDifferences(app: HarnessApp, connectionId: string, tenant: TestTenantProcess, collections: readonly ReplicationCollection[] = replicationCollections): Promise<string[]> {
  const problems: string[] = [];
  for (const collection of collections) {
    const local = (await readLocal(app, localCollectionOf[collection])).filter((d) => d.tenantId === connectionId);
    const server = await serverDocuments(tenant, collection);
    const localById = new Map(local.map((d) => [String(d.id), d]));
    if (local.length !== localById.size) problems.push(`${collection}: duplicates locally`);
    if (local.length !== server.length) problems.push(`${collection}: ${local.length} local, ${server.length} on the tenant`);
    for (const doc of server) {
      const mine = localById.get(String(doc.id));
      if (!mine) {
        problems.push(`${collection}: ${String(doc.id)} missing locally`);
        continue;
      }
      if (Number(mine.localChangedAt) !== 0) problems.push(`${collection}: ${String(doc.id)} still pending`);
      const a = canonicalJson(toServerDocument(mine));
      const b = canonicalJson({ ...doc, _deleted: false });
      if (a !== b) {
        const left = toServerDocument(mine);
        const right: Doc = { ...doc, _deleted: false };
        const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])].filter((k) => canonicalJson(left[k]) !== canonicalJson(right[k]));
        problems.push(`${collection}: ${String(doc.id)} differs in ${fields.map((f) => `${f} (local ${JSON.stringify(left[f])}, tenant ${JSON.stringify(right[f])})`).join(', ')}`);
      }
    }
  }
  return problems;
}

/** Waits until the replica of a tenant matches it exactly and nothing is pending. */
export async function expectInSync(app: HarnessApp, connectionId: string, tenant: TestTenantProcess, timeout = 30_000): Promise<void> {
  await expect.poll(async () => (await replicaDifferences(app, connectionId, tenant)).slice(0, 5), { timeout, intervals: [250, 500, 1000] }).toEqual([]);
  await expect.poll(async () => (await readLocal(app, 'pendingchanges')).filter((p) => p.tenantId === connectionId).length, { timeout }).toBe(0);
}
