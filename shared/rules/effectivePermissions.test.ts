import { describe, expect, it } from 'vitest';
import type { Privileges } from '../api/roles.ts';
import { effectivePermissionsOf, grantsNothing } from './effectivePermissions.ts';

const grant = (object: string, ops: string) => ({ object, read: ops.includes('r'), create: ops.includes('c'), edit: ops.includes('e'), delete: ops.includes('d') });
const roles: Record<string, { parentId: string | null; privileges: Privileges }> = {
  root: { parentId: null, privileges: { objects: [grant('contacts', 'rced')], system: ['manage-users'] } },
  sales: { parentId: 'root', privileges: { objects: [grant('contacts', 'rce'), grant('orders', 'r')], system: [] } },
  salesIntegrations: { parentId: 'sales', privileges: { objects: [grant('contacts', 'r'), grant('accounts', 'r')], system: ['access-api'] } },
  finance: { parentId: 'root', privileges: { objects: [grant('orders', 'c'), grant('invoices', 'rc')], system: ['export-data', 'access-api'] } },
};
const of = (ids: string[]) => effectivePermissionsOf(ids, (id) => roles[id]?.privileges);

describe('effective permissions', () => {
  it('come from direct roles only: a child role does not inherit its parents', () => {
    expect(of(['salesIntegrations'])).toEqual({ objects: [grant('accounts', 'r'), grant('contacts', 'r')], system: ['access-api'] });
  });

  it('merge several direct roles operation by operation, sorted, without duplicates', () => {
    expect(of(['salesIntegrations', 'finance'])).toEqual({
      objects: [grant('accounts', 'r'), grant('contacts', 'r'), grant('invoices', 'rc'), grant('orders', 'c')],
      system: ['access-api', 'export-data'],
    });
  });

  it('grant nothing without roles, and ignore roles that no longer exist', () => {
    expect(grantsNothing(of([]))).toBe(true);
    expect(of(['deleted-role'])).toEqual({ objects: [], system: [] });
    expect(grantsNothing(of(['sales']))).toBe(false);
    expect(grantsNothing(effectivePermissionsOf(['x'], () => ({ objects: [grant('contacts', '')], system: [] })))).toBe(true);
  });
});
