import type { Actor } from '../../shared/api/common.ts';
import type { Employee, Integration, TerminationResult } from '../../shared/api/employees.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import { appHandoverProblem, fullNameOf, systemUserName, systemUserRoleIds, terminationPlan, type PlannedSystemUser } from '../../shared/console/termination.ts';
import { ApiError } from './apiError.ts';
import { appendAudit } from './audit.ts';
import { nameKey } from '../../shared/rules/technicalUserRules.ts';
import { rootRoleId } from './roles.ts';
import { createTechnicalUser } from './technicalUsers.ts';
import { readLive } from './documents.ts';
import { restSystem, technicalUsersTable } from './technicalUserTable.ts';
import type { TenantStore } from './tenantStore.ts';

/** Human users and the integrations they own (Bitrix24's webhooks and apps). */

export function employeeSearch(e: Pick<Employee, 'firstName' | 'lastName' | 'email'>): string {
  return nameKey(`${e.firstName} ${e.lastName}\n${e.email}`);
}

export function insertEmployee(store: TenantStore, employee: Employee): void {
  store.db.run(
    'INSERT INTO employees (id, search, sort_key, body) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET search = excluded.search, sort_key = excluded.sort_key, body = excluded.body',
    employee.id,
    employeeSearch(employee),
    nameKey(`${employee.lastName} ${employee.firstName}`),
    JSON.stringify(employee),
  );
}

export function insertIntegration(store: TenantStore, integration: Integration): void {
  store.db.run(
    'INSERT INTO integrations (id, owner_id, body) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET owner_id = excluded.owner_id, body = excluded.body',
    integration.id,
    integration.ownerId,
    JSON.stringify(integration),
  );
}

export function getEmployee(store: TenantStore, id: string): Employee {
  const row = store.db.get<{ body: string }>('SELECT body FROM employees WHERE id = ?', id);
  if (!row) throw new ApiError('not_found', `No employee ${id}.`);
  return JSON.parse(row.body) as Employee;
}

export function getIntegration(store: TenantStore, id: string): Integration {
  const row = store.db.get<{ body: string }>('SELECT body FROM integrations WHERE id = ?', id);
  if (!row) throw new ApiError('not_found', `No integration ${id}.`);
  return JSON.parse(row.body) as Integration;
}

/** Integrations are listed for their owner: an employee, or the system user they were moved to; anyone else is not found. */
export function assertIntegrationOwner(store: TenantStore, ownerId: string): void {
  if (!readLive(store, technicalUsersTable, ownerId)) getEmployee(store, ownerId);
}

export function integrationsOf(store: TenantStore, ownerId: string): Integration[] {
  return store.db.all<{ body: string }>('SELECT body FROM integrations WHERE owner_id = ? ORDER BY id', ownerId).map((r) => JSON.parse(r.body) as Integration);
}

function saveIntegration(store: TenantStore, actor: Actor, before: Integration, after: Integration, action: string): Integration {
  insertIntegration(store, after);
  appendAudit(store, { actor, action, subjectType: 'integration', subjectId: after.id, before, after });
  return after;
}

/** Names of the tenant's live technical users: what a new system user's name must not clash with. */
function takenNames(store: TenantStore): string[] {
  return store.db.all<{ name: string }>("SELECT json_extract(body, '$.name') AS name FROM technical_users WHERE deleted = 0").map((r) => r.name);
}

/** Creates a planned system user: the employee's roles but the root role, their language and time zone, outside the plan limit. */
function createSystemUser(store: TenantStore, actor: Actor, owner: Pick<Employee, 'roleIds' | 'language' | 'timeZone'>, planned: Pick<PlannedSystemUser, 'kind' | 'name' | 'description'>): TechnicalUser {
  const root = rootRoleId(store);
  const liveRoles = new Set(store.db.all<{ id: string }>('SELECT id FROM roles WHERE deleted = 0').map((r) => r.id));
  return createTechnicalUser(
    store,
    actor,
    {
      name: planned.name,
      kind: planned.kind,
      category: 'System user',
      description: planned.description,
      language: owner.language,
      timeZone: owner.timeZone,
      roleIds: systemUserRoleIds(owner.roleIds, root, (id) => liveRoles.has(id)),
    },
    { externalAuthId: restSystem },
  ).user;
}

const transferred = (integration: Integration, systemUser: TechnicalUser): Integration => ({ ...integration, ownerId: systemUser.id, ownerType: 'system' });
const disabled = (integration: Integration): Integration => ({ ...integration, active: false });

/**
 * Terminates an employee, carrying out the shared termination plan (the
 * same one the console previews): system users are created as planned and
 * their integrations moved to them; what the plan disables is disabled.
 * The employee becomes inactive.
 */
export function terminateEmployee(store: TenantStore, actor: Actor, employeeId: string, mode: 'preserve' | 'disable'): TerminationResult {
  return store.transaction(() => {
    const employee = getEmployee(store, employeeId);
    if (!employee.active) throw new ApiError('validation_failed', `${fullNameOf(employee)} was already terminated.`);
    const plan = terminationPlan(employee, integrationsOf(store, employeeId), mode, takenNames(store));
    const result: TerminationResult = { user: { ...employee, active: false }, systemUsers: [], transferred: [], disabled: [], notTransferable: [] };
    for (const planned of plan.systemUsers) {
      const systemUser = createSystemUser(store, actor, employee, planned);
      result.systemUsers.push(systemUser);
      for (const integration of planned.integrations) result.transferred.push(saveIntegration(store, actor, integration, transferred(integration, systemUser), 'integration.transferred'));
    }
    for (const local of plan.notTransferable) result.notTransferable.push(saveIntegration(store, actor, local, disabled(local), 'integration.disabled'));
    for (const integration of plan.disabled) result.disabled.push(saveIntegration(store, actor, integration, disabled(integration), 'integration.disabled'));
    insertEmployee(store, result.user);
    appendAudit(store, { actor, action: `employee.terminated.${mode}`, subjectType: 'employee', subjectId: employee.id, before: employee, after: result.user });
    return result;
  });
}

/** Hands an app over to a system user of its own; local apps cannot be transferred. */
export function transferToSystemUser(store: TenantStore, actor: Actor, integrationId: string): { integration: Integration; systemUser: TechnicalUser } {
  return store.transaction(() => {
    const integration = getIntegration(store, integrationId);
    const problem = appHandoverProblem(integration);
    if (problem) throw new ApiError(problem.code, problem.message);
    const owner = getEmployee(store, integration.ownerId);
    const name = systemUserName(integration.name, new Set(takenNames(store).map(nameKey)));
    const systemUser = createSystemUser(store, actor, owner, { kind: 'app', name, description: `Runs the app "${integration.name}", handed over from ${fullNameOf(owner)}.` });
    const moved = saveIntegration(store, actor, integration, transferred(integration, systemUser), 'integration.transferred');
    return { integration: moved, systemUser };
  });
}

/** An employee editing an integration; one that ran as a system user moves to that employee. */
export function editIntegration(store: TenantStore, actor: Actor, integrationId: string, change: { actingUserId: string; name?: string | undefined; active?: boolean | undefined }): Integration {
  return store.transaction(() => {
    const integration = getIntegration(store, integrationId);
    const editor = getEmployee(store, change.actingUserId);
    if (!editor.active) throw new ApiError('validation_failed', `${editor.firstName} ${editor.lastName} is not an active employee.`, { field: 'actingUserId' });
    const next: Integration = {
      ...integration,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.active !== undefined ? { active: change.active } : {}),
      ...(integration.ownerType === 'system' ? { ownerId: editor.id, ownerType: 'user' as const } : {}),
    };
    if (JSON.stringify(next) === JSON.stringify(integration)) return integration;
    return saveIntegration(store, actor, integration, next, integration.ownerType === 'system' ? 'integration.taken-over' : 'integration.updated');
  });
}
