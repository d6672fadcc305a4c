// Runs in Chromium, served on the app's origin: the raw IndexedDB baseline
// (Dexie bulkPut, one record per document) and the transport alone (every
// page pulled through main, nothing written).
import Dexie from 'dexie';
import { replicationCollections, type Checkpoint } from '../../../shared/api/replication.ts';
import type { TesseraBridge } from '../../../shared/ipc/contract.ts';

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
