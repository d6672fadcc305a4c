import { searchTextOf, type InventoryRow } from '../../shared/console/inventoryRow.ts';
import { planUsage } from '../../shared/rules/technicalUserRules.ts';
import type { ReplicaTables } from '../db/replicaTables.ts';
import type { RoleEntry } from './inventoryIndex.ts';

/**
 * The inventory as it last stood, in two records written together:
 *
 * - the first screen — the first rows in the default order (name, A→Z), how
 *   many rows there are in all, the roles — small (a few hundred kilobytes),
 *   read before React mounts so that the next start shows rows at once;
 * - every row, as one JSON string (`InventoryRowsRecord`): read once the
 *   first screen is drawn, it gives the full index without reading 50,000
 *   technical users through RxDB's storage. One string is the cheap shape
 *   to store: IndexedDB hands it back as one copy, and `JSON.parse` makes the
 *   rows, where a structured clone of 50,000 objects (or of columns) costs a
 *   deserialised value each (measured side by side in Chromium here: the
 *   string read and parsed in ≈ 0.3 s, the columns read in ≈ 0.33 s before
 *   any row is made, the users' getAll ≈ 1.7–2 s).
 *
 * Never trusted blindly: both records carry a stamp of what they were built
 * from (every tenant's pull position of technical users, roles and tokens,
 * the pending changes made here, the last write to technical users and
 * roles) and the build that wrote them. A start whose replica has another
 * stamp, whose tenants are not the snapshot's, or that runs another build
 * (rows are made by code that may have changed) ignores the snapshot and
 * reads the replica (the normal path).
 */
export interface InventorySnapshotRecord {
  readonly key: typeof snapshotKey;
  /** Of this module's encoding: another version is not read. */
  readonly format: number;
  /** The build that made the rows: another one reads the replica. */
  readonly build: string;
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

/** Every row of the inventory as it stood with the first screen's stamp (one JSON string, search texts included). */
export interface InventoryRowsRecord {
  readonly key: typeof rowsKey;
  readonly format: number;
  readonly build: string;
  readonly stamp: string;
  readonly rows: string;
}

export const snapshotKey = 'inventory';
export const rowsKey = 'inventory-rows';
export const snapshotFormat = 3;
/** Which build wrote a snapshot (electron.vite.config.ts sets it; tests and dev servers without it share 'dev'). */
export const snapshotBuild = String((import.meta.env as Record<string, unknown> | undefined)?.TESSERA_BUILD ?? 'dev');
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
  return { key: snapshotKey, format: snapshotFormat, build: snapshotBuild, stamp, writtenAt, tenantIds: [...tenantIds].sort(), total: all.length, planUsed, fields: rowFields, columns, roles: [...roles] };
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
 * same tenants as main's connections (null: main could not say), the same
 * stamp.
 */
export async function readInventorySnapshot(tables: ReplicaTables, tenants: ReadonlySet<string> | PromiseLike<ReadonlySet<string> | null>, editableWrites: EditableWrites): Promise<SnapshotRead> {
  try {
    // Main's answer may take a while to come (its tenants): the record and the stamp are read meanwhile.
    const [record, stamp, tenantIds] = await Promise.all([tables.snapshots.get(snapshotKey) as Promise<InventorySnapshotRecord | undefined>, replicaStamp(tables, editableWrites), tenants]);
    if (!record) return { rows: null, reason: 'missing' };
    if (!tenantIds) return { rows: null, reason: 'tenants' };
    if (record.format !== snapshotFormat || record.build !== snapshotBuild) return { rows: null, reason: 'format' };
    if (record.tenantIds.length !== tenantIds.size || record.tenantIds.some((id) => !tenantIds.has(id))) return { rows: null, reason: 'tenants' };
    if (record.stamp !== stamp) return { rows: null, reason: 'stale' };
    return { rows: decodeSnapshot(record), total: record.total, planUsed: record.planUsed, roles: record.roles, stamp };
  } catch {
    // A damaged record is no reason not to start: the index is read the normal way.
    return { rows: null, reason: 'unreadable' };
  }
}

export type RowsRead = { readonly rows: InventoryRow[] } | { readonly rows: null; readonly reason: 'missing' | 'format' | 'stale' | 'unreadable' };

/**
 * Every row of the snapshot written with `stamp` — the stamp the first
 * screen's record had when `readInventorySnapshot` found it to be the
 * replica's. The caller vouches that nothing written since then can have
 * gone unheard: the start reads the first screen before any writer (the
 * sync engine, an edit) exists, and the index listens for changes before
 * one does, so everything written after that check reaches it and applies
 * on top of these rows. (The replica moves within a second of the start
 * whenever a tenant changed something; checking it again here would throw
 * the snapshot away on exactly the starts that need it.) `asked`: the
 * record's read, when it was started earlier.
 */
/** The every-row record's read (started early at start: it is parsed only in `readInventoryRows`). */
export function askInventoryRows(tables: ReplicaTables): Promise<InventoryRowsRecord | undefined> {
  return tables.snapshots.get(rowsKey) as Promise<InventoryRowsRecord | undefined>;
}

export async function readInventoryRows(tables: ReplicaTables, stamp: string, asked?: Promise<InventoryRowsRecord | undefined>): Promise<RowsRead> {
  try {
    const record = await (asked ?? askInventoryRows(tables));
    if (!record) return { rows: null, reason: 'missing' };
    if (record.format !== snapshotFormat || record.build !== snapshotBuild) return { rows: null, reason: 'format' };
    if (record.stamp !== stamp) return { rows: null, reason: 'stale' };
    const rows = JSON.parse(record.rows) as unknown;
    if (!Array.isArray(rows)) return { rows: null, reason: 'unreadable' };
    return { rows: rows as InventoryRow[] };
  } catch {
    return { rows: null, reason: 'unreadable' };
  }
}

/** Rows per piece of JSON made between two turns of the event loop (≈ 10 ms each here): input is not held up. */
const rowsPerPiece = 2_500;

/** `JSON.stringify(rows)`, made in pieces with a turn of the event loop between them. */
export async function rowsJson(rows: readonly InventoryRow[]): Promise<string> {
  const pieces: string[] = [];
  for (let at = 0; at < rows.length; at += rowsPerPiece) {
    pieces.push(JSON.stringify(rows.slice(at, at + rowsPerPiece)).slice(1, -1));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return `[${pieces.join(',')}]`;
}

/**
 * Writes the snapshot of `take()` (every row in `snapshotSort` order, roles and tenants at this moment)
 * under the stamp read before it — both records in one transaction; if the
 * replica's stamp moved while they were written, they are removed again
 * rather than left claiming a state they do not hold. Returns whether a
 * snapshot stands; `stamped` hears the stamp it is written under.
 */
export async function writeInventorySnapshot(tables: ReplicaTables, take: () => { sorted: readonly InventoryRow[]; roles: readonly RoleEntry[]; tenantIds: readonly string[] } | null, editableWrites: EditableWrites, stamped: (stamp: string) => void = () => undefined): Promise<boolean> {
  const before = await replicaStamp(tables, editableWrites);
  stamped(before);
  const taken = take();
  if (!taken) return false;
  const firstScreen = encodeSnapshot(taken.sorted.slice(0, snapshotRows), taken.sorted, taken.roles, before, taken.tenantIds, Date.now());
  const all: InventoryRowsRecord = { key: rowsKey, format: snapshotFormat, build: snapshotBuild, stamp: before, rows: await rowsJson(taken.sorted) };
  await tables.snapshots.bulkPut([firstScreen, all] as never);
  if ((await replicaStamp(tables, editableWrites)) === before) return true;
  await tables.snapshots.bulkDelete([snapshotKey, rowsKey]);
  return false;
}
