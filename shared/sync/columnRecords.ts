import { localKey } from './localDocuments.ts';
/**
 * Compact records for data the console only reads (session-days, audit):
 * many documents of one tenant in one storage record, stored as columns
 * (one array per field) rather than one object per document. IndexedDB's
 * cost is per record, not per byte, and a column of primitives clones far
 * faster than an array of objects (README, "Architecture").
 *
 * Rows are identified by `id`; a newer version (by `updatedAt`, the
 * tenant's own ordering) replaces an older one, an older one never replaces
 * a newer one, and a deletion stays as a tombstone row so that a late,
 * older copy cannot bring the document back.
 */
export type PlainDocument = Record<string, unknown> & { id: string };

export interface ColumnRecord {
  /** `<tenantId>|<part>`, the storage key. */
  readonly key: string;
  readonly tenantId: string;
  /** What the record holds: a date for session-days, a page number for audit. */
  readonly part: string;
  /** Field names, in the order of `columns`. */
  readonly fields: string[];
  /** One array per field, all as long as there are rows. */
  readonly columns: unknown[][];
}

export function recordKey(tenantId: string, part: string): string {
  return localKey(tenantId, part);
}

export function emptyRecord(tenantId: string, part: string): ColumnRecord {
  return { key: recordKey(tenantId, part), tenantId, part, fields: [], columns: [] };
}

export function rowCount(record: ColumnRecord): number {
  return record.columns[0]?.length ?? 0;
}

/** Every row as a document (tombstones included when asked). */
export function rowsOf(record: ColumnRecord, options: { withDeleted?: boolean } = {}): PlainDocument[] {
  const count = rowCount(record);
  const out: PlainDocument[] = [];
  const deletedAt = record.fields.indexOf('_deleted');
  for (let row = 0; row < count; row++) {
    if (!options.withDeleted && deletedAt >= 0 && record.columns[deletedAt]![row] === true) continue;
    const doc: Record<string, unknown> = {};
    for (let f = 0; f < record.fields.length; f++) {
      const value = record.columns[f]![row];
      if (value !== undefined) doc[record.fields[f]!] = value;
    }
    out.push(doc as PlainDocument);
  }
  return out;
}

/** The values of one field, row by row (no document objects built). */
export function columnOf(record: ColumnRecord, field: string): readonly unknown[] {
  const at = record.fields.indexOf(field);
  return at >= 0 ? record.columns[at]! : new Array<unknown>(rowCount(record)).fill(undefined);
}

/** Whether `incoming` may replace `stored`: never older over newer. */
export function isNotOlder(incoming: unknown, stored: unknown): boolean {
  return String(incoming ?? '') >= String(stored ?? '');
}

/** Whether a document version may replace a stored one: by `updatedAt`, then by `revision` between versions of the same instant. */
function mayReplace(incoming: PlainDocument, stored: Readonly<Record<string, unknown>>): boolean {
  if (incoming.updatedAt !== stored.updatedAt) return isNotOlder(incoming.updatedAt, stored.updatedAt);
  return Number(incoming.revision ?? 0) >= Number(stored.revision ?? 0);
}

/**
 * Merges documents into a record (a new record when `record` is null),
 * returning the new record and the documents that were taken. The input
 * record is not changed.
 */
export function mergeRows(record: ColumnRecord, docs: readonly PlainDocument[]): { record: ColumnRecord; taken: PlainDocument[] } {
  const fields = [...record.fields];
  const columns = record.columns.map((c) => [...c]);
  const count = rowCount(record);
  const fieldAt = new Map(fields.map((f, i) => [f, i]));
  const idAt = fieldAt.get('id');
  const rowOf = new Map<string, number>();
  if (idAt !== undefined) columns[idAt]!.forEach((id, row) => rowOf.set(String(id), row));
  const updatedAt = () => fieldAt.get('updatedAt');
  let rows = count;
  const taken: PlainDocument[] = [];
  const ensureField = (name: string) => {
    let at = fieldAt.get(name);
    if (at === undefined) {
      at = fields.length;
      fields.push(name);
      fieldAt.set(name, at);
      columns.push(new Array<unknown>(rows).fill(undefined));
    }
    return at;
  };
  ensureField('id');
  for (const doc of docs) {
    const existing = rowOf.get(doc.id);
    if (existing !== undefined) {
      const u = updatedAt();
      const r = fieldAt.get('revision');
      if (u !== undefined && !mayReplace(doc, { updatedAt: columns[u]![existing], revision: r === undefined ? undefined : columns[r]![existing] })) continue;
      for (let f = 0; f < fields.length; f++) columns[f]![existing] = undefined;
      for (const [name, value] of Object.entries(doc)) columns[ensureField(name)]![existing] = value;
    } else {
      for (const column of columns) column.push(undefined);
      for (const [name, value] of Object.entries(doc)) columns[ensureField(name)]![rows] = value;
      rowOf.set(doc.id, rows);
      rows += 1;
    }
    taken.push(doc);
  }
  return { record: { key: record.key, tenantId: record.tenantId, part: record.part, fields, columns }, taken };
}

/**
 * Documents of several records with one copy per id: the newest by
 * `updatedAt` (a document that changed may sit in an older page and a newer
 * one), tombstones dropped unless asked for.
 */
export function newestRows(records: readonly ColumnRecord[], options: { withDeleted?: boolean } = {}): PlainDocument[] {
  const byId = new Map<string, PlainDocument>();
  for (const record of records) {
    for (const doc of rowsOf(record, { withDeleted: true })) {
      const seen = byId.get(doc.id);
      if (!seen || mayReplace(doc, seen)) byId.set(doc.id, doc);
    }
  }
  const out = [...byId.values()];
  return options.withDeleted ? out : out.filter((d) => d._deleted !== true);
}
