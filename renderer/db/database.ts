import type { RxCollection, RxDatabase, RxStorage } from 'rxdb';
import { withKnownAbsentKeys, type AbsentKeys, type BulkReads } from './knownAbsentStorage.ts';
import { roleSchema, type LocalRole } from './schemas/roleSchema.ts';
import { technicalUserSchema, type LocalTechnicalUser } from './schemas/technicalUserSchema.ts';

/**
 * The editable part of the local replica: one RxDB database on Dexie
 * (IndexedDB) with the two collections a person edits — technical users and
 * roles, with queries and change events — shared by all tenants: documents
 * carry the local `tenantId` (the free edition refuses a 14th open
 * collection per page). Everything else of the replica is kept beside it in
 * plain tables (`replicaTables.ts`): what the console only reads, in compact
 * records, and the sync's bookkeeping.
 */
export type TesseraCollections = {
  technicalusers: RxCollection<LocalTechnicalUser>;
  roles: RxCollection<LocalRole>;
};

export type TesseraDatabase = RxDatabase<TesseraCollections>;

/** The database with what the sync engine needs to know about its storage. */
export interface LocalDatabase {
  readonly db: TesseraDatabase;
  /** Which keys cannot exist (a tenant's first sync writes without reading first). */
  readonly absent: AbsentKeys;
  /** Whole collections in one read each, where the storage can (the inventory index at start). */
  readonly bulk: BulkReads;
}

/** The window's database (tests make their own under other names). */
export const windowDatabaseName = 'tessera';

let database: Promise<LocalDatabase> | null = null;

/** Creates the window's database once; later calls get the same promise. Storage is a parameter so tests can swap it. */
export function openLocalDatabase(options: { name?: string; storage?: RxStorage<unknown, unknown> } = {}): Promise<LocalDatabase> {
  database ??= createLocalDatabase(options).catch((error: unknown) => {
    database = null;
    throw error;
  });
  return database;
}

/** A database of its own, not the window's (tests: several consoles in one process). */
/** Schema versions keep every document as it is: only indexes changed (see the schemas). */
const sameDocuments = { 1: (doc: unknown) => doc };

export async function createLocalDatabase(options: { name?: string; storage?: RxStorage<unknown, unknown> }): Promise<LocalDatabase> {
  // RxDB is a chunk of its own, loaded here: the first screen (the start's snapshot, README
  // "Architecture") is drawn without waiting for its code to be parsed.
  const [{ addRxPlugin, createRxDatabase }, { RxDBMigrationSchemaPlugin }, { getRxStorageDexie }] = await Promise.all([import('rxdb'), import('rxdb/plugins/migration-schema'), import('rxdb/plugins/storage-dexie')]);
  addRxPlugin(RxDBMigrationSchemaPlugin);
  const known = withKnownAbsentKeys(options.storage ?? getRxStorageDexie());
  let storage = known.storage;
  if (import.meta.env.DEV) {
    // Development and tests only: RxDB's checks and schema validation.
    const [{ RxDBDevModePlugin }, { wrappedValidateAjvStorage }] = await Promise.all([import('rxdb/plugins/dev-mode'), import('rxdb/plugins/validate-ajv')]);
    addRxPlugin(RxDBDevModePlugin);
    storage = wrappedValidateAjvStorage({ storage }) as RxStorage<unknown, unknown>;
  }
  const db = await createRxDatabase<TesseraCollections>({ name: options.name ?? windowDatabaseName, storage, multiInstance: false, eventReduce: true, closeDuplicates: true });
  // No RxDB replication runs on these collections (the sync engine pulls and pushes itself), so no conflict handler either.
  await db.addCollections({
    technicalusers: { schema: technicalUserSchema, migrationStrategies: sameDocuments },
    roles: { schema: roleSchema, migrationStrategies: sameDocuments },
  });
  return { db, absent: known.absent, bulk: known.bulk };
}
