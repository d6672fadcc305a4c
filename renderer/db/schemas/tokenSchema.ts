import type { RxJsonSchema } from 'rxdb';
import type { ApiToken } from '../../../shared/api/tokens.ts';
import type { LocalDocument } from '../../../shared/sync/localDocuments.ts';
import { actorSchema, compositePrimaryKey, localKeyFields } from './common.ts';

/** Token metadata only: the secret exists nowhere but in the reveal window. */
export type LocalToken = LocalDocument<ApiToken>;

export const tokenSchema: RxJsonSchema<LocalToken> = {
  title: 'API token metadata of all tenants',
  version: 0,
  primaryKey: compositePrimaryKey,
  type: 'object',
  properties: {
    ...localKeyFields,
    technicalUserId: { type: 'string', maxLength: 128 },
    label: { type: 'string' },
    prefix: { type: 'string' },
    createdAt: { type: 'string' },
    createdBy: actorSchema,
    expiresAt: { type: 'string', maxLength: 32 },
    lastUsedAt: { type: ['string', 'null'] },
    lastAttemptAt: { type: ['string', 'null'] },
    status: { type: 'string' },
    replacedBy: { type: ['string', 'null'] },
    updatedAt: { type: 'string' },
  },
  required: ['key', 'tenantId', 'id', 'technicalUserId', 'expiresAt', 'localChangedAt'],
  indexes: [['tenantId', 'technicalUserId'], 'expiresAt'],
} as unknown as RxJsonSchema<LocalToken>;
