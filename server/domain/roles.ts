import { randomUUID } from 'node:crypto';
import type { Actor } from '../../shared/api/common.ts';
import type { ObjectPrivilege, Privileges, Role, RoleCreate, RolePatch } from '../../shared/api/roles.ts';
import type { EffectivePermissions, TechnicalUser } from '../../shared/api/technicalUsers.ts';
import { effectivePermissionsOf } from '../../shared/rules/effectivePermissions.ts';
import { nameKey } from '../../shared/rules/technicalUserRules.ts';
import { ApiError } from './apiError.ts';
import { appendAudit } from './audit.ts';
import { listLive, readDocument, readLive, writeDocument, type DocumentTable } from './documents.ts';
import { checkRevision } from './revisions.ts';
import { technicalUsersTable } from './technicalUserTable.ts';
import { serverActor, type TenantStore } from './tenantStore.ts';

export const rolesTable: DocumentTable<Role> = {
  collection: 'roles',
  table: 'roles',
  columns: (role) => ({ name_key: nameKey(role.name), parent_id: role.parentId }),
};

export const rootRoleName = 'All employees';

export function rootRoleId(store: TenantStore): string {
  return store.db.meta('rootRoleId') ?? '';
}

export function createRootRole(store: TenantStore): Role {
  const at = store.stamp();
  const role: Role = {
    id: randomUUID(),
    name: rootRoleName,
    parentId: null,
    privileges: { objects: [{ object: 'contacts', read: true, create: false, edit: false, delete: false }], system: [] },
    revision: 1,
    createdAt: at,
    createdBy: serverActor,
    updatedAt: at,
    updatedBy: serverActor,
  };
  writeDocument(store, rolesTable, role);
  appendAudit(store, { actor: serverActor, action: 'role.created', subjectType: 'role', subjectId: role.id, before: null, after: role });
  return role;
}

function assertNameFree(store: TenantStore, name: string, exceptId?: string): void {
  const clash = store.db.get<{ id: string }>('SELECT id FROM roles WHERE deleted = 0 AND name_key = ? AND id != ?', nameKey(name), exceptId ?? '');
  if (clash) throw new ApiError('name_taken', `A role named "${name}" already exists on this tenant.`, { id: clash.id });
}

function assertParent(store: TenantStore, parentId: string, roleId?: string): void {
  if (!readLive(store, rolesTable, parentId)) throw new ApiError('validation_failed', `The parent role ${parentId} does not exist.`, { field: 'parentId' });
  if (!roleId) return;
  // Moving a role under itself or one of its descendants would make a cycle.
  for (let current: string | null = parentId; current; current = readLive(store, rolesTable, current)?.parentId ?? null) {
    if (current === roleId) throw new ApiError('validation_failed', 'A role cannot be moved under itself or one of its own child roles.', { field: 'parentId' });
  }
}

function normalizePrivileges(privileges: Privileges | undefined): Privileges {
  const objects = new Map<string, ObjectPrivilege>();
  for (const p of privileges?.objects ?? []) objects.set(p.object, { ...p });
  return { objects: [...objects.values()], system: [...new Set(privileges?.system ?? [])] };
}

export function sameRoleContent(a: Pick<Role, 'name' | 'parentId' | 'privileges'>, b: Pick<Role, 'name' | 'parentId' | 'privileges'>): boolean {
  return a.name === b.name && a.parentId === b.parentId && JSON.stringify(normalizePrivileges(a.privileges)) === JSON.stringify(normalizePrivileges(b.privileges));
}

export function createRole(store: TenantStore, actor: Actor, input: RoleCreate): { role: Role; created: boolean } {
  return store.transaction(() => {
    const id = input.id ?? randomUUID();
    const existing = input.id ? readDocument(store, rolesTable, input.id) : null;
    const privileges = normalizePrivileges(input.privileges);
    if (existing) {
      if (!existing.deleted && sameRoleContent(existing.doc, { name: input.name, parentId: input.parentId, privileges })) return { role: existing.doc, created: false };
      throw new ApiError('validation_failed', `The id ${id} is already used by ${existing.deleted ? 'a deleted' : 'another'} role.`, { field: 'id' });
    }
    assertParent(store, input.parentId);
    assertNameFree(store, input.name);
    const at = store.stamp();
    const role: Role = { id, name: input.name, parentId: input.parentId, privileges, revision: 1, createdAt: at, createdBy: actor, updatedAt: at, updatedBy: actor };
    writeDocument(store, rolesTable, role);
    appendAudit(store, { actor, action: 'role.created', subjectType: 'role', subjectId: id, before: null, after: role });
    return { role, created: true };
  });
}

export function updateRole(store: TenantStore, actor: Actor, id: string, patch: RolePatch, ifMatch?: number): Role {
  return store.transaction(() => {
    const current = readLive(store, rolesTable, id);
    if (!current) throw new ApiError('not_found', `No role ${id}.`);
    checkRevision(current, ifMatch);
    const isRoot = id === rootRoleId(store);
    if (isRoot && patch.parentId !== undefined && patch.parentId !== null) {
      throw new ApiError('root_role_protected', `"${rootRoleName}" is the root role: it cannot be moved.`);
    }
    if (!isRoot && patch.parentId === null) throw new ApiError('validation_failed', 'Only the root role has no parent.', { field: 'parentId' });
    const next: Role = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}),
      ...(patch.privileges !== undefined ? { privileges: normalizePrivileges(patch.privileges) } : {}),
    };
    if (sameRoleContent(current, next)) return current;
    if (next.name !== current.name) assertNameFree(store, next.name, id);
    if (next.parentId !== current.parentId && next.parentId) assertParent(store, next.parentId, id);
    const saved: Role = { ...next, revision: current.revision + 1, updatedAt: store.stamp(), updatedBy: actor };
    writeDocument(store, rolesTable, saved);
    appendAudit(store, { actor, action: 'role.updated', subjectType: 'role', subjectId: id, before: current, after: saved });
    return saved;
  });
}

/**
 * Deletes a role: its child roles move up to its parent, and it is removed
 * from every technical user and employee that held it (each change audited).
 */
export function deleteRole(store: TenantStore, actor: Actor, id: string, ifMatch?: number): void {
  store.transaction(() => {
    const current = readLive(store, rolesTable, id);
    if (!current) throw new ApiError('not_found', `No role ${id}.`);
    if (id === rootRoleId(store)) throw new ApiError('root_role_protected', `"${rootRoleName}" is the root role and cannot be deleted.`);
    checkRevision(current, ifMatch);
    for (const child of listLive<Role>(store, 'roles', 'parent_id = ?', id)) {
      const moved: Role = { ...child, parentId: current.parentId, revision: child.revision + 1, updatedAt: store.stamp(), updatedBy: actor };
      writeDocument(store, rolesTable, moved);
      appendAudit(store, { actor, action: 'role.updated', subjectType: 'role', subjectId: child.id, before: child, after: moved });
    }
    for (const user of listLive<TechnicalUser>(store, 'technical_users', "EXISTS (SELECT 1 FROM json_each(body, '$.roleIds') WHERE value = ?)", id)) {
      const updated: TechnicalUser = { ...user, roleIds: user.roleIds.filter((r) => r !== id), revision: user.revision + 1, updatedAt: store.stamp(), updatedBy: actor };
      writeDocument(store, technicalUsersTable, updated);
      appendAudit(store, { actor, action: 'technical-user.updated', subjectType: 'technical-user', subjectId: user.id, before: user, after: updated });
    }
    for (const row of store.db.all<{ id: string; body: string }>("SELECT id, body FROM employees WHERE EXISTS (SELECT 1 FROM json_each(body, '$.roleIds') WHERE value = ?)", id)) {
      const employee = JSON.parse(row.body) as { roleIds: string[] };
      store.db.run('UPDATE employees SET body = ? WHERE id = ?', JSON.stringify({ ...employee, roleIds: employee.roleIds.filter((r) => r !== id) }), row.id);
    }
    const tombstone: Role = { ...current, revision: current.revision + 1, updatedAt: store.stamp(), updatedBy: actor };
    writeDocument(store, rolesTable, tombstone, true);
    appendAudit(store, { actor, action: 'role.deleted', subjectType: 'role', subjectId: id, before: current, after: null });
  });
}

/** What a user's direct roles grant — never anything inherited from parent roles (the rule lives in shared/). */
export function effectivePermissions(store: TenantStore, roleIds: readonly string[]): EffectivePermissions {
  return effectivePermissionsOf(roleIds, (roleId) => readLive(store, rolesTable, roleId)?.privileges);
}

export function getRole(store: TenantStore, id: string): Role {
  const role = readLive(store, rolesTable, id);
  if (!role) throw new ApiError('not_found', `No role ${id}.`);
  return role;
}
