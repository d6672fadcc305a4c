// Runs in Chromium, served on the app's origin: the raw IndexedDB baseline
// (Dexie bulkPut, one record per document) and the transport alone (every
// page pulled through main, nothing written).
import Dexie from 'dexie';
import { isPushable, replicationCollections, type Checkpoint, type ReplicationCollection } from '../../../shared/api/replication.ts';
import type { TesseraBridge } from '../../../shared/ipc/contract.ts';
import type { PlainDocument } from '../../../shared/sync/columnRecords.ts';
import { EditableWriter } from '../../../renderer/sync/editableWriter.ts';
import { createLocalReplica, removeLocalReplica } from '../../../renderer/sync/localReplica.ts';

type Doc = Record<string, unknown>;
const w = window as unknown as Record<string, unknown> & { tessera: TesseraBridge };

/** Same indexes as the RxDB schemas, for a fair raw write. */
const rawStores: Record<string, string> = {
  technicalusers: 'key, [tenantId+name], [tenantId+localChangedAt]',
  roles: 'key, [tenantId+name], [tenantId+localChangedAt]',
  tokens: 'key, [tenantId+technicalUserId], expiresAt',
  sessiondays: 'key, [tenantId+technicalUserId+date], date',
  audit: 'key, [tenantId+subjectId+at], at',
};

const pendingRaw = new Map<string, Doc[]>();

w.benchRawAppend = (collection: string, docs: Doc[]) => {
  const list = pendingRaw.get(collection) ?? [];
  for (const doc of docs) list.push(doc);
  pendingRaw.set(collection, list);
  return list.length;
};

w.benchRawWrite = async () => {
  const db = new Dexie(`tessera-bench-raw-${Date.now()}`);
  db.version(1).stores(rawStores);
  await db.open();
  const started = performance.now();
  for (const [collection, docs] of pendingRaw) {
    for (let i = 0; i < docs.length; i += 1000) await db.table(collection).bulkPut(docs.slice(i, i + 1000));
  }
  const ms = performance.now() - started;
  const written = [...pendingRaw.values()].reduce((n, d) => n + d.length, 0);
  pendingRaw.clear();
  db.close();
  await Dexie.delete(db.name);
  return { ms, written };
};

/** Pages in the tenants' shape for the write paths below: per collection, per tenant, in pull order. */
const pathPages = new Map<ReplicationCollection, Map<number, PlainDocument[][]>>();

w.benchPathsAppend = (collection: ReplicationCollection, tenantIndex: number, docs: PlainDocument[]) => {
  const byTenant = pathPages.get(collection) ?? new Map<number, PlainDocument[][]>();
  byTenant.set(tenantIndex, [...(byTenant.get(tenantIndex) ?? []), docs]);
  pathPages.set(collection, byTenant);
};

/**
 * The replica's own write paths on their own, without the network: the
 * same pages written through the same stores the sync engine uses, into a
 * fresh replica (fresh tenants, as in the initial sync), one collection at
 * a time, the tenants side by side. Milliseconds per collection.
 */
w.benchWritePaths = async () => {
  const replica = await createLocalReplica({ name: `tessera-bench-paths-${Date.now()}` });
  const writer = new EditableWriter({ db: replica.db, ledger: replica.ledger, absent: replica.absent });
  const out: Record<string, number> = {};
  try {
    for (const collection of replicationCollections) {
      const byTenant = pathPages.get(collection) ?? new Map<number, PlainDocument[][]>();
      const started = performance.now();
      await Promise.all(
        [...byTenant].map(async ([tenantIndex, pages]) => {
          const tenantId = `bench-tenant-${tenantIndex}`;
          if (isPushable(collection)) replica.absent.begin(collection === 'roles' ? 'roles' : 'technicalusers', tenantId);
          else await replica.pages.store(collection).beginFresh(tenantId);
          for (const docs of pages) {
            const last = docs.at(-1)!;
            const checkpoint = { updatedAt: String(last.updatedAt), id: last.id };
            if (isPushable(collection)) {
              await writer.fromTenant(tenantId, collection, docs);
              await replica.pages.putCheckpoint(tenantId, collection, checkpoint);
            } else await replica.pages.store(collection).writePage(tenantId, docs, checkpoint);
          }
        }),
      );
      out[collection] = performance.now() - started;
    }
  } finally {
    await removeLocalReplica(replica);
    pathPages.clear();
  }
  return out;
};

/** The transport alone: every page of every tenant through main, in the app's page size, nothing written. */
w.benchTransport = async (connectionIds: string[]) => {
  const started = performance.now();
  const counts: Record<string, number> = {};
  await Promise.all(
    replicationCollections.map(async (collection) => {
      counts[collection] = 0;
      await Promise.all(
        connectionIds.map(async (connectionId) => {
          let checkpoint: Checkpoint | null = null;
          for (;;) {
            const result = await w.tessera.sync.pull({ connectionId, collection, checkpoint, limit: 1000 });
            if (!result.ok) throw new Error(result.error.message);
            const documents = JSON.parse(result.value.documentsJson) as Doc[];
            counts[collection]! += documents.length;
            checkpoint = result.value.checkpoint ?? checkpoint;
            if (documents.length < 1000) break;
          }
        }),
      );
    }),
  );
  return { ms: performance.now() - started, counts };
};

w.benchReady = true;
