import type { TenantStore } from './tenantStore.ts';

/**
 * The business objects the integration API serves. Each has a few sample
 * records (not stored: they are always "some days ago"); what integrations
 * create or edit is stored in `object_records` and shown with them.
 */
interface CatalogEntry {
  /** One record, as a sentence names it ("an invoice"). */
  readonly singular: string;
  readonly article: 'a' | 'an';
  readonly samples: ReadonlyArray<{ name: Record<string, string>; daysAgo: number }>;
}

const catalog: Record<string, CatalogEntry> = {
  contacts: { singular: 'contact', article: 'a', samples: [{ name: { en: 'Ada Lovelace', de: 'Ada Lovelace' }, daysAgo: 2 }, { name: { en: 'Grace Hopper', de: 'Grace Hopper' }, daysAgo: 9 }] },
  accounts: { singular: 'account', article: 'an', samples: [{ name: { en: 'Northwind Traders', de: 'Northwind Handel' }, daysAgo: 30 }, { name: { en: 'Contoso Ltd.', de: 'Contoso GmbH' }, daysAgo: 4 }] },
  projects: { singular: 'project', article: 'a', samples: [{ name: { en: 'Website relaunch', de: 'Website-Relaunch', cs: 'Nový web' }, daysAgo: 12 }] },
  invoices: { singular: 'invoice', article: 'an', samples: [{ name: { en: 'Invoice 2026-0042', de: 'Rechnung 2026-0042', cs: 'Faktura 2026-0042' }, daysAgo: 1 }] },
  orders: { singular: 'order', article: 'an', samples: [{ name: { en: 'Order 7781', de: 'Bestellung 7781' }, daysAgo: 3 }] },
  activities: { singular: 'activity', article: 'an', samples: [{ name: { en: 'Call with Contoso', de: 'Anruf mit Contoso' }, daysAgo: 0 }] },
  documents: { singular: 'document', article: 'a', samples: [{ name: { en: 'Master agreement', de: 'Rahmenvertrag' }, daysAgo: 40 }] },
  products: { singular: 'product', article: 'a', samples: [{ name: { en: 'Support plan', de: 'Supportvertrag' }, daysAgo: 90 }] },
};


export function isIntegrationObject(object: string): boolean {
  return Object.hasOwn(catalog, object);
}

/** "an invoice", "a contact". */
export function recordNoun(object: string): string {
  const entry = catalog[object];
  return entry ? `${entry.article} ${entry.singular}` : `a record of ${object}`;
}

export interface StoredRecord {
  readonly object: string;
  readonly id: string;
  /** Stored records have one name; samples have one per language. */
  readonly name: Record<string, string>;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface RecordRow {
  object: string;
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

const fromRow = (row: RecordRow): StoredRecord => ({ object: row.object, id: row.id, name: { en: row.name }, createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at) });

const sampleId = (object: string, index: number) => `${object}-${index + 1}`;

/** An object's records: its samples (unless an integration edited them) and what integrations created, oldest first. */
export function listRecords(store: TenantStore, object: string): StoredRecord[] {
  const entry = catalog[object];
  if (!entry) return [];
  const now = store.now().getTime();
  const stored = store.db.all<RecordRow>('SELECT * FROM object_records WHERE object = ? ORDER BY created_at, id', object).map(fromRow);
  const byId = new Map(stored.map((r) => [r.id, r]));
  const samples = entry.samples.map((sample, index): StoredRecord => {
    const at = new Date(now - sample.daysAgo * 86_400_000);
    return byId.get(sampleId(object, index)) ?? { object, id: sampleId(object, index), name: sample.name, createdAt: at, updatedAt: at };
  });
  const sampleIds = new Set(samples.map((s) => s.id));
  return [...samples, ...stored.filter((r) => !sampleIds.has(r.id))];
}

export function findRecord(store: TenantStore, object: string, id: string): StoredRecord | null {
  return listRecords(store, object).find((r) => r.id === id) ?? null;
}

/** A new record; its id follows the object's last one (`invoices-7`). */
export function createRecord(store: TenantStore, object: string, name: string, technicalUserId: string): StoredRecord {
  const entry = catalog[object];
  if (!entry) throw new Error(`unknown object ${object}`);
  const prefix = `${object}-`;
  const numbers = store.db
    .all<{ id: string }>('SELECT id FROM object_records WHERE object = ?', object)
    .map((r) => Number(r.id.slice(prefix.length)))
    .filter((n) => Number.isInteger(n));
  const next = Math.max(entry.samples.length, ...numbers) + 1;
  const at = store.now().toISOString();
  const id = `${prefix}${next}`;
  store.db.run('INSERT INTO object_records (object, id, name, created_at, updated_at, changed_by) VALUES (?, ?, ?, ?, ?, ?)', object, id, name, at, at, technicalUserId);
  return { object, id, name: { en: name }, createdAt: new Date(at), updatedAt: new Date(at) };
}

/** Renames a record (a sample becomes a stored record with its own creation time kept). */
export function updateRecord(store: TenantStore, existing: StoredRecord, name: string, technicalUserId: string): StoredRecord {
  const at = store.now().toISOString();
  store.db.run(
    `INSERT INTO object_records (object, id, name, created_at, updated_at, changed_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (object, id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at, changed_by = excluded.changed_by`,
    existing.object,
    existing.id,
    name,
    existing.createdAt.toISOString(),
    at,
    technicalUserId,
  );
  return { ...existing, name: { en: name }, updatedAt: new Date(at) };
}
