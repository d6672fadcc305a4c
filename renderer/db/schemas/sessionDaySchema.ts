import type { RxJsonSchema } from 'rxdb';
import type { SessionDay } from '../../../shared/api/sessions.ts';
import type { LocalDocument } from '../../../shared/sync/localDocuments.ts';
import { compositePrimaryKey, localKeyFields } from './common.ts';

export type LocalSessionDay = LocalDocument<SessionDay>;

export const sessionDaySchema: RxJsonSchema<LocalSessionDay> = {
  title: 'daily session aggregates of all tenants',
  version: 0,
  primaryKey: compositePrimaryKey,
  type: 'object',
  properties: {
    ...localKeyFields,
    technicalUserId: { type: 'string', maxLength: 128 },
    date: { type: 'string', maxLength: 10 },
    sessions: { type: 'number' },
    requests: { type: 'number' },
    failures: { type: 'number' },
    clients: { type: 'number' },
    updatedAt: { type: 'string' },
  },
  required: ['key', 'tenantId', 'id', 'technicalUserId', 'date', 'localChangedAt'],
  indexes: [['tenantId', 'technicalUserId', 'date'], 'date'],
} as unknown as RxJsonSchema<LocalSessionDay>;
