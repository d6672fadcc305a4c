import { useEffect } from 'react';
import { datesEnding, latestToday, sessionsLookbackDays } from '../../../shared/console/sessionFacts.ts';
import { inventoryIndexFor } from '../../inventory/inventoryIndex.ts';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { startLocalReplica } from '../../sync/useDatabase.ts';

/** How long after the inventory's full index the session-days are read ahead (typing then is left alone). */
const afterIndexMs = 3_000;

/**
 * Reads the Sessions dashboard's session-days ahead, once the start is over
 * and the window is idle: the store keeps the answer until session-days
 * change, so opening Sessions does not wait for IndexedDB (README,
 * "Performance"). Best effort: a failure here only means the dashboard
 * reads them itself.
 */
export function useSessionsPrefetch(): void {
  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let idle: number | null = null;
    void startLocalReplica()
      .then(({ replica }) => inventoryIndexFor(replica).ready.then(() => replica))
      .then((replica) => {
        if (!active) return;
        timer = setTimeout(() => {
          idle = requestIdleCallback(
            () => {
              const { connections } = useConnectionsStore.getState();
              if (!active || connections.length === 0) return;
              const today = latestToday(connections.map((c) => c.tenant?.timeZone ?? 'UTC'), Date.now());
              void replica.pages.sessionDays.since(datesEnding(today, sessionsLookbackDays)[0]!).catch(() => undefined);
            },
            { timeout: 10_000 },
          );
        }, afterIndexMs);
      })
      .catch(() => undefined);
    return () => {
      active = false;
      if (timer !== null) clearTimeout(timer);
      if (idle !== null) cancelIdleCallback(idle);
    };
  }, []);
}
