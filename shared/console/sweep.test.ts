import { describe, expect, it } from 'vitest';
import type { Employee } from '../api/employees.ts';
import { createdByEmail, employeeByEmail, isEmail, tenantsToLookUp, tenantsToRun } from './sweep.ts';

const person = (id: string, email: string): Employee => ({ id, firstName: 'A', lastName: id, email, roleIds: [], language: 'en', timeZone: 'UTC', active: true });

describe('offboarding sweep', () => {
  it('matches the employee by e-mail, ignoring case and spaces, and nobody else', () => {
    const people = [person('1', 'maya.novak@acme.example'), person('2', 'maya.novak@acme.example.org')];
    expect(employeeByEmail(people, ' Maya.Novak@ACME.example ')?.id).toBe('1');
    expect(employeeByEmail(people, 'maya@acme.example')).toBeNull();
  });

  it('finds what admin clients of that e-mail created', () => {
    const items = [
      { id: 'u1', createdBy: { clientId: 'c1', name: 'Maya', email: 'Maya.Novak@acme.example' } },
      { id: 'u2', createdBy: { clientId: 'c2', name: 'Seed', email: 'demo@tessera.example' } },
      { id: 'u3', createdBy: { clientId: 'c3', name: 'CLI', email: null } },
      { id: 'u4' },
    ];
    expect(createdByEmail(items, 'maya.novak@acme.example').map((i) => i.id)).toEqual(['u1']);
  });

  it('carries out only planned tenants, and looks again at offline or failed ones first', () => {
    const statuses = { a: 'done', b: 'pending_offline', c: 'planned', d: 'failed', e: 'running', f: 'nothing_to_do', g: 'unanswered' } as const;
    expect(tenantsToRun(statuses)).toEqual(['c']);
    expect(tenantsToLookUp(statuses)).toEqual(['b', 'd', 'g']);
  });

  it('prefers the active record when an e-mail was used twice', () => {
    const old = { ...person('old', 'elena@acme.example'), active: false };
    const rehired = person('new', 'elena@acme.example');
    expect(employeeByEmail([old, rehired], 'elena@acme.example')?.id).toBe('new');
    expect(employeeByEmail([old], 'elena@acme.example')?.id).toBe('old');
  });

  it('knows an e-mail when it sees one', () => {
    expect(isEmail('maya.novak@acme.example')).toBe(true);
    expect(isEmail('maya novak')).toBe(false);
  });
});
