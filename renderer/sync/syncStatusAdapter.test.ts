import { Subject } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SyncEvent } from './syncEvents.ts';
import { foldSyncEvents } from './syncStatusAdapter.ts';
import { useSyncStatusStore } from '../state/syncStatusStore.ts';

describe('foldSyncEvents', () => {
  beforeEach(() => useSyncStatusStore.setState({ byTenant: {} }));

  it('folds the engine’s events into the status store: phase, progress, errors with codes, up to date, removal', () => {
    const events = new Subject<SyncEvent>();
    const subscription = foldSyncEvents(events);
    events.next({ type: 'phase', tenantId: 'a', phase: 'initial' });
    events.next({ type: 'received', tenantId: 'a', collection: 'tokens', count: 1000 });
    events.next({ type: 'received', tenantId: 'a', collection: 'audit', count: 500 });
    expect(useSyncStatusStore.getState().byTenant.a).toMatchObject({ phase: 'initial', received: 1500, initialDone: false });
    events.next({ type: 'error', tenantId: 'a', source: 'pull', error: { code: 'tenant_timeout', message: 'Acme did not answer within 15 s.' } });
    expect(useSyncStatusStore.getState().byTenant.a?.error).toEqual({ code: 'tenant_timeout', message: 'Acme did not answer within 15 s.' });
    events.next({ type: 'synced', tenantId: 'a', at: 1234 });
    expect(useSyncStatusStore.getState().byTenant.a).toMatchObject({ phase: 'live', initialDone: true, lastSyncedAt: 1234, error: null });
    events.next({ type: 'removed', tenantId: 'a' });
    expect(useSyncStatusStore.getState().byTenant.a).toBeUndefined();
    subscription.unsubscribe();
  });
});
