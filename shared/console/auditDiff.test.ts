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

  it('names tokens by label and prefix, shows times readably, and leaves out the owner id', () => {
    const description = describeAuditEntry({ action: 'token.issued', before: null, after: { technicalUserId: 'u1', label: 'CI key', prefix: 'tsk_AbCd', expiresAt: '2027-02-21T11:05:22.624Z', status: 'active' } }, names);
    expect(description.summary).toBe('issued an API token “CI key” (tsk_AbCd…)');
    expect(description.changes.map((c) => [c.label, c.after])).toEqual([
      ['Label', 'CI key'],
      ['Prefix', 'tsk_AbCd'],
      ['Expires', '2027-02-21 11:05 UTC'],
      ['Status', 'Active'],
    ]);
  });

  it('shows values by the labels the forms use, never raw', () => {
    const description = describeAuditEntry(
      { action: 'technical-user.updated', before: { permissionRole: 'viewer', language: 'de', kind: 'integration', timeZone: 'America/New_York' }, after: { permissionRole: 'admin', language: 'pt-BR', kind: 'webhook', timeZone: 'Europe/Prague' } },
      names,
    );
    expect(description.changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ['Permission role', 'Viewer', 'Admin'],
      ['Language', 'German', 'Brazilian Portuguese'],
      ['Kind', 'Integration', 'Webhook'],
      ['Time zone', 'America/New York', 'Europe/Prague'],
    ]);
  });

  it('names unknown actions readably and keeps unknown role ids', () => {
    const description = describeAuditEntry({ action: 'employee.terminated.preserve', before: { roleIds: ['gone'] }, after: { roleIds: [] } }, names);
    expect(description.summary).toBe('employee terminated preserve');
    expect(description.changes[0]).toMatchObject({ before: 'gone', after: 'none' });
  });
});
