import { describe, expect, it } from 'vitest';
import type { Reachability } from '../connections/reachabilityMonitor.ts';
import type { StoredConnection } from '../settings/storedSettings.ts';
import { createTenantApiPort } from '../tenantApi/tenantApiPort.ts';
import type { TenantClient } from '../tenantApi/tenantClient.ts';
import { createPeopleActions } from './peopleActions.ts';

const person = (id: string, extra: Record<string, unknown> = {}) => ({ id, firstName: 'Maya', lastName: id, email: `${id}@acme.example`, roleIds: [], language: 'en', timeZone: 'UTC', active: true, ...extra });

/** One online tenant whose client answers the people list with what the test gives (this test is about the filter). */
function actions(items: unknown[]) {
  const tenants = createTenantApiPort({
    connections: { list: () => [{ id: 'conn', displayName: 'Acme' } as StoredConnection] },
    reachability: { of: () => ({ state: 'connected' }) as Reachability },
    clients: { client: () => ({ call: async () => ({ items, nextCursor: null }) }) as unknown as TenantClient, forget: () => undefined },
  });
  return createPeopleActions({ tenants });
}

describe('people actions', () => {
  it('never hands a technical or system user over as a person, whatever the tenant sends', async () => {
    const listed = await actions([person('p1'), person('sys', { externalAuthId: 'rest_system' }), { id: 'broken' }, person('p2', { externalAuthId: null })]).list({ connectionId: 'conn' });
    expect(listed.people.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(listed.people[1]).not.toHaveProperty('externalAuthId');
  });
});
