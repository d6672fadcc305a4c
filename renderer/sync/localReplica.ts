import type { RxStorage } from 'rxdb';
import { createLocalDatabase, openLocalDatabase, type LocalDatabase, type TesseraDatabase } from '../db/database.ts';
import type { AbsentKeys, BulkReads } from '../db/knownAbsentStorage.ts';
import { moveLegacyCollections } from '../db/legacyCollections.ts';
import { PageStore } from '../db/pages/pageStore.ts';
import { openReplicaTables, openWindowReplicaTables, type IndexedDbDependencies, type ReplicaTables } from '../db/replicaTables.ts';
import { PendingLedger } from './pendingLedger.ts';
import { SyncNotes } from './syncNotes.ts';

/**
 * The local replica as the views and the sync engine use it: technical
 * users and roles in RxDB (`db`), what is only read in compact records
 * (`pages`), and the sync's bookkeeping — the pending ledger (the one writer
 * of pending changes) and the notes a person decides on (conflicts,
 * refusals).
 */
export interface LocalReplica {
  readonly db: TesseraDatabase;
  readonly pages: PageStore;
  readonly ledger: PendingLedger;
  readonly notes: SyncNotes;
  /** Which keys cannot exist yet (for the sync engine). */
  readonly absent: AbsentKeys;
  /** Whole collections in one read each, where the storage can (null otherwise: read through RxDB). */
  readonly bulk: BulkReads;
  readonly tables: ReplicaTables;
}

async function assemble(local: LocalDatabase, tables: ReplicaTables): Promise<LocalReplica> {
  const [ledger, notes] = await Promise.all([PendingLedger.open(tables), SyncNotes.open(tables)]);
  return { db: local.db, absent: local.absent, bulk: local.bulk, tables, pages: new PageStore(tables), ledger, notes };
}

let opened: Promise<LocalReplica> | null = null;

/** The window's replica, opened once (the database, then anything an older version left to carry over). */
export function openLocalReplica(): Promise<LocalReplica> {
  opened ??= (async () => {
    const [local, tables] = await Promise.all([openLocalDatabase(), openWindowReplicaTables()]);
    await moveLegacyCollections(tables);
    return assemble(local, tables);
  })().catch((error: unknown) => {
    opened = null;
    throw error;
  });
  return opened;
}

/** A replica of its own (tests: several consoles in one process, on memory or fake IndexedDB storage). */
export async function createLocalReplica(options: { name: string; storage?: RxStorage<unknown, unknown>; dependencies?: IndexedDbDependencies }): Promise<LocalReplica> {
  const [local, tables] = await Promise.all([createLocalDatabase({ name: options.name, ...(options.storage ? { storage: options.storage } : {}) }), openReplicaTables({ name: `${options.name}-replica`, ...(options.dependencies ? { dependencies: options.dependencies } : {}) })]);
  return assemble(local, tables);
}

/** Closes a replica of its own and deletes its storage (tests). */
export async function removeLocalReplica(replica: LocalReplica): Promise<void> {
  await replica.db.remove();
  await replica.tables.delete();
}
