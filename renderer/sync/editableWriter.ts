import type { RxCollection, RxDocumentData } from 'rxdb';
import type { PushableCollection } from '../../shared/api/replication.ts';
import { isNotOlder } from '../../shared/sync/columnRecords.ts';
import { localCollectionOf, localKey, toLocalDocument, toServerDocument } from '../../shared/sync/localDocuments.ts';
import type { TesseraDatabase } from '../db/database.ts';
import type { AbsentKeys } from '../db/knownAbsentStorage.ts';
import type { PendingLedger } from './pendingLedger.ts';

type Doc = Record<string, unknown>;
type Stored = RxDocumentData<Doc> & { key: string; localChangedAt?: number; updatedAt?: string; serverRevision?: number };

/** RxDB's writes of the same key can race (a local edit, the engine): a lost race is tried again on the newer state. */
const attempts = 5;

/**
 * Writes the tenant's technical users and roles into RxDB's collections
 * (the UI queries them and hears their changes), through the storage
 * instance: no RxDocument per row. A document with a change made here that
 * the tenant has not taken yet is never overwritten by the tenant's state
 * (the push settles it), an older state never replaces a newer one, and
 * keys that cannot exist are not read first.
 */
export class EditableWriter {
  private readonly db: TesseraDatabase;
  private readonly ledger: PendingLedger;
  private readonly absent: AbsentKeys;
  /**
   * The newest tenant state of each document that was not written because a
   * change made here was pending: the pull's checkpoint has passed it, so it
   * is written once the change is settled (unless the push brought newer).
   */
  private readonly skipped = new Map<string, { collection: PushableCollection; doc: Doc }>();

  constructor(options: { db: TesseraDatabase; ledger: PendingLedger; absent: AbsentKeys }) {
    this.db = options.db;
    this.ledger = options.ledger;
    this.absent = options.absent;
  }

  collection(name: PushableCollection): RxCollection<Doc> {
    return (name === 'roles' ? this.db.roles : this.db.technicalusers) as unknown as RxCollection<Doc>;
  }

  /** Reads the local copies (deleted ones too) of some keys. */
  async read(name: PushableCollection, keys: readonly string[]): Promise<Map<string, Stored>> {
    if (keys.length === 0) return new Map();
    const found = (await this.collection(name).storageInstance.findDocumentsById([...keys], true)) as Stored[];
    return new Map(found.map((d) => [d.key, d]));
  }

  /** The tenant's documents (pulled or streamed) into the local copy; returns how many were written. */
  async fromTenant(tenantId: string, name: PushableCollection, docs: readonly Doc[]): Promise<number> {
    const storeName = localCollectionOf[name];
    const newest = new Map<string, Doc>();
    for (const doc of docs) {
      const local = toLocalDocument(tenantId, doc);
      const key = String(local.key);
      if (this.ledger.has(key)) {
        this.skip(name, local);
        continue;
      }
      const seen = newest.get(key);
      if (!seen || isNotOlder(local.updatedAt, seen.updatedAt)) newest.set(key, local);
    }
    let todo = [...newest.values()];
    let written = 0;
    for (let attempt = 0; attempt < attempts && todo.length > 0; attempt++) {
      const stored = await this.read(name, todo.map((d) => String(d.key)).filter((key) => !this.absent.isAbsent(storeName, key)));
      const rows = [];
      for (const doc of todo) {
        const key = String(doc.key);
        const previous = stored.get(key);
        if (previous) {
          // Changed here and not yet taken by the tenant: the push settles it.
          if (Number(previous.localChangedAt ?? 0) > 0 || this.ledger.has(key)) {
            this.skip(name, doc);
            continue;
          }
          if (!isNewer(doc, previous)) continue;
        }
        rows.push({ previous, document: rowOf(doc) });
      }
      // Everything else is as new here already, or changed here: nothing to write for it.
      todo = [];
      if (rows.length === 0) break;
      const result = await this.collection(name).storageInstance.bulkWrite(rows as never, 'tessera-pull');
      const lost = new Set(result.error.map((e) => String(e.documentId)));
      written += rows.length - lost.size;
      // A write that lost a race with a local one is tried again on the newer state.
      todo = rows.map((r) => r.document).filter((d) => lost.has(String(d.key)));
    }
    if (todo.length > 0) throw new Error(`${todo.length} document(s) kept changing locally while the tenant's state was written.`);
    return written;
  }

  private skip(collection: PushableCollection, doc: Doc): void {
    const key = String(doc.key);
    const before = this.skipped.get(key);
    if (!before || isNewer(doc, before.doc)) this.skipped.set(key, { collection, doc });
  }

  /** A pending change of the document was settled: the tenant state skipped meanwhile goes in now, if it is newer. */
  async replaySkipped(tenantId: string, key: string): Promise<void> {
    const waiting = this.skipped.get(key);
    if (!waiting) return;
    this.skipped.delete(key);
    await this.fromTenant(tenantId, waiting.collection, [toServerDocument(waiting.doc)]);
  }

  /** Forgets what was skipped for a tenant (it is removed). */
  forgetTenant(tenantId: string): void {
    for (const key of [...this.skipped.keys()]) if (key.startsWith(`${tenantId}|`)) this.skipped.delete(key);
  }

  /**
   * Stores a state the sync settled for one document: the tenant's answer to
   * a push, or a merge. Written only if the local copy is still the one the
   * decision was made on (its `localChangedAt` is `expected`; undefined: any)
   * — returns false when it changed here meanwhile.
   */
  async settle(tenantId: string, name: PushableCollection, state: Doc, expected?: number): Promise<boolean> {
    const key = localKey(tenantId, String(state.id));
    for (let attempt = 0; attempt < attempts; attempt++) {
      const previous = (await this.read(name, [key])).get(key);
      if (expected !== undefined && previous && Number(previous.localChangedAt ?? 0) !== expected) return false;
      const result = await this.collection(name).storageInstance.bulkWrite([{ previous, document: rowOf({ ...state, tenantId, key }) }] as never, 'tessera-settle');
      if (result.error.length === 0) return true;
    }
    throw new Error(`The local copy of ${key} kept changing while its synced state was written.`);
  }
}

/**
 * Whether `doc` is a newer tenant state than `stored` (or the same one but deleted/undeleted): by
 * `updatedAt`, the tenant's own order, and by revision between two states of the same instant.
 */
function isNewer(doc: Doc, stored: Doc): boolean {
  if (doc.updatedAt !== stored.updatedAt) return isNotOlder(doc.updatedAt, stored.updatedAt);
  if (Number(doc.serverRevision ?? 0) !== Number(stored.serverRevision ?? 0)) return Number(doc.serverRevision ?? 0) > Number(stored.serverRevision ?? 0);
  return Boolean(doc._deleted) !== Boolean(stored._deleted);
}

/** A local document as RxDB's storage takes it (revision and write time are set by RxDB). */
function rowOf(doc: Doc): Doc {
  return { localChangedAt: 0, ...doc, _deleted: doc._deleted === true, _attachments: {}, _meta: { lwt: 0 }, _rev: '' };
}
