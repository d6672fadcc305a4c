import { describe, expect, it } from 'vitest';
import { describeAuditEntry } from './auditDiff.ts';

const names = { role: (id: string) => ({ r1: 'Sales integrations', r2: 'Finance integrations' })[id] };

describe('audit entries in words', () => {
  it('shows an update field by field, with role ids as names and bookkeeping left out', () => {
    const description = describeAuditEntry(
      {
        action: 'technical-user.updated',
        before: { description: 'old', roleIds: ['r1'], active: true, revision: 3, updatedAt: 'x' },
        after: { description: '', roleIds: ['r1', 'r2'], active: false, revision: 4, updatedAt: 'y' },
      },
      names,
    );
    expect(description.summary).toBe('changed the technical user');
    expect(description.changes).toEqual([
      { field: 'description', label: 'Description', before: 'old', after: '(empty)' },
      { field: 'roleIds', label: 'Roles', before: 'Sales integrations', after: 'Sales integrations, Finance integrations' },
      { field: 'active', label: 'Active', before: 'yes', after: 'no' },
    ]);
  });

  it('lists what a create set, leaving the before side empty', () => {
    const description = describeAuditEntry({ action: 'technical-user.created', before: null, after: { id: 'u1', name: 'Sync', dataFields: [{ key: 'system', value: 'SAP' }], roleIds: [], notificationEmail: null } }, names);
    expect(description.changes).toEqual([
      { field: 'name', label: 'Name', before: '', after: 'Sync' },
      { field: 'dataFields', label: 'Data fields', before: '', after: 'system: SAP' },
      { field: 'roleIds', label: 'Roles', before: '', after: 'none' },
    ]);
  });

  it('names unknown actions readably and keeps unknown role ids', () => {
    const description = describeAuditEntry({ action: 'employee.terminated.preserve', before: { roleIds: ['gone'] }, after: { roleIds: [] } }, names);
    expect(description.summary).toBe('employee terminated preserve');
    expect(description.changes[0]).toMatchObject({ before: 'gone', after: 'none' });
  });
});
