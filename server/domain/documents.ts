import type { SQLInputValue } from 'node:sqlite';
import type { Checkpoint, ReplicationCollection } from '../../shared/api/replication.ts';
import type { TenantStore } from './tenantStore.ts';

/** How a replicated collection is stored: its table and the lookup columns derived from a document. */
export interface DocumentTable<T extends { id: string; updatedAt: string }> {
  readonly collection: ReplicationCollection;
  readonly table: string;
  readonly columns: (doc: T) => Record<string, SQLInputValue>;
}

export interface StoredDocument<T> {
  readonly doc: T;
  readonly deleted: boolean;
}

interface BodyRow {
  body: string;
  deleted: number;
}

export function readDocument<T extends { id: string; updatedAt: string }>(store: TenantStore, spec: DocumentTable<T>, id: string): StoredDocument<T> | null {
  const row = store.db.get<BodyRow>(`SELECT body, deleted FROM ${spec.table} WHERE id = ?`, id);
  return row ? { doc: JSON.parse(row.body) as T, deleted: row.deleted === 1 } : null;
}

/** The live (not deleted) document, or null. */
export function readLive<T extends { id: string; updatedAt: string }>(store: TenantStore, spec: DocumentTable<T>, id: string): T | null {
  const stored = readDocument(store, spec, id);
  return stored && !stored.deleted ? stored.doc : null;
}

/** Inserts or replaces a document (a tombstone when `deleted`), and announces the change. */
export function writeDocument<T extends { id: string; updatedAt: string }>(
  store: TenantStore,
  spec: DocumentTable<T>,
  doc: T,
  deleted = false,
  /** Columns kept outside the document (a token's secret hash). */
  hidden: Record<string, SQLInputValue> = {},
): void {
  const extra = { ...spec.columns(doc), ...hidden };
  const columns: Record<string, SQLInputValue> = { updated_at: doc.updatedAt, deleted: deleted ? 1 : 0, body: JSON.stringify(doc), ...extra };
  const names = Object.keys(columns);
  const values = Object.values(columns);
  // UPDATE first: an upsert would check NOT NULL columns the update does not set (a token's hash).
  const updated = store.db.run(`UPDATE ${spec.table} SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`, ...values, doc.id);
  if (updated.changes === 0) {
    store.db.run(`INSERT INTO ${spec.table} (id, ${names.join(', ')}) VALUES (?, ${names.map(() => '?').join(', ')})`, doc.id, ...values);
  }
  store.recordChange(spec.collection, { ...doc, _deleted: deleted });
}

export function listLive<T>(store: TenantStore, table: string, where = '', ...params: SQLInputValue[]): T[] {
  return store.db.all<{ body: string }>(`SELECT body FROM ${table} WHERE deleted = 0 ${where ? `AND (${where})` : ''}`, ...params).map((r) => JSON.parse(r.body) as T);
}

/** Documents changed strictly after the checkpoint, in (updatedAt, id) order, tombstones included. */
export function pullDocuments(store: TenantStore, table: string, checkpoint: Checkpoint | null, limit: number): Array<Record<string, unknown>> {
  const rows = checkpoint
    ? store.db.all<BodyRow>(
        `SELECT body, deleted FROM ${table} WHERE updated_at > ? OR (updated_at = ? AND id > ?) ORDER BY updated_at, id LIMIT ?`,
        checkpoint.updatedAt,
        checkpoint.updatedAt,
        checkpoint.id,
        limit,
      )
    : store.db.all<BodyRow>(`SELECT body, deleted FROM ${table} ORDER BY updated_at, id LIMIT ?`, limit);
  return rows.map((row) => ({ ...(JSON.parse(row.body) as Record<string, unknown>), _deleted: row.deleted === 1 }));
}
