import { useMemo } from 'react';
import type { Privileges } from '../../../../shared/api/roles.ts';
import type { ConnectionView } from '../../../../shared/connections.ts';
import { planUsage, type PlanFacts } from '../../../../shared/rules/technicalUserRules.ts';
import type { TesseraDatabase } from '../../../db/database.ts';
import type { InventoryIndex } from '../../../inventory/inventoryIndex.ts';
import { useQuery } from '../../../sync/useDatabase.ts';
import { rootRoleIdOf } from '../inventory/BulkActions.tsx';

/** What the technical-user form checks against on the chosen tenant: plans, its users (names), its root role and its roles' privileges. */
export function useTenantFormFacts(db: TesseraDatabase, index: InventoryIndex, connections: readonly ConnectionView[], tenantId: string) {
  const all = index.all();
  const plansByTenant = useMemo(() => {
    const map = new Map<string, PlanFacts>();
    for (const c of connections) if (c.tenant) map.set(c.id, planUsage(all.filter((r) => r.tenantId === c.id), c.tenant.plan.technicalUserLimit));
    return map;
  }, [connections, all]);
  const tenantUsers = useMemo(() => all.filter((r) => r.tenantId === tenantId), [all, tenantId]);
  // The tenant's roles with their privileges, for the live effective-permissions preview.
  const tenantRoles = useQuery(db.roles, { selector: { tenantId } }, [tenantId]);
  const privilegesById = useMemo(() => new Map((tenantRoles ?? []).map((r) => [r.id, r.privileges as Privileges])), [tenantRoles]);
  return { plansByTenant, tenantUsers, privilegesById, rootRoleId: rootRoleIdOf(connections, index)(tenantId) };
}
