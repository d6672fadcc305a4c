import { listEnvelope } from '../../../shared/api/common.ts';
import { employeeSchema } from '../../../shared/api/employees.ts';
import { humanUsersOnly } from '../../../shared/console/humanPicker.ts';
import type { ServiceCall } from '../../../shared/ipc/contract.ts';
import type { TenantPort } from '../connections/tenantPort.ts';
import { readAllPages } from '../tenantApi/readAllPages.ts';

/**
 * People and their integrations on a tenant (the `people:*` commands):
 * employees are not replicated (the tenant is their home), so all of this
 * needs the tenant online, and termination is an immediate action the
 * tenant carries out.
 */
export interface PeopleActions {
  list: ServiceCall<'people:list'>;
  integrations: ServiceCall<'people:integrations'>;
  terminate: ServiceCall<'people:terminate'>;
  transferApp: ServiceCall<'people:transferApp'>;
  editIntegration: ServiceCall<'people:editIntegration'>;
}

/** People lists are read in pages; past this many the answer says it was cut. */
const maxPeople = 5_000;

/**
 * The employee list as the tenant sent it, unknown fields kept: the usual
 * schema would strip `externalAuthId`, and with it the sign that an entry
 * is a technical or system user that must never be offered as a person.
 */
const rawPeoplePage = listEnvelope(employeeSchema.loose());

export function createPeopleActions(deps: { tenants: TenantPort }): PeopleActions {
  const client = (connectionId: string) => deps.tenants.reach(connectionId).client;
  return {
    async list({ connectionId, q }) {
      const api = client(connectionId);
      const { items, truncated } = await readAllPages(
        async (cursor) => {
          const page = await api.call('listEmployees', { query: { limit: 1000, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) }, responseSchema: rawPeoplePage });
          // People only, whatever the tenant answers (the renderer filters again against its local copy).
          return { items: humanUsersOnly(page.items, new Set()), nextCursor: page.nextCursor };
        },
        { maxItems: maxPeople },
      );
      return { people: items, truncated };
    },
    async integrations({ connectionId, ownerId }) {
      const api = client(connectionId);
      const { items } = await readAllPages((cursor) => api.call('listEmployeeIntegrations', { params: { id: ownerId }, query: { limit: 1000, ...(cursor ? { cursor } : {}) } }));
      return items;
    },
    terminate: ({ connectionId, employeeId, integrations }) => client(connectionId).call('terminateEmployee', { params: { id: employeeId }, body: { integrations } }),
    transferApp: ({ connectionId, integrationId }) => client(connectionId).call('transferIntegration', { params: { id: integrationId } }),
    editIntegration: ({ connectionId, integrationId, actingUserId, name, active }) =>
      client(connectionId).call('patchIntegration', { params: { id: integrationId }, body: { actingUserId, ...(name !== undefined ? { name } : {}), ...(active !== undefined ? { active } : {}) } }),
  };
}
