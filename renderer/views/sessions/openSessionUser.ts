import type { ConnectionView } from '../../../shared/connections.ts';
import { useInventoryStore } from '../../state/inventoryStore.ts';
import { useUiStore } from '../../state/uiStore.ts';

/** A user as the dashboards name it. */
export interface LabelledUser {
  readonly key: string;
  readonly name: string;
  readonly tenant: ConnectionView | undefined;
  readonly tenantName: string;
  /** Only one tenant is on screen: its name need not follow every user's. */
  readonly oneTenant: boolean;
}

export type UserLabel = (key: string) => LabelledUser;

/** Drill-down: a technical user's Sessions tab, on a given day if there is one. */
export function openSessionUser(key: string, date?: string): void {
  useInventoryStore.getState().open({ kind: 'user', key, tab: 'sessions', ...(date ? { sessionDate: date } : {}) });
  useUiStore.getState().navigate('technical-users');
}
