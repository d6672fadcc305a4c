import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryRow } from '../../shared/console/inventoryRow.ts';
import { localKey } from '../../shared/sync/localDocuments.ts';
import type { TesseraDatabase } from '../db/database.ts';
import { createLocalReplica, removeLocalReplica, type LocalReplica } from '../sync/localReplica.ts';
import { accessLossOf, applyBulkPlan, planBulkChange } from './bulkEdits.ts';
import { InventoryIndex } from './inventoryIndex.ts';
import { localUser as user } from './testing/localUser.ts';


const role = (tenantId: string, id: string, name: string, parentId: string | null) => ({
  key: localKey(tenantId, id),
  tenantId,
  id,
  name,
  parentId,
  privileges: { objects: [], system: [] },
  serverRevision: 1,
  localChangedAt: 0,
});

/**
 * Tenants in these tests:
 * - `north`: root role "Administrators", and "Sales";
 * - `south`: root role "Administrators", and "SALES" (names match across case);
 * - `west`: root role "Administrators", no Sales (its users are skipped);
 * - `east`: its root role is called "Sales" (never a role to add);
 * - `bulk`: 30 users for progress reports.
 */
const roles = [
  role('north', 'root', 'Administrators', null),
  role('north', 'r-sales', 'Sales', 'root'),
  role('south', 'root', 'Administrators', null),
  role('south', 's-sales', 'SALES', 'root'),
  role('west', 'root', 'Administrators', null),
  role('west', 'w-finance', 'Finance', 'root'),
  role('east', 'e-root', 'Sales', null),
  role('east', 'e-ops', 'Operations', 'e-root'),
];

const users = [
  user('north', 'n1', 'North active', { roleIds: ['r-sales'] }),
  user('north', 'n2', 'North inactive', { active: false }),
  user('north', 'n3', 'North plain'),
  user('south', 's1', 'South plain'),
  user('south', 's2', 'South seller', { active: false, roleIds: ['s-sales'] }),
  user('west', 'w1', 'West one', { roleIds: ['w-finance'] }),
  user('west', 'w2', 'West two'),
  user('east', 'e1', 'East one'),
  ...Array.from({ length: 30 }, (_, i) => user('bulk', `b${i}`, `Bulk ${i}`)),
];

describe('bulk edits', () => {
  let replica: LocalReplica;
  let db: TesseraDatabase;
  let index: InventoryIndex;
  const rootRoleIdOf = (tenantId: string) => index.rolesOf(tenantId).find((r) => r.parentId === null)?.id ?? null;
  const rowsOf = (...tenants: string[]): InventoryRow[] => index.all().filter((r) => tenants.includes(r.tenantId));
  const names = (plan: ReturnType<typeof planBulkChange>) => plan.changes.map((c) => c.row.name).sort();

  beforeAll(async () => {
    replica = await createLocalReplica({ name: `bulk-edits-${Date.now()}`, storage: getRxStorageMemory() as never, dependencies: { indexedDB, IDBKeyRange } });
    db = replica.db;
    await db.roles.bulkInsert(roles as never);
    await db.technicalusers.bulkInsert(users as never);
    index = new InventoryIndex();
    await index.start(replica);
  });
  afterAll(async () => {
    index.stop();
    await removeLocalReplica(replica);
  });

  describe('planBulkChange', () => {
    it('activates only the inactive and deactivates only the active', () => {
      const rows = rowsOf('north', 'south');
      const activate = planBulkChange(rows, { kind: 'active', active: true }, index, rootRoleIdOf);
      expect(names(activate)).toEqual(['North inactive', 'South seller']);
      expect(activate.changes.every((c) => c.fields.active === true && !('roleIds' in c.fields))).toBe(true);
      expect(activate.unchanged).toBe(3);
      expect(activate.skippedTenants.size).toBe(0);

      const deactivate = planBulkChange(rows, { kind: 'active', active: false }, index, rootRoleIdOf);
      expect(names(deactivate)).toEqual(['North active', 'North plain', 'South plain']);
      expect(deactivate.changes.map((c) => c.fields)).toEqual([{ active: false }, { active: false }, { active: false }]);
      expect(deactivate.unchanged).toBe(2);
    });

    it('adds a role by name, on each tenant its own role of that name, and skips tenants without one', () => {
      const plan = planBulkChange(rowsOf('north', 'south', 'west'), { kind: 'addRole', roleName: 'sales' }, index, rootRoleIdOf);
      const byName = new Map(plan.changes.map((c) => [c.row.name, c.fields]));
      expect(byName).toEqual(
        new Map([
          ['North inactive', { roleIds: ['r-sales'] }],
          ['North plain', { roleIds: ['r-sales'] }],
          ['South plain', { roleIds: ['s-sales'] }],
        ]),
      );
      // Already holding it: left as is.
      expect(plan.unchanged).toBe(2);
      // West has no Sales role: both of its users are skipped, and not counted as unchanged.
      expect(plan.skippedTenants).toEqual(new Map([['west', 2]]));
    });

    it('keeps the roles a user already has when adding one', () => {
      const plan = planBulkChange(rowsOf('west'), { kind: 'addRole', roleName: 'Finance' }, index, rootRoleIdOf);
      expect(plan.changes.map((c) => [c.row.name, c.fields])).toEqual([['West two', { roleIds: ['w-finance'] }]]);
      expect(plan.unchanged).toBe(1);
      const withTwo = planBulkChange(
        rowsOf('north').filter((r) => r.name === 'North active'),
        { kind: 'addRole', roleName: 'Sales' },
        index,
        () => null,
      );
      expect(withTwo.unchanged).toBe(1);
    });

    it('never adds the root role, whatever it is called', () => {
      // By its own name: no tenant has a non-root "Administrators", so everyone is skipped.
      const admins = planBulkChange(rowsOf('north', 'south', 'west'), { kind: 'addRole', roleName: 'Administrators' }, index, rootRoleIdOf);
      expect(admins.changes).toEqual([]);
      expect(admins.skippedTenants).toEqual(new Map([['north', 3], ['south', 2], ['west', 2]]));
      // On `east` the root role is called "Sales": adding "Sales" there finds nothing.
      const sales = planBulkChange(rowsOf('east', 'north'), { kind: 'addRole', roleName: 'Sales' }, index, rootRoleIdOf);
      expect(sales.changes.map((c) => c.row.tenantId)).toEqual(['north', 'north']);
      expect(sales.skippedTenants).toEqual(new Map([['east', 1]]));
    });

    it('never adds the role the connection names as root, even if the replica gives it a parent', () => {
      // The tenant's facts (connection) say the root is r-sales; the plan must trust that over the replica's tree.
      const plan = planBulkChange(rowsOf('north'), { kind: 'addRole', roleName: 'Sales' }, index, (tenantId) => (tenantId === 'north' ? 'r-sales' : null));
      expect(plan.changes).toEqual([]);
      expect(plan.skippedTenants).toEqual(new Map([['north', 3]]));
    });

    it('removes a role only from users who hold it', () => {
      const plan = planBulkChange(rowsOf('north', 'south', 'west'), { kind: 'removeRole', roleName: 'Sales' }, index, rootRoleIdOf);
      expect(plan.changes.map((c) => [c.row.name, c.fields]).sort()).toEqual([
        ['North active', { roleIds: [] }],
        ['South seller', { roleIds: [] }],
      ]);
      expect(plan.unchanged).toBe(3);
      expect(plan.skippedTenants).toEqual(new Map([['west', 2]]));
    });

    it('skips everyone for a role name no tenant has', () => {
      const plan = planBulkChange(rowsOf('north', 'west'), { kind: 'removeRole', roleName: 'Nobody' }, index, rootRoleIdOf);
      expect(plan).toEqual({ changes: [], unchanged: 0, skippedTenants: new Map([['north', 3], ['west', 2]]) });
    });

    it('plans nothing for no rows', () => {
      expect(planBulkChange([], { kind: 'active', active: false }, index, rootRoleIdOf)).toEqual({ changes: [], unchanged: 0, skippedTenants: new Map() });
    });
  });

  describe('applyBulkPlan', () => {
    it('writes each change to the replica, marks it pending and reports progress', async () => {
      const plan = planBulkChange(rowsOf('south', 'west'), { kind: 'addRole', roleName: 'sales' }, index, rootRoleIdOf);
      const progress: Array<[number, number]> = [];
      const result = await applyBulkPlan(replica, plan, (done, total) => progress.push([done, total]));
      expect(result).toEqual({ done: 1, failed: [] });
      expect(progress).toEqual([[1, 1]]);

      const doc = await db.technicalusers.findOne(localKey('south', 's1')).exec();
      expect(doc?.roleIds).toEqual(['s-sales']);
      expect(doc?.localChangedAt).toBeGreaterThan(0);
      const pending = replica.ledger.get(localKey('south', 's1'));
      expect(pending).toMatchObject({ tenantId: 'south', collectionName: 'technical-users', docId: 's1', docName: 'South plain', kind: 'update', deferred: false });
      // The merge base is the tenant's state before the change, in the server's shape.
      expect(pending?.base).toMatchObject({ id: 's1', roleIds: [], revision: 1 });
      expect(pending?.base).not.toHaveProperty('tenantId');

      // Untouched users stay untouched and are not pending.
      expect((await db.technicalusers.findOne(localKey('south', 's2')).exec())?.localChangedAt).toBe(0);
      expect(replica.ledger.get(localKey('west', 'w2'))).toBeUndefined();
    });

    it('reports progress every 25 changes and at the end', async () => {
      const plan = planBulkChange(rowsOf('bulk'), { kind: 'active', active: false }, index, rootRoleIdOf);
      expect(plan.changes).toHaveLength(30);
      const progress: Array<[number, number]> = [];
      const result = await applyBulkPlan(replica, plan, (done, total) => progress.push([done, total]));
      expect(result).toEqual({ done: 30, failed: [] });
      expect(progress).toEqual([
        [25, 30],
        [30, 30],
      ]);
      const docs = await db.technicalusers.find({ selector: { tenantId: 'bulk' } }).exec();
      expect(docs.map((d) => d.active)).toEqual(Array.from({ length: 30 }, () => false));
      expect(replica.ledger.ofTenant('bulk')).toHaveLength(30);
    });

    it('goes on past a user that is gone and says which one failed', async () => {
      const plan = planBulkChange(rowsOf('north'), { kind: 'active', active: false }, index, rootRoleIdOf);
      expect(names(plan)).toEqual(['North active', 'North plain']);
      await (await db.technicalusers.findOne(localKey('north', 'n1')).exec())!.remove();
      const progress: Array<[number, number]> = [];
      const result = await applyBulkPlan(replica, plan, (done, total) => progress.push([done, total]));
      expect(result).toEqual({ done: 1, failed: [{ name: 'North active', reason: 'This technical user is not in the local copy any more.' }] });
      expect(progress).toEqual([[2, 2]]);
      expect((await db.technicalusers.findOne(localKey('north', 'n3')).exec())?.active).toBe(false);
    });

    it('reports done at once for an empty plan', async () => {
      const progress: Array<[number, number]> = [];
      expect(await applyBulkPlan(replica, { changes: [], unchanged: 4, skippedTenants: new Map() }, (done, total) => progress.push([done, total]))).toEqual({ done: 0, failed: [] });
      expect(progress).toEqual([[0, 0]]);
    });
  });
});

describe('what a bulk change takes away', () => {
  it('counts users and their tokens that work now, per tenant, most affected first; expired and revoked tokens do not count', async () => {
    const { toInventoryRow, tokenFactsOf } = await import('../../shared/console/inventoryRow.ts');
    const now = Date.parse('2026-06-15T12:00:00Z');
    const row = (tenantId: string, id: string, tokens: Array<{ status: string; expiresAt: string }>) =>
      toInventoryRow({ key: localKey(tenantId, id), tenantId, id, name: id }, tokenFactsOf(tokens.map((t) => ({ ...t, lastUsedAt: null }))), false);
    const plan = {
      changes: [
        { row: row('north', 'a', [{ status: 'active', expiresAt: '2026-07-01T00:00:00.000Z' }, { status: 'active', expiresAt: '2026-06-01T00:00:00.000Z' }]), fields: { active: false } },
        { row: row('south', 'b', [{ status: 'revoked', expiresAt: '2026-07-01T00:00:00.000Z' }]), fields: { active: false } },
        { row: row('south', 'c', [{ status: 'active', expiresAt: '2027-01-01T00:00:00.000Z' }]), fields: { active: false } },
      ],
      unchanged: 0,
      skippedTenants: new Map<string, number>(),
    };
    expect(accessLossOf(plan, now)).toEqual({
      users: 3,
      workingTokens: 2,
      byTenant: [
        { tenantId: 'south', users: 2, workingTokens: 1 },
        { tenantId: 'north', users: 1, workingTokens: 1 },
      ],
    });
  });
});
