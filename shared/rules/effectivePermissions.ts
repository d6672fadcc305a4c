import type { ObjectPrivilege, Privileges } from '../api/roles.ts';
import type { EffectivePermissions } from '../api/technicalUsers.ts';

/**
 * What a technical user's direct roles grant — never anything inherited
 * from parent roles (DESIGN.md, rule 2). The server answers
 * `effective-permissions` with this, and the console shows it offline from
 * the replica with the same function.
 */
export function effectivePermissionsOf(roleIds: readonly string[], privilegesOf: (roleId: string) => Privileges | undefined): EffectivePermissions {
  const objects = new Map<string, ObjectPrivilege>();
  const system = new Set<string>();
  for (const roleId of roleIds) {
    const privileges = privilegesOf(roleId);
    if (!privileges) continue;
    for (const p of privileges.objects) {
      const merged = objects.get(p.object) ?? { object: p.object, read: false, create: false, edit: false, delete: false };
      objects.set(p.object, { object: p.object, read: merged.read || p.read, create: merged.create || p.create, edit: merged.edit || p.edit, delete: merged.delete || p.delete });
    }
    for (const s of privileges.system) system.add(s);
  }
  return { objects: [...objects.values()].sort((a, b) => a.object.localeCompare(b.object)), system: [...system].sort() };
}


/** Whether the permissions grant nothing at all (a user with no roles, or roles without privileges). */
export function grantsNothing(permissions: EffectivePermissions): boolean {
  return permissions.system.length === 0 && permissions.objects.every((o) => !o.read && !o.create && !o.edit && !o.delete);
}

/** Objects and system operations the console offers in the privileges matrix, besides those roles already use. */
export const wellKnownObjects = ['accounts', 'activities', 'contacts', 'documents', 'invoices', 'orders', 'products', 'projects'] as const;
export const wellKnownSystemOperations = ['access-api', 'configure-integrations', 'export-data', 'manage-users', 'manage-webhooks', 'run-reindex'] as const;
