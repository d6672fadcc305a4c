import type { Observable, Subscription } from 'rxjs';
import type { SyncEvent } from './syncEvents.ts';
import { useSyncStatusStore } from '../state/syncStatusStore.ts';

/**
 * Folds the sync engine's events into the status store the status bar and
 * the Sync view read (the engine itself knows nothing of React or stores).
 */
export function foldSyncEvents(events$: Observable<SyncEvent>, store = useSyncStatusStore): Subscription {
  return events$.subscribe((event) => {
    const state = store.getState();
    switch (event.type) {
      case 'phase':
        state.update(event.tenantId, { phase: event.phase, ...(event.phase === 'initial' ? { received: 0 } : {}) });
        break;
      case 'received':
        state.received(event.tenantId, event.count);
        if (state.byTenant[event.tenantId]?.phase === 'live') state.update(event.tenantId, { lastSyncedAt: Date.now() });
        break;
      case 'synced':
        state.update(event.tenantId, { phase: 'live', initialDone: true, lastSyncedAt: event.at, error: null });
        break;
      case 'pushed':
        state.update(event.tenantId, { lastSyncedAt: Date.now(), ...(event.accepted + event.conflicts + event.rejections > 0 ? { error: null } : {}) });
        break;
      case 'error':
        state.update(event.tenantId, { error: event.error });
        break;
      case 'removed':
        state.forget(event.tenantId);
        break;
      case 'caught-up':
      case 'pending':
      case 'conflict':
      case 'rejection':
        // Counted live from the ledger and the sync notes by the views themselves.
        break;
    }
  });
}
