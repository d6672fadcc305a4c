import { useEffect } from 'react';
import { cachedHeatmapOf, sessionsDays } from '../../../shared/console/sessionFacts.ts';
import { inventoryIndexFor } from '../../inventory/inventoryIndex.ts';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { startLocalReplica } from '../../sync/useDatabase.ts';
import { loadSessionsView } from './sessionsSection.tsx';

/** How long after the inventory's full index the work ahead begins (the start's own last frames go first). */
const afterIndexMs = 500;

/**
 * Gets the Sessions dashboard ready ahead, once the start is over, one step
 * per idle period — its code (ECharts with it), the session-days (the store
 * keeps them until they change), the heatmap it opens with — so that the
 * first click on Sessions waits for none of them (README, "The console").
 * Best effort: a step that fails only means the dashboard does it itself.
 */
export function useSessionsPrefetch(): void {
  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let idle: number | null = null;
    const whenIdle = (step: () => void) => {
      idle = requestIdleCallback(() => active && step(), { timeout: 2_000 });
    };
    void startLocalReplica()
      .then(({ replica }) => inventoryIndexFor(replica).ready.then(() => replica))
      .then((replica) => {
        if (!active) return;
        timer = setTimeout(() =>
          whenIdle(() => {
            if (useConnectionsStore.getState().connections.length === 0) return;
            void loadSessionsView()
              .catch(() => undefined)
              .then(() =>
                whenIdle(() => {
                  const { since, dates } = sessionsDays(useConnectionsStore.getState().connections.map((c) => c.tenant?.timeZone ?? 'UTC'), Date.now());
                  void replica.pages.sessionDays
                    .since(since)
                    .then((days) => whenIdle(() => cachedHeatmapOf(days, dates, 'requests')))
                    .catch(() => undefined);
                }),
              );
          }),
        afterIndexMs);
      })
      .catch(() => undefined);
    return () => {
      active = false;
      if (timer !== null) clearTimeout(timer);
      if (idle !== null) cancelIdleCallback(idle);
    };
  }, []);
}
