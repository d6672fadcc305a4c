import type { BulkWriteRow, RxStorage, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb';
import { keySeparator } from '../../shared/sync/localDocuments.ts';

/**
 * Which keys cannot exist in a collection: those of a tenant that had no
 * document there when its first sync began (`begin`), except the ones
 * written since. The sync engine says when a tenant starts and stops being
 * fresh; this module sees every write, so it never mistakes a stored key
 * for an absent one.
 */
export interface AbsentKeys {
  /**
   * Starts treating the tenant's keys in the collection as absent — if, and
   * only if, nothing of the tenant is stored there (deleted documents
   * included). Returns whether it did. Writes that land while it looks are
   * seen, so a key written meanwhile is never taken for an absent one.
   */
  claimIfEmpty(collectionName: string, tenantId: string): Promise<boolean>;
  begin(collectionName: string, tenantId: string): void;
  end(collectionName: string, tenantId: string): void;
  isAbsent(collectionName: string, key: string): boolean;
}

/**
 * Every live document of a collection in one bulk read (IndexedDB `getAll`),
 * where the storage allows it: RxDB's own queries walk a cursor, one
 * request per document — several times slower for the 50,000 technical
 * users the inventory index reads at start. Null when the storage is not
 * Dexie (memory, in tests): read through RxDB then.
 */
export interface BulkReads {
  all(collectionName: string): Promise<Array<Record<string, unknown>>> | null;
}

/** `collectionName` → `tenantId` → keys written since the tenant was found empty. */
class AbsentKeyRegistry implements AbsentKeys {
  private readonly fresh = new Map<string, Map<string, Set<string>>>();
  /** Per collection: whether anything of a tenant is stored (deleted documents included), when the storage can tell. */
  readonly storedOf = new Map<string, (tenantId: string) => Promise<boolean>>();

  async claimIfEmpty(collectionName: string, tenantId: string): Promise<boolean> {
    const stored = this.storedOf.get(collectionName);
    if (!stored) return false;
    // Listening first: a write that lands while we look marks its key as written.
    this.begin(collectionName, tenantId);
    if (await stored(tenantId)) {
      this.end(collectionName, tenantId);
      return false;
    }
    return true;
  }

  begin(collectionName: string, tenantId: string): void {
    let tenants = this.fresh.get(collectionName);
    if (!tenants) this.fresh.set(collectionName, (tenants = new Map()));
    if (!tenants.has(tenantId)) tenants.set(tenantId, new Set());
  }

  end(collectionName: string, tenantId: string): void {
    this.fresh.get(collectionName)?.delete(tenantId);
  }

  isAbsent(collectionName: string, key: string): boolean {
    const written = this.fresh.get(collectionName)?.get(tenantOf(key));
    return written !== undefined && !written.has(key);
  }

  /** Called for every key a write is about to store, before it is stored. */
  touch(collectionName: string, key: string): void {
    this.fresh.get(collectionName)?.get(tenantOf(key))?.add(key);
  }
}

function tenantOf(key: string): string {
  const at = key.indexOf(keySeparator);
  return at < 0 ? '' : key.slice(0, at);
}

interface DexieTableLike {
  bulkGet(keys: string[]): Promise<unknown[]>;
  toArray(): Promise<Array<Record<string, unknown>>>;
  where(index: string): { between(lower: string, upper: string): { limit(n: number): { count(): Promise<number> } } };
}

/**
 * RxDB's storage, but point reads of keys that cannot exist are answered
 * without asking IndexedDB. RxDB's Dexie storage reads every key of a write
 * before writing it (to detect conflicts); for a tenant's first sync that
 * read finds nothing, one IndexedDB request per document for nothing
 * (README, "Architecture"). Conflict detection is untouched: a key this
 * registry calls absent has never been written.
 *
 * Only RxDB's Dexie storage keeps a Dexie table in its internals; with any
 * other storage (memory, in tests) no tenant is ever claimed as empty and
 * reads pass through unchanged.
 */
export function withKnownAbsentKeys(storage: RxStorage<unknown, unknown>): { storage: RxStorage<unknown, unknown>; absent: AbsentKeys; bulk: BulkReads } {
  const registry = new AbsentKeyRegistry();
  const bulkReaders = new Map<string, () => Promise<Array<Record<string, unknown>>>>();
  const bulk: BulkReads = { all: (collectionName) => bulkReaders.get(collectionName)?.() ?? null };
  const wrapped = {
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance<T>(params: RxStorageInstanceCreationParams<T, unknown>) {
      const instance = (await storage.createStorageInstance(params as never)) as unknown as RxStorageInstance<T, unknown, unknown> & { internals: unknown };
      const name = params.collectionName;
      // A schema's primary key is a field, or a composite one kept in its own field (RxDB's getPrimaryFieldOfPrimaryKey, without loading RxDB for it).
      const primaryKey = params.schema.primaryKey as string | { key: string };
      const primaryPath = typeof primaryKey === 'string' ? primaryKey : primaryKey.key;
      // A key stops being absent when its write commits: the change event comes first (so nobody who
      // hears of the document can find it missing), the write's return covers writes that emit none
      // (a deleted document inserted as such). Until then the write's own pre-read must find nothing;
      // no other writer can race it for a key of a fresh tenant (the engine writes each tenant's
      // documents in order, and local edits only touch documents that are already there).
      instance.changeStream().subscribe((bulk) => {
        for (const event of bulk.events) registry.touch(name, String(event.documentId));
      });
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (rows: BulkWriteRow<T>[], context: string) => {
        const result = await write(rows, context);
        for (const row of rows) registry.touch(name, String((row.document as Record<string, unknown>)[primaryPath]));
        return result;
      };
      const internals = (await instance.internals) as { dexieTable?: DexieTableLike } | undefined;
      const table = internals?.dexieTable;
      if (table) {
        // Every document, deleted or not, is a row of this table under its key `<tenantId>|<id>`.
        registry.storedOf.set(name, async (tenantId) => (await table.where(primaryPath).between(`${tenantId}${keySeparator}`, `${tenantId}${keySeparator}\uffff`).limit(1).count()) > 0);
        // One getAll over the table; Dexie's storage keeps `_deleted` as '0' / '1' (an index needs a key type).
        bulkReaders.set(name, async () => {
          const live: Array<Record<string, unknown>> = [];
          for (const row of await table.toArray()) if (row._deleted !== '1' && row._deleted !== true) live.push({ ...row, _deleted: false });
          return live;
        });
        const read = table.bulkGet.bind(table);
        table.bulkGet = async (keys: string[]) => {
          const asked = keys.filter((key) => !registry.isAbsent(name, key));
          if (asked.length === keys.length) return read(keys);
          const found = asked.length > 0 ? await read(asked) : [];
          const byKey = new Map(asked.map((key, i) => [key, found[i]]));
          return keys.map((key) => byKey.get(key));
        };
      }
      return instance;
    },
  };
  return { storage: wrapped as RxStorage<unknown, unknown>, absent: registry, bulk };
}
