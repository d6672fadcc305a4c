// Runs in Chromium, served on the app's origin: the raw IndexedDB baseline
// (Dexie bulkPut), the replication topologies of the spike (per tenant and
// collection; per collection fanning out to every tenant; a hybrid), and the
// transport alone (every page pulled through main, nothing written).
import Dexie from 'dexie';
import { createRxDatabase, type RxCollection } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { replicationCollections, type Checkpoint, type ReplicationCollection } from '../../../shared/api/replication.ts';
import type { TesseraBridge } from '../../../shared/ipc/contract.ts';
import { localCollectionOf, toLocalDocument } from '../../../shared/sync/localDocuments.ts';
import { auditSchema } from '../../../renderer/db/schemas/auditSchema.ts';
import { roleSchema } from '../../../renderer/db/schemas/roleSchema.ts';
import { sessionDaySchema } from '../../../renderer/db/schemas/sessionDaySchema.ts';
import { technicalUserSchema } from '../../../renderer/db/schemas/technicalUserSchema.ts';
import { tokenSchema } from '../../../renderer/db/schemas/tokenSchema.ts';
import { withIndexedChangesSince } from '../../../renderer/db/changesSinceStorage.ts';

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

const schemas: Record<ReplicationCollection, unknown> = { 'technical-users': technicalUserSchema, roles: roleSchema, tokens: tokenSchema, 'session-days': sessionDaySchema, audit: auditSchema };

/** Pull handler of one collection for several tenants: fills a whole batch (RxDB stops at a short one). */
function fanOutPull(collection: ReplicationCollection, connectionIds: string[]) {
  return async (checkpoint: Record<string, Checkpoint | null> | undefined, size: number) => {
    const next: Record<string, Checkpoint | null> = { ...(checkpoint ?? {}) };
    const documents: Doc[] = [];
    let open = [...connectionIds];
    while (open.length > 0 && documents.length < size) {
      const share = Math.max(50, Math.ceil((size - documents.length) / open.length));
      const pages = await Promise.all(
        open.map(async (connectionId) => {
          const result = await w.tessera.sync.pull({ connectionId, collection, checkpoint: next[connectionId] ?? null, limit: Math.min(1000, share) });
          if (!result.ok) throw new Error(result.error.message);
          return { connectionId, page: { documents: JSON.parse(result.value.documentsJson) as Doc[], checkpoint: result.value.checkpoint }, share: Math.min(1000, share) };
        }),
      );
      open = [];
      for (const { connectionId, page, share: asked } of pages) {
        next[connectionId] = page.checkpoint ?? next[connectionId] ?? null;
        for (const doc of page.documents) documents.push(toLocalDocument(connectionId, doc));
        if (page.documents.length === asked) open.push(connectionId);
      }
    }
    return { documents: documents as never[], checkpoint: next };
  };
}

async function spikeDatabase(label: string) {
  const db = await createRxDatabase({ name: `tessera-spike-${label}-${Date.now()}`, storage: withIndexedChangesSince(getRxStorageDexie()), multiInstance: false });
  await db.addCollections(Object.fromEntries(replicationCollections.map((c) => [localCollectionOf[c], { schema: schemas[c] }])) as never);
  return db;
}

async function finish(db: Awaited<ReturnType<typeof spikeDatabase>>, states: Array<{ awaitInitialReplication(): Promise<void>; cancel(): Promise<unknown> }>, started: number) {
  await Promise.all(states.map((s) => s.awaitInitialReplication()));
  const ms = performance.now() - started;
  const counts = Object.fromEntries(await Promise.all(replicationCollections.map(async (c) => [c, await db.collections[localCollectionOf[c]]!.count().exec()])));
  await Promise.all(states.map((s) => s.cancel()));
  await db.remove();
  return { ms, counts };
}

/**
 * Topology B: one replication per collection for all tenants. The pull
 * handler asks every tenant for its next page and merges them under a
 * composite checkpoint (one per tenant).
 */
w.benchFanOut = async (connectionIds: string[]) => {
  const db = await spikeDatabase('b');
  const started = performance.now();
  const states = replicationCollections.map((collection) =>
    replicateRxCollection<Doc, Record<string, Checkpoint | null>>({
      collection: db.collections[localCollectionOf[collection]] as RxCollection<Doc>,
      replicationIdentifier: `spike-b|${collection}`,
      live: false,
      pull: { batchSize: 1000, handler: fanOutPull(collection, connectionIds) },
    }),
  );
  return finish(db, states, started);
};

/**
 * Hybrid: the pull-only collections fan out (B), the editable ones
 * (technical users, roles) replicate per tenant with push (A).
 */
w.benchHybrid = async (connectionIds: string[]) => {
  const db = await spikeDatabase('hybrid');
  const started = performance.now();
  const states: Array<{ awaitInitialReplication(): Promise<void>; cancel(): Promise<unknown> }> = [];
  for (const collection of replicationCollections) {
    const target = db.collections[localCollectionOf[collection]] as RxCollection<Doc>;
    if (collection === 'technical-users' || collection === 'roles') {
      for (const connectionId of connectionIds) {
        states.push(
          replicateRxCollection<Doc, Checkpoint>({
            collection: target,
            replicationIdentifier: `spike-h|${connectionId}|${collection}`,
            live: false,
            pull: {
              batchSize: 1000,
              handler: async (checkpoint, size) => {
                const result = await w.tessera.sync.pull({ connectionId, collection, checkpoint: checkpoint ?? null, limit: size });
                if (!result.ok) throw new Error(result.error.message);
                return { documents: (JSON.parse(result.value.documentsJson) as Doc[]).map((d) => toLocalDocument(connectionId, d)) as never[], checkpoint: result.value.checkpoint ?? checkpoint };
              },
            },
            push: {
              modifier: (doc: Doc) => (doc.tenantId === connectionId && Number(doc.localChangedAt) > 0 ? doc : null),
              handler: async () => [],
            },
          }),
        );
      }
    } else {
      states.push(replicateRxCollection<Doc, Record<string, Checkpoint | null>>({ collection: target, replicationIdentifier: `spike-h|${collection}`, live: false, pull: { batchSize: 1000, handler: fanOutPull(collection, connectionIds) } }));
    }
  }
  return finish(db, states, started);
};

/**
 * Topology A: one replication per tenant and collection over the shared
 * collections; each push must filter the collection down to its tenant.
 */
w.benchPerTenant = async (connectionIds: string[]) => {
  const db = await spikeDatabase('a');
  const started = performance.now();
  const states: Array<{ awaitInitialReplication(): Promise<void>; cancel(): Promise<unknown> }> = [];
  for (const collection of replicationCollections) {
    const target = db.collections[localCollectionOf[collection]] as RxCollection<Doc>;
    for (const connectionId of connectionIds) {
      states.push(
        replicateRxCollection<Doc, Checkpoint>({
          collection: target,
          replicationIdentifier: `spike-a|${connectionId}|${collection}`,
          live: false,
          pull: {
            batchSize: 1000,
            handler: async (checkpoint, size) => {
              const result = await w.tessera.sync.pull({ connectionId, collection, checkpoint: checkpoint ?? null, limit: size });
              if (!result.ok) throw new Error(result.error.message);
              return { documents: (JSON.parse(result.value.documentsJson) as Doc[]).map((d) => toLocalDocument(connectionId, d)) as never[], checkpoint: result.value.checkpoint ?? checkpoint };
            },
          },
          ...(collection === 'technical-users' || collection === 'roles'
            ? { push: { modifier: (doc: Doc) => (doc.tenantId === connectionId && Number(doc.localChangedAt) > 0 ? doc : null), handler: async () => [] } }
            : {}),
        }),
      );
    }
  }
  return finish(db, states, started);
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

/**
 * Where RxDB's write path spends its time, on the documents appended for the
 * raw baseline: point reads of absent keys, RxDB's storage bulkWrite (one
 * read and one write per document), and RxDB's collection bulkUpsert.
 */
w.benchWritePaths = async () => {
  const figures: Record<string, number> = {};
  const all = [...pendingRaw].map(([collection, docs]) => ({ collection, docs }));
  {
    const db = new Dexie(`tessera-bench-reads-${Date.now()}`);
    db.version(1).stores(rawStores);
    await db.open();
    const started = performance.now();
    for (const { collection, docs } of all) {
      for (let i = 0; i < docs.length; i += 1000) await db.table(collection).bulkGet(docs.slice(i, i + 1000).map((d) => d.key as string));
    }
    figures.absentReadsMs = performance.now() - started;
    db.close();
    await Dexie.delete(db.name);
  }
  {
    const db = await spikeDatabase('paths');
    const started = performance.now();
    for (const { collection, docs } of all) {
      const target = db.collections[collection]!;
      for (let i = 0; i < docs.length; i += 1000) {
        await target.storageInstance.bulkWrite(
          docs.slice(i, i + 1000).map((d) => ({ document: { ...d, _deleted: false, _attachments: {}, _rev: '1-bench', _meta: { lwt: Date.now() } } as never })),
          'bench',
        );
      }
    }
    figures.storageBulkWriteMs = performance.now() - started;
    await db.remove();
  }
  {
    const db = await spikeDatabase('upsert');
    const started = performance.now();
    for (const { collection, docs } of all) {
      const target = db.collections[collection]!;
      for (let i = 0; i < docs.length; i += 1000) await target.bulkUpsert(docs.slice(i, i + 1000) as never);
    }
    figures.collectionBulkUpsertMs = performance.now() - started;
    await db.remove();
  }
  return figures;
};

w.benchReady = true;
