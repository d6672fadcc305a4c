import type { Privileges } from '../api/roles.ts';

export type Operation = 'read' | 'create' | 'edit' | 'delete';
export const operations: readonly Operation[] = ['read', 'create', 'edit', 'delete'];

/** One role of one tenant, as the comparison needs it. */
export interface ComparedRole {
  readonly tenantId: string;
  readonly privileges: Privileges;
  /** "All employees › Sales › Sales integrations". */
  readonly path: string;
  readonly members: number;
}

export interface ComparisonRow {
  readonly kind: 'object' | 'system';
  /** The object name, or the system operation. */
  readonly name: string;
  /** Per tenant (in the order given): the operations granted on the object, or whether the system operation is granted. */
  readonly cells: ReadonlyArray<readonly Operation[] | boolean>;
  /** Not every tenant grants the same here. */
  readonly differs: boolean;
}

export interface RoleComparison {
  readonly rows: readonly ComparisonRow[];
  readonly pathDiffers: boolean;
  /** How many rows differ: zero means the role is aligned on every tenant that has it. */
  readonly differences: number;
}

/**
 * Lines up one role (same name) across tenants: every object and system
 * operation any of them grants, with what each tenant grants, and where
 * they differ — admins keep tenants aligned with this.
 */
export function compareRoles(roles: readonly ComparedRole[]): RoleComparison {
  const objects = [...new Set(roles.flatMap((r) => r.privileges.objects.map((o) => o.object)))].sort((a, b) => a.localeCompare(b));
  const system = [...new Set(roles.flatMap((r) => r.privileges.system))].sort((a, b) => a.localeCompare(b));
  const rows: ComparisonRow[] = [];
  for (const object of objects) {
    const cells = roles.map((r) => {
      const grant = r.privileges.objects.find((o) => o.object === object);
      return grant ? operations.filter((op) => grant[op]) : [];
    });
    rows.push({ kind: 'object', name: object, cells, differs: new Set(cells.map((c) => c.join())).size > 1 });
  }
  for (const operation of system) {
    const cells = roles.map((r) => r.privileges.system.includes(operation));
    rows.push({ kind: 'system', name: operation, cells, differs: new Set(cells).size > 1 });
  }
  return { rows, pathDiffers: new Set(roles.map((r) => r.path)).size > 1, differences: rows.filter((r) => r.differs).length };
}
