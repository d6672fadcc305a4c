import { bridge } from '../bridge.ts';
import { windowDatabaseName } from '../db/database.ts';
import { openWindowReplicaTables, type ReplicaTables } from '../db/replicaTables.ts';
import { roleSchema } from '../db/schemas/roleSchema.ts';
import { technicalUserSchema } from '../db/schemas/technicalUserSchema.ts';
import { lastWritesOf } from '../db/storageRead.ts';
import type { LocalReplica } from '../sync/localReplica.ts';
import { InventoryIndex, inventoryIndexFor } from './inventoryIndex.ts';
import { askInventoryRows, readInventoryRows, readInventorySnapshot, replicaStamp, snapshotSort, writeInventorySnapshot, type EditableWrites, type InventoryRowsRecord } from './inventorySnapshot.ts';

/** The window's editable collections' last writes, read without RxDB (the start asks before RxDB is open). */
const editableWrites: EditableWrites = () =>
  lastWritesOf(indexedDB, windowDatabaseName, [
    { name: 'technicalusers', version: technicalUserSchema.version },
    { name: 'roles', version: roleSchema.version },
  ]);

/**
 * The inventory's start (README, "Architecture"): before React mounts, the
 * last snapshot's first screen is read — one small record — and, if it
 * still describes the replica, shown at once as a preview. Once it is drawn,
 * the full index loads: from the snapshot's every-row record when the
 * replica still has its stamp (then only tokens are read), otherwise from
 * the replica (one bulk read per collection). It replaces the preview with
 * the same rows, keys and order, so the grid, count and selection do not
 * move. While the app runs, the snapshot is written again once the index
 * has been quiet for a while.
 */
let previewRead: Promise<{ index: InventoryIndex | null; stamp: string | null }> | null = null;
/** The every-row record, asked for as soon as the first screen is read (IndexedDB reads it while React draws; it is parsed later). */
let rowsRecord: Promise<InventoryRowsRecord | undefined> | null = null;

export function inventoryPreview(): Promise<{ index: InventoryIndex | null; stamp: string | null }> {
  previewRead ??= (async () => {
    performance.mark('tessera:inventory-snapshot-read-start');
    const tenants = bridge()
      .connections.list()
      .then((listed) => {
        performance.mark('tessera:connections-listed');
        return listed.ok ? new Set(listed.value.map((c) => c.id)) : null;
      });
    const tables = await openWindowReplicaTables();
    const read = await readInventorySnapshot(tables, tenants, editableWrites);
    performance.mark('tessera:inventory-snapshot', { detail: read.rows ? { used: true, rows: read.rows.length } : { used: false, reason: read.reason } });
    if (read.rows) {
      rowsRecord = askInventoryRows(tables);
      rowsRecord.catch(() => undefined);
    }
    return read.rows ? { index: new InventoryIndex({ preview: { rows: read.rows, total: read.total, planUsed: read.planUsed, roles: read.roles } }), stamp: read.stamp } : { index: null, stamp: null };
  })().catch(() => ({ index: null, stamp: null }));
  return previewRead;
}

let drawn: () => void = () => undefined;
const firstRowsDrawn = new Promise<void>((resolve) => (drawn = resolve));

/** The inventory grid says it has drawn rows (the start's bulk reads wait for that, or half a second when it is not shown). */
export function markInventoryDrawn(): void {
  drawn();
}

/** Two frames later (the preview drawn), or 250 ms when no frame comes (a hidden window draws none). */
function nextFrames(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 250);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}

/** Names for sorting by name (which uses none); the same object each time, so the index's sorted cache holds. */
const sortNames = { tenant: () => '', role: () => undefined, now: 0 };

/** How long the index must be quiet before the snapshot is written again. */
export const snapshotQuietMs = 2_000;

/**
 * Starts the window's index on the replica (before anything writes to it)
 * and keeps its snapshot: written after `snapshotQuietMs` without a change,
 * unless the replica still has the stamp of the snapshot this start showed.
 * `tenantIds` says which tenants main has (null until it is known).
 */
export function startInventory(replica: LocalReplica, tenantIds: () => readonly string[] | null): Promise<InventoryIndex> {
  // The bulk reads (seconds of deserialising on this thread at 50,000 users) wait until the
  // snapshot's rows are on screen: queued behind them, the first screen would wait for them.
  const firstScreen = inventoryPreview().then((read) => (read.index ? Promise.race([firstRowsDrawn.then(nextFrames), new Promise((resolve) => setTimeout(resolve, 500))]) : undefined));
  const snapshot = async () => {
    const { stamp } = await inventoryPreview();
    if (stamp === null) return null;
    const [read, { index: preview }] = await Promise.all([readInventoryRows(replica.tables, stamp, rowsRecord ?? undefined), inventoryPreview()]);
    // The record's string is not kept once parsed (tens of megabytes at 50,000 users).
    rowsRecord = null;
    performance.mark('tessera:inventory-snapshot-rows', { detail: read.rows ? { used: true, rows: read.rows.length } : { used: false, reason: read.reason } });
    return read.rows && preview ? { rows: read.rows, roles: preview.allRoles() } : null;
  };
  const { ready } = inventoryIndexFor(replica, { after: firstScreen, snapshot });
  void ready
    .then(async (index) => {
      const { stamp } = await inventoryPreview();
      keepSnapshot(index, replica.tables, tenantIds, stamp);
    })
    .catch((error: unknown) => console.warn(`The inventory snapshot is not kept: ${error instanceof Error ? error.message : String(error)}`));
  return ready;
}

function keepSnapshot(index: InventoryIndex, tables: ReplicaTables, tenantIds: () => readonly string[] | null, shownStamp: string | null): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing = false;
  // The snapshot on disk, as far as this window knows: the stamp it showed at start (with the rows as they
  // came), then each it wrote. The stamp does not see everything (a token from the event stream moves no
  // pull position), so the rows' own count of changes is compared too.
  let standing: { stamp: string; rows: number } | null = shownStamp === null ? null : { stamp: shownStamp, rows: index.loadedRowsGeneration };
  const write = async () => {
    timer = null;
    if (writing) return schedule();
    writing = true;
    try {
      // Nothing the rows are made of changed since the snapshot on disk was written: it still stands.
      const rows = index.getRowsGeneration();
      if (standing !== null && standing.rows === rows && (await replicaStamp(tables, editableWrites)) === standing.stamp) return;
      const version = index.getVersion();
      let stamp: string | null = null;
      const stands = await writeInventorySnapshot(tables, () => {
        const ids = tenantIds();
        // The index moved meanwhile, main's tenants are not known yet, or token changes still wait for the tokens: later.
        if (!ids || index.getVersion() !== version || !index.tokensReady) return null;
        // The name order needs no tenant or role names; the index keeps it while the inventory is shown so.
        return { sorted: index.sorted(snapshotSort, sortNames), roles: index.allRoles(), tenantIds: ids };
      }, editableWrites, (written) => (stamp = written));
      if (stands && stamp !== null) {
        standing = { stamp, rows };
        performance.mark('tessera:inventory-snapshot-written', { detail: { rows: index.all().length } });
      } else {
        standing = null;
        schedule();
      }
    } catch (error) {
      // A snapshot that cannot be written only costs the next start its preview (said for whoever reads the log).
      console.warn(`The inventory snapshot was not written: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      writing = false;
    }
  };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void write(), snapshotQuietMs);
  };
  // Rows change with the index; the stamp can also move without them (a pull that brought nothing new moves its position).
  index.subscribe(schedule);
  tables.onCheckpointsWritten(schedule);
}
