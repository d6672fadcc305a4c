import type { Employee } from '../api/employees.ts';

/**
 * The cross-tenant offboarding sweep: one person, found on every tenant by
 * e-mail — as an employee, and as the person behind admin clients (every
 * `createdBy` names `{ clientId, name, email }`).
 */

export function normalEmail(email: string): string {
  return email.trim().toLocaleLowerCase('en-US');
}

export function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
}

/** The employee with exactly this e-mail (ignoring case), if any; an active record wins over an old terminated one. */
export function employeeByEmail(people: readonly Employee[], email: string): Employee | null {
  const wanted = normalEmail(email);
  const matches = people.filter((p) => normalEmail(p.email) === wanted);
  return matches.find((p) => p.active) ?? matches[0] ?? null;
}

interface Created {
  readonly createdBy?: { readonly email: string | null } | null;
}

/** What admin clients registered to this e-mail created (technical users, tokens…). */
export function createdByEmail<T extends Created>(items: Iterable<T>, email: string): T[] {
  const wanted = normalEmail(email);
  const out: T[] = [];
  for (const item of items) if (item.createdBy?.email && normalEmail(item.createdBy.email) === wanted) out.push(item);
  return out;
}

/** `unanswered`: the termination was sent but no answer came back — it may have happened; look again to know. */
export type SweepStatus = 'planned' | 'running' | 'done' | 'pending_offline' | 'failed' | 'unanswered' | 'nothing_to_do';

/** Tenants whose plan is ready to carry out (looked up, person found and active). */
export function tenantsToRun(statuses: Readonly<Record<string, SweepStatus>>): string[] {
  return Object.entries(statuses)
    .filter(([, status]) => status === 'planned')
    .map(([id]) => id);
}

/** Tenants to look at again before anything runs there: offline ones, ones where it failed, and ones whose answer was lost. */
export function tenantsToLookUp(statuses: Readonly<Record<string, SweepStatus>>): string[] {
  return Object.entries(statuses)
    .filter(([, status]) => status === 'pending_offline' || status === 'failed' || status === 'unanswered')
    .map(([id]) => id);
}
