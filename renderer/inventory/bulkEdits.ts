import { workingTokens, type InventoryRow } from '../../shared/console/inventoryRow.ts';
import { saveTechnicalUser, type EditTarget } from '../sync/localEdits.ts';
import type { InventoryIndex } from './inventoryIndex.ts';
import { nameKey } from '../../shared/rules/technicalUserRules.ts';

export type BulkChange = { readonly kind: 'active'; readonly active: boolean } | { readonly kind: 'addRole' | 'removeRole'; readonly roleName: string };

/** What a bulk change will do before it runs: who changes, who is left as is, and why. */
export interface BulkPlan {
  readonly changes: ReadonlyArray<{ readonly row: InventoryRow; readonly fields: { active?: boolean; roleIds?: string[] } }>;
  /** Already as asked (no change needed). */
  readonly unchanged: number;
  /** Tenants where no role of that name exists (their users are skipped). */
  readonly skippedTenants: ReadonlyMap<string, number>;
}

/**
 * Plans a bulk change. A role is matched by name on each user's own
 * tenant, never the root role (technical users cannot join it).
 */
export function planBulkChange(rows: readonly InventoryRow[], change: BulkChange, index: InventoryIndex, rootRoleIdOf: (tenantId: string) => string | null): BulkPlan {
  const changes: Array<BulkPlan['changes'][number]> = [];
  const skippedTenants = new Map<string, number>();
  let unchanged = 0;
  const wanted = change.kind === 'active' ? '' : nameKey(change.roleName);
  const roleIdOn = new Map<string, string | null>();
  const findRole = (tenantId: string) => {
    if (!roleIdOn.has(tenantId)) {
      const root = rootRoleIdOf(tenantId);
      const role = index.rolesOf(tenantId).find((r) => r.id !== root && r.parentId !== null && nameKey(r.name) === wanted);
      roleIdOn.set(tenantId, role?.id ?? null);
    }
    return roleIdOn.get(tenantId)!;
  };
  for (const row of rows) {
    if (change.kind === 'active') {
      if (row.active === change.active) unchanged += 1;
      else changes.push({ row, fields: { active: change.active } });
      continue;
    }
    const roleId = findRole(row.tenantId);
    if (!roleId) {
      skippedTenants.set(row.tenantId, (skippedTenants.get(row.tenantId) ?? 0) + 1);
      continue;
    }
    const has = row.roleIds.includes(roleId);
    if (change.kind === 'addRole' ? has : !has) unchanged += 1;
    else changes.push({ row, fields: { roleIds: change.kind === 'addRole' ? [...row.roleIds, roleId] : row.roleIds.filter((id) => id !== roleId) } });
  }
  return { changes, unchanged, skippedTenants };
}

/** What a plan takes away, per tenant and in all: users that change, and their tokens that work now (refused once a user is inactive). */
export interface AccessLoss {
  readonly users: number;
  readonly workingTokens: number;
  readonly byTenant: ReadonlyArray<{ readonly tenantId: string; readonly users: number; readonly workingTokens: number }>;
}

export function accessLossOf(plan: BulkPlan, now: number): AccessLoss {
  const byTenant = new Map<string, { tenantId: string; users: number; workingTokens: number }>();
  let tokens = 0;
  for (const { row } of plan.changes) {
    const entry = byTenant.get(row.tenantId) ?? { tenantId: row.tenantId, users: 0, workingTokens: 0 };
    const working = workingTokens(row, now);
    entry.users += 1;
    entry.workingTokens += working;
    tokens += working;
    byTenant.set(row.tenantId, entry);
  }
  return { users: plan.changes.length, workingTokens: tokens, byTenant: [...byTenant.values()].sort((a, b) => b.users - a.users) };
}

/** Carries a plan out through the local replica (each change pending until its tenant takes it); reports progress. */
export async function applyBulkPlan(target: EditTarget, plan: BulkPlan, onProgress: (done: number, total: number) => void): Promise<{ done: number; failed: Array<{ name: string; reason: string }> }> {
  const failed: Array<{ name: string; reason: string }> = [];
  let done = 0;
  for (const { row, fields } of plan.changes) {
    try {
      await saveTechnicalUser(target, row.tenantId, row.id, fields);
      done += 1;
    } catch (error) {
      failed.push({ name: row.name, reason: error instanceof Error ? error.message : String(error) });
    }
    if ((done + failed.length) % 25 === 0) onProgress(done + failed.length, plan.changes.length);
  }
  onProgress(plan.changes.length, plan.changes.length);
  return { done, failed };
}
