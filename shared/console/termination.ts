import type { Employee, Integration } from '../api/employees.ts';

/**
 * What terminating an employee will do to their integrations, worked out
 * before anything is sent — the same rules the tenant applies (API.md,
 * "Employees, integrations, termination"): preserve moves every webhook to
 * one new system user named after the employee and each app to a system
 * user of its own named after the app; local apps cannot move and are
 * disabled; "disable" disables everything.
 */
export interface TerminationPreview {
  /** New system users and what each will run. */
  readonly systemUsers: ReadonlyArray<{ readonly kind: 'webhook' | 'app'; readonly name: string; readonly integrations: readonly Integration[] }>;
  readonly disabled: readonly Integration[];
  readonly notTransferable: readonly Integration[];
}

export function fullNameOf(person: Pick<Employee, 'firstName' | 'lastName'>): string {
  return `${person.firstName} ${person.lastName}`.trim();
}

/**
 * The name the tenant will give a new system user: the wanted one, or with
 * " (2)", " (3)"… when taken (ignoring case), at most 64 characters.
 */
export function systemUserName(wanted: string, taken: Set<string>): string {
  let candidate = wanted;
  for (let n = 2; taken.has(candidate.toLocaleLowerCase('en-US')); n += 1) candidate = `${wanted} (${n})`;
  taken.add(candidate.toLocaleLowerCase('en-US'));
  return candidate.slice(0, 64);
}

/** `takenNames`: technical user names already on the tenant, so the preview names what the tenant will create. */
export function terminationPreview(person: Pick<Employee, 'firstName' | 'lastName'>, integrations: readonly Integration[], mode: 'preserve' | 'disable', takenNames: Iterable<string> = []): TerminationPreview {
  const owned = integrations.filter((i) => i.ownerType === 'user');
  if (mode === 'disable') return { systemUsers: [], disabled: owned, notTransferable: [] };
  const webhooks = owned.filter((i) => i.kind === 'webhook' && !i.local);
  const apps = owned.filter((i) => i.kind === 'app' && !i.local);
  const taken = new Set([...takenNames].map((n) => n.toLocaleLowerCase('en-US')));
  return {
    systemUsers: [
      ...(webhooks.length > 0 ? [{ kind: 'webhook' as const, name: systemUserName(fullNameOf(person), taken), integrations: webhooks }] : []),
      ...apps.map((app) => ({ kind: 'app' as const, name: systemUserName(app.name, taken), integrations: [app] })),
    ],
    disabled: [],
    notTransferable: owned.filter((i) => i.local),
  };
}

/** Why an app cannot be handed to a system user of its own, or null when it can. */
export function appHandoverRefusal(integration: Integration): string | null {
  if (integration.kind !== 'app') return 'Only apps are handed over to a system user of their own; webhooks move when their owner is terminated.';
  if (integration.local) return `${integration.name} is a local (on-premise) app: local apps cannot be transferred.`;
  if (integration.ownerType === 'system') return `${integration.name} already runs on behalf of a system user.`;
  return null;
}
