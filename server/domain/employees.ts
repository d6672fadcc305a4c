import { randomUUID } from 'node:crypto';
import type { Actor } from '../../shared/api/common.ts';
import type { Employee, Integration, TerminationResult } from '../../shared/api/employees.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import { ApiError } from './apiError.ts';
import { appendAudit } from './audit.ts';
import { nameKey } from './documents.ts';
import { rootRoleId } from './roles.ts';
import { createTechnicalUser } from './technicalUsers.ts';
import { restSystem } from './technicalUserTable.ts';
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

export function integrationsOf(store: TenantStore, ownerId: string): Integration[] {
  return store.db.all<{ body: string }>('SELECT body FROM integrations WHERE owner_id = ? ORDER BY id', ownerId).map((r) => JSON.parse(r.body) as Integration);
}

function saveIntegration(store: TenantStore, actor: Actor, before: Integration, after: Integration, action: string): Integration {
  insertIntegration(store, after);
  appendAudit(store, { actor, action, subjectType: 'integration', subjectId: after.id, before, after });
  return after;
}

/** A system user inheriting the employee's roles (never the root role), language and time zone. */
function createSystemUser(store: TenantStore, actor: Actor, owner: Pick<Employee, 'roleIds' | 'language' | 'timeZone'>, kind: 'webhook' | 'app', name: string, description: string): TechnicalUser {
  const root = rootRoleId(store);
  const liveRoles = new Set(store.db.all<{ id: string }>('SELECT id FROM roles WHERE deleted = 0').map((r) => r.id));
  let candidate = name;
  for (let n = 2; store.db.get('SELECT 1 FROM technical_users WHERE deleted = 0 AND name_key = ?', nameKey(candidate)); n += 1) {
    candidate = `${name} (${n})`;
  }
  return createTechnicalUser(
    store,
    actor,
    {
      name: candidate.slice(0, 64),
      kind,
      category: 'System user',
      description,
      language: owner.language,
      timeZone: owner.timeZone,
      roleIds: owner.roleIds.filter((id) => id !== root && liveRoles.has(id)),
    },
    { externalAuthId: restSystem },
  ).user;
}

/**
 * Terminates an employee. `preserve` moves all their webhooks to one new
 * system user (named after the employee) and each app to a system user of
 * its own (named after the app); local apps cannot move and are disabled.
 * `disable` disables every integration. The employee becomes inactive.
 */
export function terminateEmployee(store: TenantStore, actor: Actor, employeeId: string, mode: 'preserve' | 'disable'): TerminationResult {
  return store.transaction(() => {
    const employee = getEmployee(store, employeeId);
    if (!employee.active) throw new ApiError('validation_failed', `${employee.firstName} ${employee.lastName} was already terminated.`);
    const owned = integrationsOf(store, employeeId).filter((i) => i.ownerType === 'user');
    const result: TerminationResult = { user: { ...employee, active: false }, systemUsers: [], transferred: [], disabled: [], notTransferable: [] };
    const fullName = `${employee.firstName} ${employee.lastName}`.trim();
    if (mode === 'preserve') {
      const webhooks = owned.filter((i) => i.kind === 'webhook' && !i.local);
      if (webhooks.length > 0) {
        const systemUser = createSystemUser(store, actor, employee, 'webhook', fullName, `Runs the webhooks of ${fullName}, who was terminated.`);
        result.systemUsers.push(systemUser);
        for (const hook of webhooks) result.transferred.push(saveIntegration(store, actor, hook, { ...hook, ownerId: systemUser.id, ownerType: 'system' }, 'integration.transferred'));
      }
      for (const app of owned.filter((i) => i.kind === 'app' && !i.local)) {
        const systemUser = createSystemUser(store, actor, employee, 'app', app.name, `Runs the app "${app.name}", handed over when ${fullName} was terminated.`);
        result.systemUsers.push(systemUser);
        result.transferred.push(saveIntegration(store, actor, app, { ...app, ownerId: systemUser.id, ownerType: 'system' }, 'integration.transferred'));
      }
      for (const local of owned.filter((i) => i.local)) {
        const disabled = saveIntegration(store, actor, local, { ...local, active: false }, 'integration.disabled');
        result.notTransferable.push(disabled);
      }
    } else {
      for (const integration of owned) result.disabled.push(saveIntegration(store, actor, integration, { ...integration, active: false }, 'integration.disabled'));
    }
    insertEmployee(store, result.user);
    appendAudit(store, { actor, action: `employee.terminated.${mode}`, subjectType: 'employee', subjectId: employee.id, before: employee, after: result.user });
    return result;
  });
}

/** Hands an app over to a system user of its own; local apps cannot be transferred. */
export function transferToSystemUser(store: TenantStore, actor: Actor, integrationId: string): { integration: Integration; systemUser: TechnicalUser } {
  return store.transaction(() => {
    const integration = getIntegration(store, integrationId);
    if (integration.kind !== 'app') throw new ApiError('validation_failed', 'Only apps are handed over to a system user of their own; webhooks move when their owner is terminated.');
    if (integration.local) throw new ApiError('not_transferable', `"${integration.name}" is a local app: local apps cannot be transferred to a system user.`);
    if (integration.ownerType === 'system') throw new ApiError('validation_failed', `"${integration.name}" already runs as a system user.`);
    const owner = getEmployee(store, integration.ownerId);
    const systemUser = createSystemUser(store, actor, owner, 'app', integration.name, `Runs the app "${integration.name}", handed over from ${owner.firstName} ${owner.lastName}.`);
    const moved = saveIntegration(store, actor, integration, { ...integration, ownerId: systemUser.id, ownerType: 'system' }, 'integration.transferred');
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

export function newEmployeeId(): string {
  return randomUUID();
}
