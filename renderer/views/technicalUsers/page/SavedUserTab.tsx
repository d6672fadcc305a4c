import { lazy, Suspense } from 'react';
import type { Privileges } from '../../../../shared/api/roles.ts';
import type { ConnectionView } from '../../../../shared/connections.ts';
import { unsupportedOn } from '../../../../shared/connectors.ts';
import { effectivePermissionsOf } from '../../../../shared/rules/effectivePermissions.ts';
import type { InventoryIndex } from '../../../inventory/inventoryIndex.ts';
import type { UserPageTab } from '../../../state/inventoryStore.ts';
import type { LocalReplica } from '../../../sync/localReplica.ts';
import { UserTokensPanel } from '../../tokens/UserTokensPanel.tsx';
import { UserHistory } from './UserHistory.tsx';

// The chart library loads with the Sessions tab, not with the page.
const UserSessionsPanel = lazy(() => import('../../sessions/UserSessionsPanel.tsx').then((m) => ({ default: m.UserSessionsPanel })));

/**
 * The tabs of a saved technical user that show what the tenant has — its
 * tokens, sessions and history — from the saved user, never from unsaved
 * edits on the Details tab (what a token can do is what is saved).
 */
export function SavedUserTab(props: {
  tab: Exclude<UserPageTab, 'details' | 'permissions'>;
  replica: LocalReplica;
  index: InventoryIndex;
  connection: ConnectionView | undefined;
  tenantId: string;
  user: { id: string; name: string; active: boolean; roleIds: readonly string[] };
  privilegesById: ReadonlyMap<string, Privileges>;
  sessionDate: string | undefined;
}) {
  const { replica, index, connection, tenantId, user } = props;
  // Where a person looks for it, the tab says once what this tenant's connector cannot do.
  const unsupported = unsupportedOn(connection, props.tab === 'tokens' ? 'tokens' : props.tab === 'sessions' ? 'sessions' : 'audit');
  if (unsupported) {
    return (
      <p className="muted empty-inline" role="status">
        {unsupported}
      </p>
    );
  }
  if (props.tab === 'tokens') {
    return (
      <UserTokensPanel
        replica={replica}
        connection={connection}
        user={{ tenantId, id: user.id, name: user.name, active: user.active }}
        permissions={effectivePermissionsOf(user.roleIds, (id) => props.privilegesById.get(id))}
        roleNames={user.roleIds.map((id) => index.role(tenantId, id)?.name ?? id)}
      />
    );
  }
  if (props.tab === 'sessions') {
    return (
      <Suspense fallback={<p className="muted empty-inline">Loading the chart…</p>}>
        <UserSessionsPanel replica={replica} connection={connection} tenantId={tenantId} userId={user.id} userName={user.name} initialDate={props.sessionDate} />
      </Suspense>
    );
  }
  return <UserHistory replica={replica} index={index} tenantId={tenantId} userId={user.id} />;
}
