// The benchmark's check that the replica holds exactly what the tenants hold, document for document
// (the run fails when it does not), and the tenants' documents it compares with.
import { isPushable, replicationCollections, type ReplicationCollection } from '../../shared/api/replication.ts';
import { localCollectionOf, toServerDocument } from '../../shared/sync/localDocuments.ts';
import { fetchAccessToken, type SpawnedTenant } from '../../server/tenantProcess.ts';
import type { HarnessApp } from '../harness/harnessApp.ts';
import { readLocal } from '../support/replica.ts';
import { canonicalJson } from '../../shared/canonicalJson.ts';

type Doc = Record<string, unknown>;
type Tenants = ReadonlyArray<{ tenant: SpawnedTenant; client: { clientId: string; clientSecret: string }; name: string }>;

/** Per tenant name and collection: the tenant's live documents by id (the latest state of each). */
export type Expected = Map<string, Record<ReplicationCollection, Map<string, Doc>>>;

/** Every document of every tenant, straight from the servers (the check after the sync, and the raw baseline's input). */
export async function pullEverything(tenants: Tenants) {
  const expected: Expected = new Map();
  const documents: Array<{ tenantIndex: number; collection: ReplicationCollection; docs: Doc[] }> = [];
  for (const [index, t] of tenants.entries()) {
    const token = await fetchAccessToken(t.tenant.url, t.client);
    const byCollection = {} as Record<ReplicationCollection, Map<string, Doc>>;
    for (const collection of replicationCollections) {
      let checkpoint = null as { updatedAt: string; id: string } | null;
      const live = new Map<string, Doc>();
      for (;;) {
        const query = new URLSearchParams({ limit: '1000', ...(checkpoint ? { updatedAt: checkpoint.updatedAt, id: checkpoint.id } : {}) });
        const page = (await (await fetch(`${t.tenant.url}/api/v1/replication/${collection}/pull?${query}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { documents: Doc[]; checkpoint: typeof checkpoint };
        if (page.documents.length === 0) break;
        for (const doc of page.documents) {
          if (doc._deleted) live.delete(String(doc.id));
          else live.set(String(doc.id), doc);
        }
        documents.push({ tenantIndex: index, collection, docs: page.documents });
        checkpoint = page.checkpoint;
      }
      byCollection[collection] = live;
    }
    expected.set(t.name, byCollection);
  }
  return { expected, documents };
}

/**
 * The replica against the tenants, document for document: counts and
 * content of every collection, pages included (read through the IndexedDB
 * API and decoded, not through the app). Returns the problems found.
 */
export async function replicaProblems(app: HarnessApp, tenants: Tenants, ids: readonly string[], expected: Expected): Promise<{ missing: number; differing: number; extra: number; lines: string[] }> {
  let missing = 0;
  let differing = 0;
  let extra = 0;
  const lines: string[] = [];
  for (const collection of replicationCollections) {
    const local = await readLocal(app, localCollectionOf[collection]);
    const byTenant = new Map<string, Map<string, Doc>>();
    for (const doc of local) {
      const map = byTenant.get(String(doc.tenantId)) ?? new Map<string, Doc>();
      map.set(String(doc.id), doc);
      byTenant.set(String(doc.tenantId), map);
    }
    tenants.forEach((t, i) => {
      const want = expected.get(t.name)![collection];
      const have = byTenant.get(ids[i]!) ?? new Map<string, Doc>();
      for (const [id, doc] of want) {
        const mine = have.get(id);
        if (!mine) {
          missing += 1;
          if (lines.length < 10) lines.push(`${t.name} ${collection}: ${id} missing`);
          continue;
        }
        if (canonicalJson(toServerDocument(mine)) !== canonicalJson({ ...doc, _deleted: false })) {
          differing += 1;
          if (lines.length < 10) lines.push(`${t.name} ${collection}: ${id} differs`);
        }
      }
      for (const id of have.keys()) if (!want.has(id)) extra += 1;
    });
  }
  return { missing, differing, extra, lines };
}

/** Documents per collection group: what the console edits (RxDB) and what it only reads (compact records). */
export function groupCounts(expected: Expected): { editable: number; pulled: number } {
  let editable = 0;
  let pulled = 0;
  for (const byCollection of expected.values()) {
    for (const c of replicationCollections) {
      if (isPushable(c)) editable += byCollection[c].size;
      else pulled += byCollection[c].size;
    }
  }
  return { editable, pulled };
}
