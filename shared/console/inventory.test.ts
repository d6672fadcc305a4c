import { describe, expect, it } from 'vitest';
import { activeFilterCount, compileInventoryFilter, emptyInventoryFilter, inventoryFilterSchema, type InventoryFilter } from './inventoryFilter.ts';
import { defaultInventoryColumns, inventoryColumn, sortInventory, visibleColumns, type InventoryNames } from './inventoryColumns.ts';
import { csvCell, inventoryToCsv, inventoryToJson } from './inventoryExport.ts';
import { noTokens, toInventoryRow, tokenFactsOf, type InventoryRow } from './inventoryRow.ts';

const now = Date.parse('2026-06-15T12:00:00Z');
const names: InventoryNames = {
  tenant: (id) => ({ a: 'Acme', g: 'Globex' })[id] ?? id,
  role: (tenantId, id) => (({ 'a|r1': 'Sales integrations', 'g|r9': 'Sales integrations', 'a|r2': 'Finance' }) as Record<string, string>)[`${tenantId}|${id}`],
  now,
};
const user = (over: Partial<Parameters<typeof toInventoryRow>[0]> & { key: string }, tokens = noTokens, pending = false): InventoryRow =>
  toInventoryRow({ tenantId: over.key.split('|')[0]!, id: over.key.split('|')[1]!, name: over.key, createdAt: '2026-01-01T00:00:00.000Z', ...over }, tokens, pending);

const rows = [
  user({ key: 'a|u1', name: 'Salesforce sync', description: 'CRM bridge', dataFields: [{ key: 'system', value: 'SAP-4711' }], roleIds: ['r1'], kind: 'integration', category: 'Programmatic user', permissionRole: 'member' }, tokenFactsOf([{ status: 'active', expiresAt: '2026-06-20T00:00:00.000Z', lastUsedAt: '2026-06-14T00:00:00.000Z' }])),
  user({ key: 'g|u2', name: 'salesforce Sync', roleIds: ['r9'], kind: 'webhook', active: false, permissionRole: 'admin' }, tokenFactsOf([{ status: 'revoked', expiresAt: '2026-06-16T00:00:00.000Z', lastUsedAt: '2026-01-01T00:00:00.000Z' }])),
  user({ key: 'a|u3', name: 'Zendesk', roleIds: [], category: 'programmatic USER' }, noTokens, true),
  user({ key: 'a|u4', name: 'Fresh', roleIds: ['r2'], createdAt: '2026-06-14T00:00:00.000Z' }),
];
const roleKeys: Record<string, Set<string>> = { 'sales integrations': new Set(['a|r1', 'g|r9']), finance: new Set(['a|r2']) };
const run = (patch: Partial<InventoryFilter>) => rows.filter(compileInventoryFilter({ ...emptyInventoryFilter, ...patch }, { now, roleKeysByName: (n) => roleKeys[n] ?? new Set() })).map((r) => r.key);

describe('inventory filter', () => {
  it('searches name, description and data-field values, ignoring case, every word', () => {
    expect(run({ text: 'sap-4711' })).toEqual(['a|u1']);
    expect(run({ text: 'SALESFORCE' })).toEqual(['a|u1', 'g|u2']);
    expect(run({ text: 'crm salesforce' })).toEqual(['a|u1']);
    expect(run({ text: 'system' })).toEqual([]); // data-field keys are not searched, only values
  });

  it('filters by tenant, kind, category (ignoring case), active and permission role', () => {
    expect(run({ tenantIds: ['g'] })).toEqual(['g|u2']);
    expect(run({ kinds: ['webhook'] })).toEqual(['g|u2']);
    expect(run({ categories: ['Programmatic user'] })).toEqual(['a|u1', 'a|u3']);
    expect(run({ active: 'inactive' })).toEqual(['g|u2']);
    expect(run({ permissionRoles: ['admin', 'member'] })).toEqual(['a|u1', 'g|u2']);
  });

  it('finds a role by name on every tenant, and users with no roles', () => {
    expect(run({ roleName: 'Sales integrations' })).toEqual(['a|u1', 'g|u2']);
    expect(run({ roleName: 'finance' })).toEqual(['a|u4']);
    expect(run({ noRoles: true })).toEqual(['a|u3']);
  });

  it('finds tokens expiring soon (active ones only), unused users (never used counts, unless just created) and pending changes', () => {
    expect(run({ tokenExpiringWithinDays: 7 })).toEqual(['a|u1']);
    expect(run({ tokenExpiringWithinDays: 1 })).toEqual([]);
    expect(run({ unusedForDays: 30 })).toEqual(['g|u2', 'a|u3']);
    expect(run({ pendingOnly: true })).toEqual(['a|u3']);
  });

  it('combines filters, counts them, and validates saved ones', () => {
    expect(run({ text: 'sales', active: 'active', tenantIds: ['a'] })).toEqual(['a|u1']);
    expect(activeFilterCount({ ...emptyInventoryFilter, text: 'x', noRoles: true, kinds: ['app'] })).toBe(2);
    expect(inventoryFilterSchema.safeParse({ ...emptyInventoryFilter, kinds: ['robot'] }).success).toBe(false);
    expect(inventoryFilterSchema.safeParse({ ...emptyInventoryFilter, extra: 1 }).success).toBe(false);
  });
});

describe('token facts judged at the time of asking', () => {
  const expiredOnly = user({ key: 'a|x1', name: 'Old export' }, tokenFactsOf([{ status: 'active', expiresAt: '2026-06-10T00:00:00.000Z', lastUsedAt: null }]));
  const mixed = user({ key: 'a|x2', name: 'Mixed' }, tokenFactsOf([{ status: 'active', expiresAt: '2026-06-10T00:00:00.000Z', lastUsedAt: null }, { status: 'active', expiresAt: '2026-06-18T00:00:00.000Z', lastUsedAt: null }]));
  const text = (row: InventoryRow, column: string) => inventoryColumn(column)!.text(row, names);

  it('an expired token is no next expiry: "Expired <date>", not counted as active, not "expiring soon"', () => {
    expect(text(expiredOnly, 'nextTokenExpiry')).toBe('Expired 2026-06-10');
    expect(text(expiredOnly, 'tokens')).toBe('0');
    expect(text(mixed, 'nextTokenExpiry')).toBe('2026-06-18');
    expect(text(mixed, 'tokens')).toBe('1');
    expect(text(rows[2]!, 'nextTokenExpiry')).toBe('');
    const expiring = compileInventoryFilter({ ...emptyInventoryFilter, tokenExpiringWithinDays: 30 }, { now, roleKeysByName: () => new Set() });
    expect([expiredOnly, mixed].filter(expiring).map((r) => r.key)).toEqual(['a|x2']);
    // An inactive user's tokens are refused by the tenant: none works, none is "expiring soon".
    const inactive = user({ key: 'a|x3', name: 'Paused', active: false }, tokenFactsOf([{ status: 'active', expiresAt: '2026-06-18T00:00:00.000Z', lastUsedAt: null }]));
    expect(text(inactive, 'tokens')).toBe('0');
    expect([inactive].filter(expiring)).toEqual([]);
    // Time moves on: a week later the mixed user's last token has expired too.
    const later = { ...names, now: Date.parse('2026-06-22T00:00:00Z') };
    expect(inventoryColumn('nextTokenExpiry')!.text(mixed, later)).toBe('Expired 2026-06-18');
  });
});

describe('inventory columns and sorting', () => {
  it('sorts by collation with a stable tie-break, nulls last in both directions', () => {
    expect(sortInventory(rows, { column: 'name', direction: 'asc' }, names).map((r) => r.key)).toEqual(['a|u4', 'a|u1', 'g|u2', 'a|u3']);
    expect(sortInventory(rows, { column: 'nextTokenExpiry', direction: 'asc' }, names).map((r) => r.key)).toEqual(['a|u1', 'a|u4', 'g|u2', 'a|u3']);
    expect(sortInventory(rows, { column: 'nextTokenExpiry', direction: 'desc' }, names).map((r) => r.key)).toEqual(['a|u1', 'a|u4', 'g|u2', 'a|u3']);
    expect(sortInventory(rows, { column: 'tenant', direction: 'desc' }, names).map((r) => r.key)[0]).toBe('g|u2');
    expect(sortInventory(rows, { column: 'roles', direction: 'desc' }, names).map((r) => r.key).at(-1)).toBe('a|u3');
  });

  it('keeps the name column always, drops unknown ids, and shows role names', () => {
    expect(visibleColumns(['kind', 'gone']).map((c) => c.id)).toEqual(['name', 'kind']);
    expect(visibleColumns(null).map((c) => c.id)).toEqual(defaultInventoryColumns);
    expect(inventoryColumn('roles')!.text(rows[0]!, names)).toBe('Sales integrations');
    expect(inventoryColumn('lastUsedAt')!.text(rows[2]!, names)).toBe('Never');
  });
});

describe('inventory export', () => {
  it('writes CSV with quoting and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    const csv = inventoryToCsv([rows[0]!], visibleColumns(['tenant', 'dataFields']), names);
    expect(csv).toBe('Tenant,Name,Data fields\r\nAcme,Salesforce sync,system: SAP-4711\r\n');
  });

  it('writes JSON with names beside ids and without internal fields', () => {
    const [first] = JSON.parse(inventoryToJson([rows[0]!], names)) as Array<Record<string, unknown>>;
    expect(first).toMatchObject({ tenant: 'Acme', tenantId: 'a', id: 'u1', name: 'Salesforce sync', roles: [{ id: 'r1', name: 'Sales integrations' }] });
    expect(first).not.toHaveProperty('searchText');
    expect(first).not.toHaveProperty('key');
  });
});
