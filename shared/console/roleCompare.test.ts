import { describe, expect, it } from 'vitest';
import { compareRoles } from './roleCompare.ts';

const grant = (object: string, ops: string) => ({ object, read: ops.includes('r'), create: ops.includes('c'), edit: ops.includes('e'), delete: ops.includes('d') });

describe('comparing a role across tenants', () => {
  it('lists every object and system operation, with each tenant’s grants, and flags differences', () => {
    const comparison = compareRoles([
      { tenantId: 'a', path: 'All employees › Sales › Sales integrations', members: 3, privileges: { objects: [grant('contacts', 'r'), grant('accounts', 'r')], system: ['access-api'] } },
      { tenantId: 'g', path: 'All employees › Sales › Sales integrations', members: 1, privileges: { objects: [grant('contacts', 'rc'), grant('accounts', 'r'), grant('orders', '')], system: ['access-api', 'export-data'] } },
    ]);
    expect(comparison.rows).toEqual([
      { kind: 'object', name: 'accounts', cells: [['read'], ['read']], differs: false },
      { kind: 'object', name: 'contacts', cells: [['read'], ['read', 'create']], differs: true },
      { kind: 'object', name: 'orders', cells: [[], []], differs: false },
      { kind: 'system', name: 'access-api', cells: [true, true], differs: false },
      { kind: 'system', name: 'export-data', cells: [false, true], differs: true },
    ]);
    expect(comparison.differences).toBe(2);
    expect(comparison.pathDiffers).toBe(false);
  });

  it('says when a role is aligned, and when it sits elsewhere in the tree', () => {
    const same = { objects: [grant('contacts', 'r')], system: [] };
    const comparison = compareRoles([
      { tenantId: 'a', path: 'All employees › Sales', members: 0, privileges: same },
      { tenantId: 'g', path: 'All employees › Ops', members: 0, privileges: same },
    ]);
    expect(comparison.differences).toBe(0);
    expect(comparison.pathDiffers).toBe(true);
  });
});
