import { localKey } from '../../../shared/sync/localDocuments.ts';

/** A technical user as the local copy holds it after a sync, for tests; `extra` overrides any field. */
export const localUser = (tenantId: string, id: string, name: string, extra: Record<string, unknown> = {}) => ({
  key: localKey(tenantId, id),
  tenantId,
  id,
  name,
  description: '',
  kind: 'integration',
  category: 'Programmatic user',
  dataFields: [],
  language: 'en',
  timeZone: 'UTC',
  notificationEmail: null,
  subscriptions: [],
  active: true,
  permissionRole: 'member',
  customRoles: [],
  accessControlEntities: [],
  roleIds: [],
  externalAuthId: null,
  serverRevision: 1,
  localChangedAt: 0,
  ...extra,
});
