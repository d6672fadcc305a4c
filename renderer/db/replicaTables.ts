import Dexie, { liveQuery, type Table } from 'dexie';
import type { Checkpoint } from '../../shared/api/replication.ts';
import type { ColumnRecord } from '../../shared/sync/columnRecords.ts';
import type { InventoryRowsRecord, InventorySnapshotRecord } from '../inventory/inventorySnapshot.ts';

/** Where each tenant's pull of one collection stands. */
export interface CheckpointRecord {
  /** `<tenantId>|<collection>` */
  readonly key: string;
  readonly tenantId: string;
  readonly collection: string;
  readonly checkpoint: Checkpoint | null;
}

/** A change made here that the tenant has not confirmed yet (what "pending" counts and lists). */
export interface PendingChange {
  /** `<tenantId>|<docId>`, the document's local key. */
  readonly key: string;
  readonly tenantId: string;
  /** Which replicated collection (`technical-users`, `roles`). */
  readonly collectionName: 'technical-users' | 'roles';
  readonly docId: string;
  readonly docName: string;
  readonly kind: 'create' | 'update' | 'delete';
  /** When it was last changed here; matches the document's `localChangedAt`. */
  readonly changedAt: number;
  /** The tenant's state this change was made from (server shape; null for a create): the merge base. */
  readonly base: Record<string, unknown> | null;
  /** Held back because the tenant could not be reached; sent again when it is back. */
  readonly deferred: boolean;
  /**
   * What was sent for it since its base (server shape, the last few), kept
   * until it is settled: when an answer was lost and the tenant then reports a
   * conflict, a tenant state equal to one of these is our own change, taken —
   * the merge base, not a colleague's change.
   */
  readonly sent?: ReadonlyArray<Record<string, unknown>>;
}

/** A field both this console and the tenant changed: the tenant's value won, this keeps the local one visible. */
export interface SyncConflict {
  /** `<tenantId>|<collection>|<docId>|<field>` */
  readonly key: string;
  readonly tenantId: string;
  readonly collectionName: 'technical-users' | 'roles';
  readonly docId: string;
  readonly docName: string;
  readonly field: string;
  readonly localValue: unknown;
  readonly serverValue: unknown;
  readonly baseValue: unknown;
  /** Who changed it on the tenant, and when (the tenant's `updatedBy` / `updatedAt`), when it says. */
  readonly serverChangedBy: { name: string; email: string | null } | null;
  readonly serverChangedAt: string | null;
  readonly detectedAt: number;
}

/** A change the tenant refused (plan limit, name taken, root role …), kept with its reason to fix and resubmit, or discard. */
export interface SyncRejection {
  /** `<tenantId>|<collection>|<docId>` */
  readonly key: string;
  readonly tenantId: string;
  readonly collectionName: 'technical-users' | 'roles';
  readonly docId: string;
  readonly docName: string;
  readonly code: string;
  readonly message: string;
  /** The refused document as it was sent (server shape). */
  readonly draft: Record<string, unknown>;
  /** Whether the document exists on the tenant (false: a refused create). */
  readonly masterExists: boolean;
  readonly rejectedAt: number;
}

/**
 * The local replica's storage beside RxDB (README, "Architecture"), one
 * Dexie database:
 * - pulled data the console only reads, in compact records: `tokens` (one
 *   column record per tenant and bucket of users), `sessionDays` (one per
 *   tenant and date), `auditPages` (up to 1,000 entries each);
 * - `checkpoints`: every tenant's pull position per collection (those of the
 *   pulled data written in the same transaction as the data);
 * - the sync's own bookkeeping: `pendingChanges`, `conflicts`, `rejections`;
 * - `snapshots`: the inventory as it last stood, for the next start's first
 *   screen and full index (`inventorySnapshot.ts`).
 */
export class ReplicaTables extends Dexie {
  checkpoints!: Table<CheckpointRecord, string>;
  tokens!: Table<ColumnRecord, string>;
  sessionDays!: Table<ColumnRecord & { date: string }, string>;
  auditPages!: Table<ColumnRecord, string>;
  pendingChanges!: Table<PendingChange, string>;
  conflicts!: Table<SyncConflict, string>;
  rejections!: Table<SyncRejection, string>;
  snapshots!: Table<InventorySnapshotRecord | InventoryRowsRecord, string>;

  constructor(name: string, dependencies?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
    super(name, dependencies);
    this.version(1).stores({
      checkpoints: 'key, tenantId',
      tokens: 'key, tenantId',
      sessionDays: 'key, tenantId, date',
      auditPages: 'key, tenantId',
      pendingChanges: 'key, tenantId',
      conflicts: 'key, tenantId',
      rejections: 'key, tenantId',
    });
    this.version(2).stores({ snapshots: 'key' });
  }

  /** Calls `listener` after every write to the pull positions (by this window), and once at first. Returns the unsubscribe. */
  onCheckpointsWritten(listener: () => void): () => void {
    const subscription = liveQuery(() => this.checkpoints.count()).subscribe({ next: listener, error: () => undefined });
    return () => subscription.unsubscribe();
  }
}

export const replicaTablesName = 'tessera-replica';

/** IndexedDB of its own, for tests (fake-indexeddb); the app uses the page's. */
export interface IndexedDbDependencies {
  readonly indexedDB: IDBFactory;
  readonly IDBKeyRange: typeof IDBKeyRange;
}

let windowTables: Promise<ReplicaTables> | null = null;

/** The window's tables, opened once (the replica and the start-up snapshot read share them). */
export function openWindowReplicaTables(): Promise<ReplicaTables> {
  windowTables ??= openReplicaTables().catch((error: unknown) => {
    windowTables = null;
    throw error;
  });
  return windowTables;
}

export async function openReplicaTables(options: { name?: string; dependencies?: IndexedDbDependencies } = {}): Promise<ReplicaTables> {
  const tables = new ReplicaTables(options.name ?? replicaTablesName, options.dependencies);
  await tables.open();
  return tables;
}
