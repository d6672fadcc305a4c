import { localKey } from '../../../shared/sync/localDocuments.ts';
import { newTechnicalUserDefaults } from '../../../shared/api/technicalUsers.ts';

/** A technical user as the local copy holds it after a sync, for tests; `extra` overrides any field. */
export const localUser = (tenantId: string, id: string, name: string, extra: Record<string, unknown> = {}) => ({
  key: localKey(tenantId, id),
  tenantId,
  id,
  name,
  ...newTechnicalUserDefaults('UTC'),
  category: 'Programmatic user',
  permissionRole: 'member',
  externalAuthId: null,
  serverRevision: 1,
  localChangedAt: 0,
  ...extra,
});
