import type { Employee, Integration } from '../api/employees.ts';
import { nameKey } from '../rules/technicalUserRules.ts';

/**
 * What terminating an employee does to their integrations (API.md,
 * "Employees, integrations, termination"): preserve moves every webhook to
 * one new system user named after the employee and each app to a system
 * user of its own named after the app; local apps cannot move and are
 * disabled; "disable" disables everything. The tenant server carries out
 * exactly this plan, and the console shows it as a preview before anything
 * is sent: one function, so the two cannot disagree.
 */
export interface TerminationPlan {
  /** New system users, in the order they are created, and what each will run. */
  readonly systemUsers: ReadonlyArray<PlannedSystemUser>;
  readonly disabled: readonly Integration[];
  readonly notTransferable: readonly Integration[];
}

export interface PlannedSystemUser {
  readonly kind: 'webhook' | 'app';
  readonly name: string;
  readonly description: string;
  readonly integrations: readonly Integration[];
}

export function fullNameOf(person: Pick<Employee, 'firstName' | 'lastName'>): string {
  return `${person.firstName} ${person.lastName}`.trim();
}

/**
 * The name the tenant gives a new system user: the wanted one, or with
 * " (2)", " (3)"… when taken (names compare by `nameKey`), at most 64
 * characters. `takenKeys` holds the name keys in use; the chosen one is added.
 */
export function systemUserName(wanted: string, takenKeys: Set<string>): string {
  let candidate = wanted;
  for (let n = 2; takenKeys.has(nameKey(candidate)); n += 1) candidate = `${wanted} (${n})`;
  takenKeys.add(nameKey(candidate));
  return candidate.slice(0, 64);
}

/**
 * The roles a system user takes over from the employee: all of theirs but
 * the root role (technical users are never its members) and roles that no
 * longer exist.
 */
export function systemUserRoleIds(ownerRoleIds: readonly string[], rootRoleId: string, roleExists: (id: string) => boolean): string[] {
  return ownerRoleIds.filter((id) => id !== rootRoleId && roleExists(id));
}

/** `takenNames`: technical user names already on the tenant, so the plan names what the tenant will create. */
export function terminationPlan(
  person: Pick<Employee, 'firstName' | 'lastName'>,
  integrations: readonly Integration[],
  mode: 'preserve' | 'disable',
  takenNames: Iterable<string> = [],
): TerminationPlan {
  const owned = integrations.filter((i) => i.ownerType === 'user');
  if (mode === 'disable') return { systemUsers: [], disabled: owned, notTransferable: [] };
  const webhooks = owned.filter((i) => i.kind === 'webhook' && !i.local);
  const apps = owned.filter((i) => i.kind === 'app' && !i.local);
  const taken = new Set([...takenNames].map(nameKey));
  const fullName = fullNameOf(person);
  return {
    systemUsers: [
      ...(webhooks.length > 0
        ? [{ kind: 'webhook' as const, name: systemUserName(fullName, taken), description: `Runs the webhooks of ${fullName}, who was terminated.`, integrations: webhooks }]
        : []),
      ...apps.map((app) => ({
        kind: 'app' as const,
        name: systemUserName(app.name, taken),
        description: `Runs the app "${app.name}", handed over when ${fullName} was terminated.`,
        integrations: [app],
      })),
    ],
    disabled: [],
    notTransferable: owned.filter((i) => i.local),
  };
}

/** Why an app cannot be handed to a system user of its own (with the tenant's error code), or null when it can. */
export function appHandoverProblem(integration: Integration): { code: 'validation_failed' | 'not_transferable'; message: string } | null {
  if (integration.kind !== 'app') return { code: 'validation_failed', message: 'Only apps are handed over to a system user of their own; webhooks move when their owner is terminated.' };
  if (integration.local) return { code: 'not_transferable', message: `${integration.name} is a local (on-premise) app: local apps cannot be transferred.` };
  if (integration.ownerType === 'system') return { code: 'validation_failed', message: `${integration.name} already runs on behalf of a system user.` };
  return null;
}

/** Why an app cannot be handed to a system user of its own, or null when it can. */
export function appHandoverRefusal(integration: Integration): string | null {
  return appHandoverProblem(integration)?.message ?? null;
}
