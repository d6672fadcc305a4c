import type { z } from 'zod';
import { listEnvelope } from '../../../shared/api/common.ts';
import { employeeSchema, type Employee, type Integration, type TerminationResult } from '../../../shared/api/employees.ts';
import { humanUsersOnly } from '../../../shared/console/humanPicker.ts';
import type { TechnicalUser } from '../../../shared/api/technicalUsers.ts';
import type { ConnectionService } from '../connections/connectionService.ts';
import { onlineTenant } from '../tenants/tenantActions.ts';

/**
 * People and their integrations on a tenant: employees are not replicated
 * (the tenant is their home), so all of this needs the tenant online, and
 * termination is an immediate action the tenant carries out.
 */
export interface PeopleActions {
  list(request: { connectionId: string; q?: string | undefined }): Promise<{ people: Employee[]; truncated: boolean }>;
  integrations(request: { connectionId: string; ownerId: string }): Promise<Integration[]>;
  terminate(request: { connectionId: string; employeeId: string; integrations: 'preserve' | 'disable' }): Promise<TerminationResult>;
  transferApp(request: { connectionId: string; integrationId: string }): Promise<{ integration: Integration; systemUser: TechnicalUser }>;
  editIntegration(request: { connectionId: string; integrationId: string; actingUserId: string; name?: string | undefined; active?: boolean | undefined }): Promise<Integration>;
}

/** People lists are read in pages; past this many the answer says it was cut. */
const maxPeople = 5_000;

/**
 * The employee list as the tenant sent it, unknown fields kept: the usual
 * schema would strip `externalAuthId`, and with it the sign that an entry
 * is a technical or system user that must never be offered as a person.
 */
const rawPeoplePage = listEnvelope(employeeSchema.loose());

export function createPeopleActions(deps: { connections: ConnectionService }): PeopleActions {
  const client = (connectionId: string) => onlineTenant(deps.connections, connectionId).client;
  return {
    async list({ connectionId, q }) {
      const api = client(connectionId);
      const people: Employee[] = [];
      let cursor: string | null = null;
      do {
        const page = (await api.call('listEmployees', { query: { limit: 1000, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) }, responseSchema: rawPeoplePage })) as unknown as z.infer<typeof rawPeoplePage>;
        // People only, whatever the tenant answers (the renderer filters again against its local copy).
        people.push(...humanUsersOnly(page.items, new Set()));
        cursor = page.nextCursor;
      } while (cursor && people.length < maxPeople);
      return { people: people.slice(0, maxPeople), truncated: cursor !== null };
    },
    async integrations({ connectionId, ownerId }) {
      const api = client(connectionId);
      const all: Integration[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Integration[]; nextCursor: string | null } = await api.call('listEmployeeIntegrations', { params: { id: ownerId }, query: { limit: 1000, ...(cursor ? { cursor } : {}) } });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
    terminate: ({ connectionId, employeeId, integrations }) => client(connectionId).call('terminateEmployee', { params: { id: employeeId }, body: { integrations } }),
    transferApp: ({ connectionId, integrationId }) => client(connectionId).call('transferIntegration', { params: { id: integrationId } }),
    editIntegration: ({ connectionId, integrationId, actingUserId, name, active }) =>
      client(connectionId).call('patchIntegration', { params: { id: integrationId }, body: { actingUserId, ...(name !== undefined ? { name } : {}), ...(active !== undefined ? { active } : {}) } }),
  };
}
