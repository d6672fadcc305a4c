import { useMemo } from 'react';
import { bridge } from '../bridge.ts';
import { readPlain } from '../db/storageRead.ts';
import type { LocalReplica } from '../sync/localReplica.ts';
import { useConnectionsStore } from '../state/connectionsStore.ts';
import { sweepStore } from '../state/sweepStore.ts';
import { createOffboardingSweep, type OffboardingSweep, type SweepDocument } from './offboardingSweep.ts';

/** The app's offboarding sweep over this replica: tenants through main, connections and progress from their stores. */
export function useOffboardingSweep(replica: Pick<LocalReplica, 'db' | 'pages'>): OffboardingSweep {
  return useMemo(
    () =>
      createOffboardingSweep({
        people: bridge().people,
        connections: () => useConnectionsStore.getState().connections,
        localCopy: {
          technicalUsers: () => readPlain<unknown, SweepDocument>(replica.db.technicalusers as never),
          tokens: () => replica.pages.tokens.all() as Promise<unknown[]> as Promise<SweepDocument[]>,
        },
        store: sweepStore,
      }),
    [replica],
  );
}
