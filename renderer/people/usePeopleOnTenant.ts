import { useEffect, useMemo, useState } from 'react';
import type { Employee } from '../../shared/api/employees.ts';
import { bridge } from '../bridge.ts';
import { useTenantRead, type TenantRead } from '../shell/useTenantRead.ts';
import { createIntegrationsReader, type OwnedIntegrations } from './integrationsReader.ts';

/** How many people's integrations are read at once. */
const parallel = 4;
/** A search beyond a truncated list asks the tenant after this pause in typing. */
const searchPauseMs = 250;

export interface PeopleOnTenant {
  readonly list: TenantRead<{ people: Employee[]; truncated: boolean }>;
  /** Reads the list again (after an action, or "Try again"). */
  readonly reload: () => void;
  /** What is known of one person's integrations (undefined: not read yet). */
  readonly integrationsOf: (personId: string) => OwnedIntegrations | undefined;
  /** Reads the integrations of these people (the chosen one first), a few at a time. */
  readonly want: (personIds: readonly string[]) => void;
  /** After an action on a person: the list again, and that person's integrations (nobody else's changed). */
  readonly changed: (personId: string) => void;
  /** What the tenant found for `query` when its list was cut (null until it answered). */
  readonly foundOnTenant: Employee[] | null;
  /** Why the tenant's search failed, if it did. */
  readonly searchFailed: string | null;
}

/**
 * People on one tenant, as the People view shows them: the list as the
 * tenant sent it, each drawn person's integrations through a fan-out, and a
 * search on the tenant when its list was cut. Employees live on the tenant,
 * so nothing is asked while it is offline.
 */
export function usePeopleOnTenant(tenantId: string, online: boolean, query: string): PeopleOnTenant {
  const asking = online && tenantId !== '';
  const { read: list, reload } = useTenantRead(asking ? tenantId : null, () => bridge().people.list({ connectionId: tenantId }));
  const reader = useMemo(() => createIntegrationsReader((ownerId) => bridge().people.integrations({ connectionId: tenantId, ownerId }), { parallel }), [tenantId]);
  const [, setKnown] = useState(0);
  useEffect(() => {
    const unsubscribe = reader.subscribe(() => setKnown((n) => n + 1));
    return () => {
      unsubscribe();
      reader.stop();
    };
  }, [reader]);
  // Whose integrations could not be read are asked again whenever the list is read again.
  const listed = list.state === 'ready' ? list.value : null;
  useEffect(() => {
    if (listed) reader.forgetFailed();
  }, [listed, reader]);

  const truncated = (list.state === 'ready' ? list.value : list.state === 'loading' ? list.last : null)?.truncated ?? false;
  const [found, setFound] = useState<{ key: string; people: Employee[] } | { key: string; error: string } | null>(null);
  const searchKey = `${tenantId}\n${query}`;
  useEffect(() => {
    if (!asking || !truncated || !query) return;
    let current = true;
    const timer = window.setTimeout(() => {
      void bridge()
        .people.list({ connectionId: tenantId, q: query })
        .then((result) => current && setFound(result.ok ? { key: `${tenantId}\n${query}`, people: result.value.people } : { key: `${tenantId}\n${query}`, error: result.error.message }));
    }, searchPauseMs);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [asking, truncated, query, tenantId]);

  const actions = useMemo(
    () => ({
      integrationsOf: (personId: string) => reader.of(personId),
      want: (personIds: readonly string[]) => {
        if (asking) reader.want(personIds);
      },
      changed: (personId: string) => {
        reader.forget(personId);
        reload();
      },
    }),
    [reader, asking, reload],
  );
  return {
    list,
    reload,
    ...actions,
    foundOnTenant: found?.key === searchKey && 'people' in found ? found.people : null,
    searchFailed: found?.key === searchKey && 'error' in found ? found.error : null,
  };
}
