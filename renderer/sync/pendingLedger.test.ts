import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { firstValueFrom, take, toArray } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReplicaTables, type ReplicaTables } from '../db/replicaTables.ts';
import { PendingLedger } from './pendingLedger.ts';

const doc = (extra: Record<string, unknown> = {}) => ({ key: 't|u1', tenantId: 't', id: 'u1', name: 'Sync', description: 'server', serverRevision: 3, localChangedAt: 0, ...extra });
const change = (kind: 'create' | 'update' | 'delete', at: number, before: Record<string, unknown> | null = doc()) => ({ tenantId: 't', collection: 'technical-users' as const, id: 'u1', name: 'Sync', kind, at, before });

/** Each case opens its own database (fake-indexeddb lives as long as this file's worker): named by a count, not by chance. */
let databasesOpened = 0;

describe('PendingLedger', () => {
  let tables: ReplicaTables;
  let ledger: PendingLedger;
  beforeEach(async () => {
    tables = await openReplicaTables({ name: `ledger-${(databasesOpened += 1)}`, dependencies: { indexedDB, IDBKeyRange } });
    ledger = await PendingLedger.open(tables);
  });
  afterEach(() => tables.delete());

  it('keeps the first base and stays a create; each record gets a later stamp', async () => {
    expect(await ledger.record(change('create', 100, null))).toBe(true);
    expect(await ledger.record(change('update', 100))).toBe(false);
    expect(ledger.get('t|u1')).toMatchObject({ kind: 'create', base: null, changedAt: 101 });
    await ledger.record(change('delete', 50));
    expect(ledger.get('t|u1')).toMatchObject({ kind: 'delete', changedAt: 102 });
  });

  it('takes the base in the tenant’s shape, from a clean copy only', async () => {
    await ledger.record(change('update', 1));
    expect(ledger.get('t|u1')?.base).toEqual({ id: 'u1', name: 'Sync', description: 'server', revision: 3 });
  });

  it('settles only if not changed since it was sent; rebases on the tenant’s state', async () => {
    await ledger.record(change('update', 10));
    await ledger.record(change('update', 20));
    expect(await ledger.settle('t|u1', 10)).toBe(false);
    await ledger.rebase('t|u1', { ...doc({ description: 'newer', serverRevision: 4 }) });
    expect(ledger.get('t|u1')?.base).toMatchObject({ description: 'newer', revision: 4 });
    expect(await ledger.settle('t|u1', 20)).toBe(true);
    expect(ledger.has('t|u1')).toBe(false);
  });

  it('is kept in storage: a new ledger on the same tables has the same entries', async () => {
    await ledger.record(change('update', 10));
    await ledger.holdBack(['t|u1'], true);
    const again = await PendingLedger.open(tables);
    expect(again.get('t|u1')).toMatchObject({ kind: 'update', deferred: true });
  });

  it('says when a local edit’s document write is over, and which tenant it was', async () => {
    const heard = firstValueFrom(ledger.edited$.pipe(take(2), toArray()));
    ledger.beginEdit('t|u1');
    ledger.beginEdit('t|u1');
    ledger.endEdit('t|u1', 't');
    expect(ledger.isBeingEdited('t|u1')).toBe(true);
    ledger.endEdit('t|u1', 't');
    expect(ledger.isBeingEdited('t|u1')).toBe(false);
    expect(await heard).toEqual(['t', 't']);
  });

  it('publishes every change of its entries and removes a tenant’s', async () => {
    const seen: number[] = [];
    ledger.entries$.subscribe((entries) => seen.push(entries.length));
    await ledger.record(change('update', 1));
    await ledger.record({ ...change('update', 2), tenantId: 'other' });
    await ledger.removeTenant('t');
    expect(seen).toEqual([0, 1, 2, 1]);
    expect(ledger.all().map((e) => e.tenantId)).toEqual(['other']);
  });
});
