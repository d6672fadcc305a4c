import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localKey } from '../../shared/sync/localDocuments.ts';
import { openReplicaTables, type ReplicaTables } from '../db/replicaTables.ts';
import { roleSchema } from '../db/schemas/roleSchema.ts';
import { technicalUserSchema } from '../db/schemas/technicalUserSchema.ts';
import { lastWritesOf, readPlain } from '../db/storageRead.ts';
import { createLocalReplica, removeLocalReplica, type LocalReplica } from '../sync/localReplica.ts';
import { saveTechnicalUser } from '../sync/localEdits.ts';
import { InventoryIndex } from './inventoryIndex.ts';
import { decodeSnapshot, encodeSnapshot, readInventoryRows, readInventorySnapshot, rowsJson, rowsKey, snapshotKey, snapshotSort, writeInventorySnapshot, type InventoryRowsRecord, type InventorySnapshotRecord } from './inventorySnapshot.ts';
import { localUser as user } from './testing/localUser.ts';

const tenants = ['a', 'b'];
const names = { tenant: (id: string) => id, role: () => undefined, now: Date.parse('2026-11-25T00:00:00.000Z') };
const token = (id: string, technicalUserId: string, expiresAt: string) => ({ id, technicalUserId, label: 'CI', prefix: 'tsk_abc', createdAt: '2026-11-01T00:00:00.000Z', expiresAt, lastUsedAt: '2026-11-20T00:00:00.000Z', lastAttemptAt: null, status: 'active', replacedBy: null, updatedAt: '2026-11-01T00:00:00.000Z', revision: 1, _deleted: false });

/** The snapshot over the real thing: RxDB on Dexie (fake IndexedDB), the replica's own tables. */
/** Each case opens its own database (fake-indexeddb lives as long as this file's worker): named by a count, not by chance. */
let databasesOpened = 0;

describe('inventory snapshot', () => {
  let replica: LocalReplica;
  let index: InventoryIndex;
  const writes = () => lastWritesOf(indexedDB, replica.db.name, [{ name: 'technicalusers', version: technicalUserSchema.version }, { name: 'roles', version: roleSchema.version }]);
  beforeAll(async () => {
    replica = await createLocalReplica({ name: `snapshot-${Date.now()}`, storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) as never, dependencies: { indexedDB, IDBKeyRange } });
    await replica.db.technicalusers.bulkInsert([
      user('a', 'u1', 'Salesforce sync', { description: 'Pushes leads', dataFields: [{ key: 'owner', value: 'Sales Ops' }], roleIds: ['r1'] }),
      user('a', 'u2', 'Power BI', { active: false }),
      user('b', 'u1', 'SAP export'),
      user('b', 'gone', 'Removed one'),
    ] as never);
    await (await replica.db.technicalusers.findOne(localKey('b', 'gone')).exec())!.remove();
    await replica.db.roles.insert({ key: localKey('a', 'r1'), tenantId: 'a', id: 'r1', name: 'Sales', parentId: 'root', privileges: { objects: [], system: [] }, serverRevision: 1, localChangedAt: 0 } as never);
    await replica.pages.tokens.writePage('a', [token('t1', 'u1', '2027-01-01T00:00:00.000Z')], { updatedAt: '2026-11-01T00:00:00.000Z', id: 't1' });
    index = new InventoryIndex();
    await index.start(replica);
  });
  afterAll(async () => {
    index.stop();
    await removeLocalReplica(replica);
  });
  afterEach(() => replica.tables.snapshots.clear());

  it('reads whole collections in one bulk read, the same live documents RxDB finds (deleted ones left out)', async () => {
    const bulk = await replica.bulk.all('technicalusers');
    expect(bulk).not.toBeNull();
    const viaRxdb = await readPlain(replica.db.technicalusers);
    const strip = (docs: Array<Record<string, unknown>>) => docs.map((d) => ({ key: d.key, name: d.name, active: d.active, _deleted: d._deleted, lwt: (d._meta as { lwt: number }).lwt })).sort((x, y) => String(x.key).localeCompare(String(y.key)));
    expect(strip(bulk!)).toEqual(strip(viaRxdb as never));
    expect(bulk!.map((d) => d.key)).not.toContain(localKey('b', 'gone'));
  });

  it('gives back the first rows as the index had them, search text and token facts included, with the counts of all', () => {
    const rows = index.all();
    expect(rows).toHaveLength(3);
    const record = encodeSnapshot(rows.slice(0, 2), rows, index.allRoles(), 'stamp', tenants, 1);
    expect(record).toMatchObject({ total: 3, planUsed: { a: 2, b: 1 } });
    const decoded = decodeSnapshot(record);
    expect(decoded).toEqual(rows.slice(0, 2));
    expect(decodeSnapshot(encodeSnapshot(rows, rows, [], 'stamp', tenants, 1))).toEqual(rows);
    expect(decoded.find((r) => r.key === localKey('a', 'u1'))).toMatchObject({ searchText: 'salesforce sync\npushes leads\nsales ops', tokenExpiries: ['2027-01-01T00:00:00.000Z'], roleIds: ['r1'] });
    expect(index.allTokens()?.map((t) => t.key)).toEqual([localKey('a', 't1')]);
  });

  it('is shown only while it describes the replica: same tenants, same pull positions, same pending changes', async () => {
    const take = () => ({ sorted: index.sorted(snapshotSort, names), roles: index.allRoles(), tenantIds: tenants });
    expect(await readInventorySnapshot(replica.tables, new Set(tenants), writes)).toEqual({ rows: null, reason: 'missing' });
    expect(await writeInventorySnapshot(replica.tables, take, writes)).toBe(true);
    const read = await readInventorySnapshot(replica.tables, new Set(tenants), writes);
    if (!read.rows) throw new Error(`the snapshot was not read: ${read.reason}`);
    // In the default order, A→Z.
    expect(read.rows.map((r) => r.name)).toEqual(['Power BI', 'Salesforce sync', 'SAP export']);
    const preview = new InventoryIndex({ preview: read });
    expect(preview).toMatchObject({ preview: true, previewTotal: 3, previewPlanUsed: { a: 2, b: 1 } });
    expect(preview.sorted(snapshotSort, names)).toEqual(index.sorted(snapshotSort, names));
    expect(preview.role('a', 'r1')?.name).toBe('Sales');
    // A tenant removed in main (or one added): not the snapshot's tenants.
    expect(await readInventorySnapshot(replica.tables, new Set(['a']), writes)).toEqual({ rows: null, reason: 'tenants' });
    // Users pulled since (the tenant changed them elsewhere): the pull position moved.
    await replica.pages.tokens.writePage('b', [token('t2', 'u1', '2027-02-01T00:00:00.000Z')], { updatedAt: '2026-11-02T00:00:00.000Z', id: 't2' });
    expect(await readInventorySnapshot(replica.tables, new Set(tenants), writes)).toEqual({ rows: null, reason: 'stale' });
    expect(await writeInventorySnapshot(replica.tables, take, writes)).toBe(true);
    expect((await readInventorySnapshot(replica.tables, new Set(tenants), writes)).rows).not.toBeNull();
    // A local edit (a pending change): stale too.
    await saveTechnicalUser(replica, 'a', 'u2', { description: 'edited here' });
    expect(await readInventorySnapshot(replica.tables, new Set(tenants), writes)).toEqual({ rows: null, reason: 'stale' });
    // A write with no pull and no pending change (a push's answer taken into RxDB): the last write time says it.
    expect(await writeInventorySnapshot(replica.tables, take, writes)).toBe(true);
    const before = await writes();
    await replica.db.technicalusers.upsert(user('b', 'u1', 'SAP export', { active: false, serverRevision: 2 }) as never);
    expect((await writes())[0]).toBeGreaterThan(before[0]!);
    expect(await readInventorySnapshot(replica.tables, new Set(tenants), writes)).toEqual({ rows: null, reason: 'stale' });
  });

  it('is not read in another encoding, and a damaged record only means the normal path', async () => {
    const take = () => ({ sorted: index.sorted(snapshotSort, names), roles: index.allRoles(), tenantIds: tenants });
    await writeInventorySnapshot(replica.tables, take, writes);
    const record = (await replica.tables.snapshots.get(snapshotKey)) as InventorySnapshotRecord;
    const rowsRecord = (await replica.tables.snapshots.get(rowsKey)) as InventoryRowsRecord;
    await replica.tables.snapshots.put({ ...record, format: record.format + 1 });
    expect(await readInventorySnapshot(replica.tables, new Set(tenants), writes)).toEqual({ rows: null, reason: 'format' });
    // Written by another build (its rows were made by other code).
    await replica.tables.snapshots.put({ ...record, build: 'another build' });
    expect(await readInventorySnapshot(replica.tables, new Set(tenants), writes)).toEqual({ rows: null, reason: 'format' });
    await replica.tables.snapshots.put({ ...rowsRecord, build: 'another build' });
    expect(await readInventoryRows(replica.tables, record.stamp)).toEqual({ rows: null, reason: 'format' });
    await replica.tables.snapshots.put({ ...record, columns: record.columns.slice(1) });
    expect(await readInventorySnapshot(replica.tables, new Set(tenants), writes)).toEqual({ rows: null, reason: 'unreadable' });
    await replica.tables.snapshots.put({ ...rowsRecord, rows: rowsRecord.rows.slice(0, -3) });
    expect(await readInventoryRows(replica.tables, record.stamp)).toEqual({ rows: null, reason: 'unreadable' });
  });

  it('gives the full index from its every-row record while the stamp holds: the same rows, roles and tokens as the replica, and changes apply on top', async () => {
    const take = () => ({ sorted: index.sorted(snapshotSort, names), roles: index.allRoles(), tenantIds: tenants });
    expect(await writeInventorySnapshot(replica.tables, take, writes)).toBe(true);
    const first = await readInventorySnapshot(replica.tables, new Set(tenants), writes);
    if (!first.rows) throw new Error(`the snapshot was not read: ${first.reason}`);
    const read = await readInventoryRows(replica.tables, first.stamp);
    if (!read.rows) throw new Error(`the rows were not read: ${read.reason}`);
    expect(read.rows).toEqual(index.sorted(snapshotSort, names));
    // The tokens' read is held back: the rows (with their token facts) are ready without it.
    let releaseTokens!: () => void;
    const tokensHeld = new Promise<void>((resolve) => (releaseTokens = resolve));
    const realTokens = replica.pages.tokens;
    const pages = Object.create(replica.pages, { tokens: { value: { changes$: realTokens.changes$, all: async () => (await tokensHeld, realTokens.all()) } } }) as LocalReplica['pages'];
    const fromSnapshot = new InventoryIndex();
    // One row's token facts older than its tokens (a token that came through the event stream moves no pull position, so the stamp holds).
    const older = read.rows.map((r) => (r.key === localKey('a', 'u1') ? { ...r, tokenExpiries: ['2026-12-31T00:00:00.000Z'], lastUsedAt: null } : r));
    await fromSnapshot.start({ ...replica, pages }, { snapshot: async () => ({ rows: older, roles: first.roles }) });
    try {
      expect(fromSnapshot.fromSnapshot).toBe(true);
      expect(fromSnapshot.sorted(snapshotSort, names).map((r) => r.key)).toEqual(index.sorted(snapshotSort, names).map((r) => r.key));
      expect(fromSnapshot.allRoles()).toEqual(index.allRoles());
      expect(fromSnapshot.allTokens()).toBeNull();
      expect(fromSnapshot.tokensReady).toBe(false);
      expect(fromSnapshot.row(localKey('a', 'u1'))?.tokenExpiries).toEqual(['2026-12-31T00:00:00.000Z']);
      // A token issued meanwhile waits for the tokens, then counts in its user's row; an edit of a user meanwhile keeps the row's token facts.
      await replica.pages.tokens.writePage('a', [token('t3', 'u2', '2027-03-01T00:00:00.000Z')], { updatedAt: '2026-11-04T00:00:00.000Z', id: 't3' });
      await saveTechnicalUser(replica, 'a', 'u1', { description: 'edited while tokens load' });
      await expect.poll(() => fromSnapshot.row(localKey('a', 'u1'))?.description).toBe('edited while tokens load');
      expect(fromSnapshot.row(localKey('a', 'u1'))?.tokenExpiries).toEqual(['2026-12-31T00:00:00.000Z']);
      expect(fromSnapshot.row(localKey('a', 'u2'))?.tokenExpiries).toEqual([]);
      const rowsBefore = fromSnapshot.getRowsGeneration();
      releaseTokens();
      // Once the tokens are in, every row's facts come from them.
      await expect.poll(() => fromSnapshot.row(localKey('a', 'u1'))?.tokenExpiries).toEqual(['2027-01-01T00:00:00.000Z']);
      expect(fromSnapshot.row(localKey('a', 'u1'))?.lastUsedAt).toBe('2026-11-20T00:00:00.000Z');
      expect(fromSnapshot.getRowsGeneration()).toBeGreaterThan(rowsBefore);
      await expect.poll(() => fromSnapshot.row(localKey('a', 'u2'))?.tokenExpiries).toEqual(['2027-03-01T00:00:00.000Z']);
      await expect.poll(() => index.row(localKey('a', 'u2'))?.tokenExpiries).toEqual(['2027-03-01T00:00:00.000Z']);
      const byKey = (tokens: readonly { key: string }[] | null) => [...(tokens ?? [])].sort((x, y) => x.key.localeCompare(y.key));
      expect(byKey(fromSnapshot.allTokens())).toEqual(byKey(index.allTokens()));
      expect(fromSnapshot.sorted(snapshotSort, names)).toEqual(index.sorted(snapshotSort, names));
      // A change after the start: both indexes follow it the same way.
      await replica.db.technicalusers.upsert(user('a', 'u2', 'Power BI (renamed)', { active: false, serverRevision: 3 }) as never);
      await expect.poll(() => fromSnapshot.row(localKey('a', 'u2'))?.name).toBe('Power BI (renamed)');
      await expect.poll(() => index.row(localKey('a', 'u2'))?.name).toBe('Power BI (renamed)');
      expect(fromSnapshot.sorted(snapshotSort, names)).toEqual(index.sorted(snapshotSort, names));
      // The replica moved and the snapshot was written again: the rows of the older stamp are not given.
      expect(await writeInventorySnapshot(replica.tables, take, writes)).toBe(true);
      expect(await readInventoryRows(replica.tables, first.stamp)).toEqual({ rows: null, reason: 'stale' });
      const again = await readInventorySnapshot(replica.tables, new Set(tenants), writes);
      expect(again.rows && (await readInventoryRows(replica.tables, again.stamp)).rows?.find((r) => r.key === localKey('a', 'u2'))?.name).toBe('Power BI (renamed)');
    } finally {
      fromSnapshot.stop();
    }
  });

  it('makes the rows\' JSON in pieces, the same string as one JSON.stringify', async () => {
    const rows = index.all();
    for (const n of [0, 1, 2_499, 2_500, 2_501, 5_003]) {
      const many = Array.from({ length: n }, (_, i) => ({ ...rows[i % rows.length]!, key: `k${i}` }));
      expect(await rowsJson(many)).toBe(JSON.stringify(many));
    }
  });
});

describe('writing the snapshot', () => {
  const noWrites = async () => [0, 0];
  let tables: ReplicaTables;
  beforeEach(async () => {
    tables = await openReplicaTables({ name: `snapshot-write-${(databasesOpened += 1)}`, dependencies: { indexedDB, IDBKeyRange } });
  });
  afterEach(() => tables.delete());

  it('removes the record again when the replica moved while it was written (it would claim a state it does not hold)', async () => {
    const stands = await writeInventorySnapshot(tables, () => {
      // A pull lands between reading the stamp and the write.
      void tables.checkpoints.put({ key: 'a|technical-users', tenantId: 'a', collection: 'technical-users', checkpoint: { updatedAt: '2026-11-03T00:00:00.000Z', id: 'u9' } });
      return { sorted: [], roles: [], tenantIds: ['a'] };
    }, noWrites);
    expect(stands).toBe(false);
    expect(await tables.snapshots.get(snapshotKey)).toBeUndefined();
    expect(await tables.snapshots.get(rowsKey)).toBeUndefined();
  });

  it('writes nothing when there is nothing to take yet', async () => {
    expect(await writeInventorySnapshot(tables, () => null, noWrites)).toBe(false);
    expect(await tables.snapshots.count()).toBe(0);
  });
});
