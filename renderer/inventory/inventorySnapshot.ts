import { searchTextOf, type InventoryRow } from '../../shared/console/inventoryRow.ts';
import { planUsage } from '../../shared/rules/technicalUserRules.ts';
import type { ReplicaTables } from '../db/replicaTables.ts';
import type { RoleEntry } from './inventoryIndex.ts';

/**
 * The inventory's first screen as it last stood — the first rows in the
 * default order (name, A→Z) and how many rows there are in all — kept in one
 * small record, so that the next start shows rows at once (one IndexedDB
 * read of a few kilobytes instead of 50,000 documents) while the full index
 * loads behind it. Only the first screen: a record of every row costs more
 * to read on this machine kind (27 MB, 0.77 s at 50,000 users, measured)
 * than the budget allows for the whole start.
 *
 * Never trusted blindly: the record carries a stamp of what it was built
 * from (every tenant's pull position of technical users, roles and tokens,
 * and the pending changes made here). A start whose replica has another
 * stamp, or whose tenants are not the snapshot's, ignores the snapshot and
 * waits for the index (the normal path).
 */
export interface InventorySnapshotRecord {
  readonly key: typeof snapshotKey;
  /** Of this module's encoding: another version is not read. */
  readonly format: number;
  readonly stamp: string;
  readonly writtenAt: number;
  readonly tenantIds: readonly string[];
  /** How many rows the inventory had in all (the first ones are in `columns`). */
  readonly total: number;
  /** Per tenant, the technical users its plan counts (the plan strip above the grid). */
  readonly planUsed: Readonly<Record<string, number>>;
  /** Row fields, in the order of `columns` (`searchText` is derived again on reading). */
  readonly fields: readonly string[];
  readonly columns: readonly unknown[][];
  readonly roles: readonly RoleEntry[];
}

export const snapshotKey = 'inventory';
export const snapshotFormat = 2;
/** Rows kept: a tall window shows about 40; the rest covers a first scroll. */
export const snapshotRows = 200;
/** The order the first rows are kept in: the inventory's default. */
export const snapshotSort = { column: 'name', direction: 'asc' } as const;

/** What a snapshot depends on: changes to anything else leave it valid. */
const stampCollections = new Set(['technical-users', 'roles', 'tokens']);

const rowFields = ['key', 'tenantId', 'id', 'name', 'description', 'kind', 'category', 'dataFields', 'language', 'timeZone', 'notificationEmail', 'active', 'permissionRole', 'roleIds', 'customRoles', 'externalAuthId', 'createdAt', 'createdBy', 'updatedAt', 'tokenExpiries', 'lastUsedAt', 'pending'] as const satisfies ReadonlyArray<keyof InventoryRow>;

/** The latest write times of the editable collections (technical users, roles): see `lastWritesOf`. */
export type EditableWrites = () => Promise<readonly number[]>;

/**
 * The replica's stamp now: pull positions of what rows are made of, the
 * pending changes, and the last write to technical users and roles (a
 * push's answer, for one, moves neither a pull position nor the pending
 * list, but it does change a row).
 */
export async function replicaStamp(tables: ReplicaTables, editableWrites: EditableWrites): Promise<string> {
  const [[checkpoints, pending], writes] = await Promise.all([tables.transaction('r', [tables.checkpoints, tables.pendingChanges], () => Promise.all([tables.checkpoints.toArray(), tables.pendingChanges.toArray()])), editableWrites()]);
  const positions = checkpoints
    .filter((c) => stampCollections.has(c.collection))
    .map((c) => `${c.key}=${c.checkpoint ? `${c.checkpoint.updatedAt}/${c.checkpoint.id}` : '-'}`)
    .sort();
  const changes = pending.map((p) => `${p.key}@${p.collectionName}:${p.kind}:${p.changedAt}`).sort();
  return JSON.stringify([positions, changes, writes]);
}

/** `rows`: the first rows in `snapshotSort` order; `total`: how many there are in all. */
export function encodeSnapshot(rows: readonly InventoryRow[], all: readonly InventoryRow[], roles: readonly RoleEntry[], stamp: string, tenantIds: readonly string[], writtenAt: number): InventorySnapshotRecord {
  const columns = rowFields.map((field) => rows.map((row) => row[field]));
  const planUsed: Record<string, number> = {};
  for (const tenantId of tenantIds) planUsed[tenantId] = planUsage(all.filter((r) => r.tenantId === tenantId), 0).used;
  return { key: snapshotKey, format: snapshotFormat, stamp, writtenAt, tenantIds: [...tenantIds].sort(), total: all.length, planUsed, fields: rowFields, columns, roles: [...roles] };
}

export function decodeSnapshot(record: InventorySnapshotRecord): InventoryRow[] {
  const count = record.columns[0]?.length ?? 0;
  const at = new Map(record.fields.map((f, i) => [f, record.columns[i]!]));
  const column = (field: (typeof rowFields)[number]) => {
    const values = at.get(field);
    if (!values || values.length !== count) throw new Error(`the inventory snapshot has no column "${field}" of ${count} rows`);
    return values;
  };
  const columns = rowFields.map((field) => column(field));
  const rows: InventoryRow[] = new Array(count);
  for (let r = 0; r < count; r++) {
    const row: Record<string, unknown> = {};
    for (let f = 0; f < rowFields.length; f++) row[rowFields[f]!] = columns[f]![r];
    row.searchText = searchTextOf(row as unknown as InventoryRow);
    rows[r] = row as unknown as InventoryRow;
  }
  return rows;
}

export type SnapshotRead = { readonly rows: InventoryRow[]; readonly total: number; readonly planUsed: Readonly<Record<string, number>>; readonly roles: readonly RoleEntry[]; readonly stamp: string } | { readonly rows: null; readonly reason: 'missing' | 'format' | 'tenants' | 'stale' | 'unreadable' };

/**
 * The last snapshot if it still describes the replica: same encoding, the
 * same tenants as main's connections, the same stamp.
 */
export async function readInventorySnapshot(tables: ReplicaTables, tenantIds: ReadonlySet<string>, editableWrites: EditableWrites): Promise<SnapshotRead> {
  try {
    const [record, stamp] = await Promise.all([tables.snapshots.get(snapshotKey), replicaStamp(tables, editableWrites)]);
    if (!record) return { rows: null, reason: 'missing' };
    if (record.format !== snapshotFormat) return { rows: null, reason: 'format' };
    if (record.tenantIds.length !== tenantIds.size || record.tenantIds.some((id) => !tenantIds.has(id))) return { rows: null, reason: 'tenants' };
    if (record.stamp !== stamp) return { rows: null, reason: 'stale' };
    return { rows: decodeSnapshot(record), total: record.total, planUsed: record.planUsed, roles: record.roles, stamp };
  } catch {
    // A damaged record is no reason not to start: the index is read the normal way.
    return { rows: null, reason: 'unreadable' };
  }
}

/**
 * Writes the snapshot of `take()` (every row in `snapshotSort` order, roles and tenants at this moment)
 * under the stamp read before it; if the replica's stamp moved while it was
 * written, the record is removed again rather than left claiming a state it
 * does not hold. Returns whether a snapshot stands.
 */
export async function writeInventorySnapshot(tables: ReplicaTables, take: () => { sorted: readonly InventoryRow[]; roles: readonly RoleEntry[]; tenantIds: readonly string[] } | null, editableWrites: EditableWrites): Promise<boolean> {
  const before = await replicaStamp(tables, editableWrites);
  const taken = take();
  if (!taken) return false;
  await tables.snapshots.put(encodeSnapshot(taken.sorted.slice(0, snapshotRows), taken.sorted, taken.roles, before, taken.tenantIds, Date.now()));
  if ((await replicaStamp(tables, editableWrites)) === before) return true;
  await tables.snapshots.delete(snapshotKey);
  return false;
}
