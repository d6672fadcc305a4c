import { z } from 'zod';
import { auditEntrySchema, auditQuerySchema } from './audit.ts';
import { listEnvelope, listQuerySchema, type ApiErrorCode, type Scope } from './common.ts';
import {
  employeeSchema,
  employeesQuerySchema,
  integrationPatchSchema,
  integrationSchema,
  terminateSchema,
  terminationResultSchema,
  transferResultSchema,
} from './employees.ts';
import { objectRecordInputSchema, objectRecordSchema, objectRecordsSchema, whoamiSchema } from './integration.ts';
import { oauthTokenRequestSchema, oauthTokenResponseSchema } from './oauth.ts';
import {
  checkpointSchema,
  pullQuerySchema,
  pushBodySchema,
  rejectionSchema,
  replicatedDocumentSchemas,
} from './replication.ts';
import { roleCreateSchema, rolePatchSchema, roleSchema } from './roles.ts';
import { dailySessionsQuerySchema, sessionDaySchema, sessionSchema, sessionsByDateQuerySchema } from './sessions.ts';
import {
  effectivePermissionsSchema,
  technicalUserCreateSchema,
  technicalUserPatchSchema,
  technicalUserSchema,
} from './technicalUsers.ts';
import { tenantInfoSchema } from './tenant.ts';
import {
  apiTokenSchema,
  issuedTokenSchema,
  replacedTokenSchema,
  tokenIssueSchema,
  tokenPatchSchema,
  tokenReplaceSchema,
} from './tokens.ts';

/**
 * Tenant Admin API v1, route by route: the one description both the
 * reference server (routing, validation) and the console's tenant client
 * (typed calls, response validation) use, and from which the served
 * OpenAPI document is generated.
 */
export type Auth = 'none' | 'client' | 'admin' | 'integration';

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly summary: string;
  readonly auth: Auth;
  readonly scope?: Scope;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** `form` for `application/x-www-form-urlencoded` (OAuth), JSON otherwise. */
  readonly bodyKind?: 'json' | 'form';
  /** Larger body limit (replication push). */
  readonly maxBodyBytes?: number;
  /** Honours `If-Match: "<revision>"`. */
  readonly ifMatch?: boolean;
  /** Success responses by status; null means no body. */
  readonly responses: Readonly<Record<number, z.ZodType | null>>;
  /** Error codes this route can answer with (beyond the ones every route has). */
  readonly errors: readonly ApiErrorCode[];
  /** `text/event-stream` instead of JSON. */
  readonly stream?: boolean;
}

const list = listEnvelope;
const replicatedDocument = z.union([
  replicatedDocumentSchemas['technical-users'],
  replicatedDocumentSchemas.roles,
  replicatedDocumentSchemas.tokens,
  replicatedDocumentSchemas['session-days'],
  replicatedDocumentSchemas.audit,
]);
export const oneMiB = 1024 * 1024;

const technicalUsersQuery = listQuerySchema.extend({ q: z.string().max(200).optional() });
const deleteTechnicalUserQuery = z.object({ confirmLast: z.enum(['true', 'false']).optional() });

export const routes = {
  getOpenApi: { method: 'GET', path: '/api/v1/openapi.json', summary: 'This document', auth: 'none', responses: { 200: z.record(z.string(), z.unknown()) }, errors: [] },
  oauthToken: {
    method: 'POST',
    path: '/oauth/token',
    summary: 'OAuth 2.0 client credentials: admin clients, or a technical user\'s API token exchanged for an access token',
    auth: 'client',
    body: oauthTokenRequestSchema,
    bodyKind: 'form',
    responses: { 200: oauthTokenResponseSchema },
    errors: ['invalid_request'],
  },
  getTenant: { method: 'GET', path: '/api/v1/tenant', summary: 'Tenant, plan, root role, token policy, counts, technical tasks', auth: 'admin', scope: 'admin:read', responses: { 200: tenantInfoSchema }, errors: [] },

  listTechnicalUsers: { method: 'GET', path: '/api/v1/technical-users', summary: 'Technical users; q matches name, description and data-field values', auth: 'admin', scope: 'admin:read', query: technicalUsersQuery, responses: { 200: list(technicalUserSchema) }, errors: ['validation_failed'] },
  createTechnicalUser: { method: 'POST', path: '/api/v1/technical-users', summary: 'Create a technical user (no role is assigned automatically)', auth: 'admin', scope: 'admin:write', body: technicalUserCreateSchema, responses: { 201: technicalUserSchema, 200: technicalUserSchema }, errors: ['validation_failed', 'name_taken', 'subscription_limit', 'root_role_forbidden'] },
  getTechnicalUser: { method: 'GET', path: '/api/v1/technical-users/{id}', summary: 'One technical user', auth: 'admin', scope: 'admin:read', responses: { 200: technicalUserSchema }, errors: ['not_found'] },
  patchTechnicalUser: { method: 'PATCH', path: '/api/v1/technical-users/{id}', summary: 'Change a technical user', auth: 'admin', scope: 'admin:write', body: technicalUserPatchSchema, ifMatch: true, responses: { 200: technicalUserSchema }, errors: ['not_found', 'validation_failed', 'name_taken', 'root_role_forbidden', 'revision_mismatch', 'subscription_limit'] },
  deleteTechnicalUser: { method: 'DELETE', path: '/api/v1/technical-users/{id}', summary: 'Delete a technical user and its tokens', auth: 'admin', scope: 'admin:write', query: deleteTechnicalUserQuery, ifMatch: true, responses: { 204: null }, errors: ['not_found', 'last_technical_user', 'revision_mismatch'] },
  getEffectivePermissions: { method: 'GET', path: '/api/v1/technical-users/{id}/effective-permissions', summary: 'What a token of this user can do: direct roles only', auth: 'admin', scope: 'admin:read', responses: { 200: effectivePermissionsSchema }, errors: ['not_found'] },
  getTechnicalUserHistory: { method: 'GET', path: '/api/v1/technical-users/{id}/history', summary: 'Audit entries of a technical user, newest first', auth: 'admin', scope: 'admin:read', query: listQuerySchema, responses: { 200: list(auditEntrySchema) }, errors: ['not_found'] },

  listRoles: { method: 'GET', path: '/api/v1/roles', summary: 'Roles', auth: 'admin', scope: 'admin:read', query: listQuerySchema, responses: { 200: list(roleSchema) }, errors: [] },
  createRole: { method: 'POST', path: '/api/v1/roles', summary: 'Create a role under a parent', auth: 'admin', scope: 'admin:write', body: roleCreateSchema, responses: { 201: roleSchema, 200: roleSchema }, errors: ['validation_failed', 'name_taken'] },
  getRole: { method: 'GET', path: '/api/v1/roles/{id}', summary: 'One role', auth: 'admin', scope: 'admin:read', responses: { 200: roleSchema }, errors: ['not_found'] },
  patchRole: { method: 'PATCH', path: '/api/v1/roles/{id}', summary: 'Rename, move or change privileges of a role', auth: 'admin', scope: 'admin:write', body: rolePatchSchema, ifMatch: true, responses: { 200: roleSchema }, errors: ['not_found', 'validation_failed', 'name_taken', 'root_role_protected', 'revision_mismatch'] },
  deleteRole: { method: 'DELETE', path: '/api/v1/roles/{id}', summary: 'Delete a role; it is removed from every member', auth: 'admin', scope: 'admin:write', ifMatch: true, responses: { 204: null }, errors: ['not_found', 'root_role_protected', 'revision_mismatch'] },

  listTokens: { method: 'GET', path: '/api/v1/technical-users/{id}/tokens', summary: 'API tokens of a technical user (metadata only)', auth: 'admin', scope: 'admin:read', query: listQuerySchema, responses: { 200: list(apiTokenSchema) }, errors: ['not_found'] },
  issueToken: { method: 'POST', path: '/api/v1/technical-users/{id}/tokens', summary: 'Issue an API token; the secret is in this response only', auth: 'admin', scope: 'tokens:issue', body: tokenIssueSchema, responses: { 201: issuedTokenSchema }, errors: ['not_found', 'validation_failed', 'user_inactive', 'expiry_too_far'] },
  replaceToken: { method: 'POST', path: '/api/v1/tokens/{id}/replace', summary: 'Replace a token, optionally keeping the old one working for an overlap', auth: 'admin', scope: 'tokens:issue', body: tokenReplaceSchema, responses: { 201: replacedTokenSchema }, errors: ['not_found', 'validation_failed', 'user_inactive', 'expiry_too_far'] },
  patchToken: { method: 'PATCH', path: '/api/v1/tokens/{id}', summary: 'Change a token\'s expiry (same secret)', auth: 'admin', scope: 'admin:write', body: tokenPatchSchema, ifMatch: true, responses: { 200: apiTokenSchema }, errors: ['not_found', 'validation_failed', 'expiry_too_far', 'revision_mismatch'] },
  revokeToken: { method: 'DELETE', path: '/api/v1/tokens/{id}', summary: 'Revoke a token', auth: 'admin', scope: 'admin:write', responses: { 204: null }, errors: ['not_found'] },

  listDailySessions: { method: 'GET', path: '/api/v1/sessions/daily', summary: 'Daily session aggregates (dates in the tenant\'s time zone; at most 366 days)', auth: 'admin', scope: 'admin:read', query: dailySessionsQuerySchema, responses: { 200: list(sessionDaySchema) }, errors: ['validation_failed'] },
  listSessions: { method: 'GET', path: '/api/v1/technical-users/{id}/sessions', summary: 'Sessions of a technical user on one date', auth: 'admin', scope: 'admin:read', query: sessionsByDateQuerySchema, responses: { 200: list(sessionSchema) }, errors: ['not_found', 'validation_failed'] },

  listAudit: { method: 'GET', path: '/api/v1/audit', summary: 'Audit entries, newest first', auth: 'admin', scope: 'admin:read', query: auditQuerySchema, responses: { 200: list(auditEntrySchema) }, errors: [] },

  listEmployees: { method: 'GET', path: '/api/v1/users', summary: 'Human users only — never technical or system users', auth: 'admin', scope: 'admin:read', query: employeesQuerySchema, responses: { 200: list(employeeSchema) }, errors: [] },
  listEmployeeIntegrations: { method: 'GET', path: '/api/v1/users/{id}/integrations', summary: 'Webhooks and apps an employee owns', auth: 'admin', scope: 'admin:read', query: listQuerySchema, responses: { 200: list(integrationSchema) }, errors: ['not_found'] },
  terminateEmployee: { method: 'POST', path: '/api/v1/users/{id}/terminate', summary: 'Terminate an employee, preserving or disabling their integrations', auth: 'admin', scope: 'employees:manage', body: terminateSchema, responses: { 200: terminationResultSchema }, errors: ['not_found', 'validation_failed'] },
  transferIntegration: { method: 'POST', path: '/api/v1/integrations/{id}/transfer-to-system-user', summary: 'Hand an app over to its own system user', auth: 'admin', scope: 'employees:manage', responses: { 200: transferResultSchema }, errors: ['not_found', 'not_transferable', 'validation_failed'] },
  patchIntegration: { method: 'PATCH', path: '/api/v1/integrations/{id}', summary: 'Edit an integration as an employee (takes over one owned by a system user)', auth: 'admin', scope: 'employees:manage', body: integrationPatchSchema, responses: { 200: integrationSchema }, errors: ['not_found', 'validation_failed'] },

  replicationPull: { method: 'GET', path: '/api/v1/replication/{collection}/pull', summary: 'Documents changed after a (updatedAt, id) checkpoint, in that order', auth: 'admin', scope: 'admin:read', query: pullQuerySchema, responses: { 200: z.object({ documents: z.array(replicatedDocument), checkpoint: checkpointSchema.nullable() }) }, errors: ['not_found', 'validation_failed'] },
  replicationPush: { method: 'POST', path: '/api/v1/replication/{collection}/push', summary: 'Write documents against their assumed master state; conflicts and rejections come back', auth: 'admin', scope: 'admin:write', body: pushBodySchema, maxBodyBytes: 16 * oneMiB, responses: { 200: z.object({ conflicts: z.array(replicatedDocument), rejections: z.array(rejectionSchema), applied: z.array(replicatedDocument).optional() }) }, errors: ['not_found', 'method_not_allowed', 'validation_failed'] },
  replicationStream: { method: 'GET', path: '/api/v1/replication/stream', summary: 'Server-sent events: changes, and "RESYNC" first after every (re)connect', auth: 'admin', scope: 'admin:read', stream: true, responses: { 200: null }, errors: [] },

  integrationWhoami: { method: 'GET', path: '/api/v1/integration/whoami', summary: 'The technical user behind a token', auth: 'integration', responses: { 200: whoamiSchema }, errors: [] },
  integrationObjects: { method: 'GET', path: '/api/v1/integration/objects/{object}', summary: 'Records of an object the token\'s direct roles may read', auth: 'integration', responses: { 200: objectRecordsSchema }, errors: ['forbidden'] },
  integrationCreateObject: { method: 'POST', path: '/api/v1/integration/objects/{object}', summary: 'Create a record (needs create on the object); subscribed technical users are notified by e-mail', auth: 'integration', body: objectRecordInputSchema, responses: { 201: objectRecordSchema }, errors: ['forbidden', 'validation_failed'] },
  integrationUpdateObject: { method: 'PATCH', path: '/api/v1/integration/objects/{object}/{recordId}', summary: 'Rename a record (needs edit on the object); subscribed technical users are notified by e-mail', auth: 'integration', body: objectRecordInputSchema, responses: { 200: objectRecordSchema }, errors: ['forbidden', 'not_found', 'validation_failed'] },
} as const satisfies Record<string, RouteSpec>;

export type RouteId = keyof typeof routes;

/** Error codes every route can answer with. */
export const commonErrors: readonly ApiErrorCode[] = ['invalid_request', 'rate_limited', 'internal', 'payload_too_large', 'unsupported_media_type'];
export const authErrors: readonly ApiErrorCode[] = ['invalid_token', 'insufficient_scope'];

