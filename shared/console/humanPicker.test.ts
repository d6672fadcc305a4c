import { describe, expect, it } from 'vitest';
import type { Employee } from '../api/employees.ts';
import { humanUsersOnly } from './humanPicker.ts';

const employee = (id: string, firstName: string, lastName: string, extra: Record<string, unknown> = {}): Employee & Record<string, unknown> => ({
  id,
  firstName,
  lastName,
  email: `${firstName.toLowerCase()}@example.com`,
  roleIds: ['r-sales'],
  language: 'en',
  timeZone: 'Europe/Prague',
  active: true,
  ...extra,
});

const maya = employee('e-maya', 'Maya', 'Novak');
const jonas = employee('e-jonas', 'Jonas', 'Berg', { active: false });

/** A system user as termination creates it (a technical user, `rest_system`), shaped like a person. */
const systemUserAsPerson = employee('tu-maya-webhooks', 'Maya', 'Novak', { externalAuthId: 'rest_system', kind: 'webhook' });
/** The same system user in its own (technical user) shape. */
const systemUser = { id: 'tu-app', name: 'Power BI', kind: 'app', externalAuthId: 'rest_system', language: 'en', timeZone: 'UTC', active: true, roleIds: [] };

describe('humanUsersOnly', () => {
  it('keeps the people, in order', () => {
    expect(humanUsersOnly([maya, jonas], new Set())).toEqual([maya, jonas]);
  });

  it('drops system and technical users however they are shaped', () => {
    const technical = employee('tu-sync', 'Salesforce', 'Sync', { externalAuthId: 'integration-7' });
    expect(humanUsersOnly([systemUserAsPerson, maya, systemUser, technical, jonas], new Set()).map((e) => e.id)).toEqual(['e-maya', 'e-jonas']);
  });

  it('drops an entry whose id is a technical user of the tenant, even if it looks like a person', () => {
    const collision = employee('tu-sync', 'Sam', 'Sync');
    expect(humanUsersOnly([maya, collision, jonas], new Set(['tu-sync', 'tu-other']))).toEqual([maya, jonas]);
    // The same entry is a person where no technical user has that id.
    expect(humanUsersOnly([collision], new Set(['tu-other']))).toEqual([collision]);
  });

  it('keeps people whose externalAuthId is empty or null (no mark at all)', () => {
    expect(humanUsersOnly([employee('e-1', 'A', 'B', { externalAuthId: null }), employee('e-2', 'C', 'D', { externalAuthId: '' })], new Set()).map((e) => e.id)).toEqual(['e-1', 'e-2']);
  });

  it('drops anything that is not an employee', () => {
    const { email: _email, ...noEmail } = maya;
    const entries: unknown[] = [null, undefined, 'e-maya', 42, [], {}, noEmail, { ...maya, id: '' }, { ...maya, id: 'has spaces' }, { ...maya, timeZone: 'Mars/Olympus' }, { ...maya, roleIds: 'r-sales' }, { ...maya, active: 'yes' }, jonas];
    expect(humanUsersOnly(entries, new Set())).toEqual([jonas]);
  });

  it('returns the parsed employee without extra fields', () => {
    const [kept] = humanUsersOnly([{ ...maya, password: 'hunter2', notes: 'x' }], new Set());
    expect(kept).toEqual(maya);
    expect(kept).not.toHaveProperty('password');
  });

  it('returns nothing for nothing', () => {
    expect(humanUsersOnly([], new Set(['tu-sync']))).toEqual([]);
  });
});
