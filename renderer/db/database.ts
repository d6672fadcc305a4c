import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { roleWritableKeys } from '../../shared/api/roles.ts';
import { technicalUserWritableKeys } from '../../shared/api/technicalUsers.ts';
import { createConflictHandler } from '../sync/conflictHandling.ts';
import { withIndexedChangesSince } from './changesSinceStorage.ts';
import { auditSchema, type LocalAuditEntry } from './schemas/auditSchema.ts';
import { conflictSchema, type SyncConflict } from './schemas/conflictSchema.ts';
import { pendingChangeSchema, type PendingChange } from './schemas/pendingChangeSchema.ts';
import { rejectionSchema, type SyncRejection } from './schemas/rejectionSchema.ts';
import { roleSchema, type LocalRole } from './schemas/roleSchema.ts';
import { sessionDaySchema, type LocalSessionDay } from './schemas/sessionDaySchema.ts';
import { technicalUserSchema, type LocalTechnicalUser } from './schemas/technicalUserSchema.ts';
import { tokenSchema, type LocalToken } from './schemas/tokenSchema.ts';

/**
 * The local replica: one RxDB database on Dexie (IndexedDB), one collection
 * per document type shared by all tenants — documents carry the local
 * `tenantId` (the free edition refuses a 14th open collection). Eight
 * collections: five replicated, three local-only (conflicts, rejections,
 * pending changes).
 */
export type TesseraCollections = {
  technicalusers: RxCollection<LocalTechnicalUser>;
  roles: RxCollection<LocalRole>;
  tokens: RxCollection<LocalToken>;
  sessiondays: RxCollection<LocalSessionDay>;
  audit: RxCollection<LocalAuditEntry>;
  conflicts: RxCollection<SyncConflict>;
  rejections: RxCollection<SyncRejection>;
  pendingchanges: RxCollection<PendingChange>;
};

export type TesseraDatabase = RxDatabase<TesseraCollections>;

let database: Promise<TesseraDatabase> | null = null;

/** Creates the database once; later calls get the same promise. Storage is a parameter so tests can swap it. */
export function openDatabase(options: { name?: string; storage?: RxStorage<unknown, unknown> } = {}): Promise<TesseraDatabase> {
  database ??= create(options).catch((error: unknown) => {
    database = null;
    throw error;
  });
  return database;
}

async function create(options: { name?: string; storage?: RxStorage<unknown, unknown> }): Promise<TesseraDatabase> {
  let storage = options.storage ?? withIndexedChangesSince(getRxStorageDexie());
  if (import.meta.env.DEV) {
    // Development and tests only: RxDB's checks and schema validation.
    const [{ RxDBDevModePlugin }, { wrappedValidateAjvStorage }] = await Promise.all([import('rxdb/plugins/dev-mode'), import('rxdb/plugins/validate-ajv')]);
    addRxPlugin(RxDBDevModePlugin);
    storage = wrappedValidateAjvStorage({ storage }) as RxStorage<unknown, unknown>;
  }
  const db = await createRxDatabase<TesseraCollections>({ name: options.name ?? 'tessera', storage, multiInstance: false, eventReduce: true, closeDuplicates: true });
  await db.addCollections({
    technicalusers: { schema: technicalUserSchema, migrationStrategies: {}, conflictHandler: createConflictHandler('technical-users', technicalUserWritableKeys) as never },
    roles: { schema: roleSchema, migrationStrategies: {}, conflictHandler: createConflictHandler('roles', roleWritableKeys) as never },
    tokens: { schema: tokenSchema, migrationStrategies: {} },
    sessiondays: { schema: sessionDaySchema, migrationStrategies: {} },
    audit: { schema: auditSchema, migrationStrategies: {} },
    conflicts: { schema: conflictSchema, migrationStrategies: {} },
    rejections: { schema: rejectionSchema, migrationStrategies: {} },
    pendingchanges: { schema: pendingChangeSchema, migrationStrategies: {} },
  });
  return db;
}
