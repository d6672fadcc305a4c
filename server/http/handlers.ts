import type { z } from 'zod';
import type { Scope } from '../../shared/api/common.ts';
import { isPushable, replicationCollections, type ReplicationCollection } from '../../shared/api/replication.ts';
import { type routes, type RouteId } from '../../shared/api/routes.ts';
import { ApiError } from '../domain/apiError.ts';
import { actorOf, type AdminClient } from '../domain/clients.ts';
import { assertIntegrationOwner, editIntegration, terminateEmployee, transferToSystemUser } from '../domain/employees.ts';
import { handleIntegrationCall } from '../domain/integrationApi.ts';
import {
  listAudit,
  listDailySessions,
  listEmployees,
  listIntegrationsOf,
  listRoles,
  listSessionsOn,
  listTechnicalUsers,
  listTokensOf,
} from '../domain/queries.ts';
import { pull, push } from '../domain/replication.ts';
import { createRole, deleteRole, effectivePermissions, getRole, updateRole } from '../domain/roles.ts';
import { assertTechnicalUserKnown, createTechnicalUser, deleteTechnicalUser, getTechnicalUser, updateTechnicalUser } from '../domain/technicalUsers.ts';
import { tenantInfo } from '../domain/tenant.ts';
import { changeTokenExpiry, issueToken, replaceToken, revokeToken } from '../domain/tokens.ts';
import type { TenantStore } from '../domain/tenantStore.ts';

export interface AdminAuth {
  readonly client: AdminClient;
  readonly scopes: readonly Scope[];
  /** When the access token expires (epoch ms): the replication stream ends then. */
  readonly expiresAt: number;
}

type ParsedQuery<R extends RouteId> = (typeof routes)[R] extends { query: infer Q extends z.ZodType } ? z.output<Q> : Record<string, never>;
type ParsedBody<R extends RouteId> = (typeof routes)[R] extends { body: infer B extends z.ZodType } ? z.output<B> : undefined;

export interface HandlerContext<R extends RouteId> {
  readonly params: Readonly<Record<string, string>>;
  readonly query: ParsedQuery<R>;
  readonly body: ParsedBody<R>;
  readonly auth: AdminAuth | null;
  readonly ifMatch: number | undefined;
  readonly clientAddress: string;
  readonly userAgent: string;
  readonly authorization: string | undefined;
}

export interface HandlerResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export type RouteHandlers = {
  readonly [R in Exclude<RouteId, 'oauthToken' | 'replicationStream' | 'getOpenApi'>]: (ctx: HandlerContext<R>) => HandlerResult;
};

const json = (body: unknown, status = 200): HandlerResult => ({ status, body });
/** A single resource with its revision as the ETag (what `If-Match` sends back). */
const revisioned = (doc: { revision: number }, status = 200, headers: Record<string, string> = {}): HandlerResult => ({ status, body: doc, headers: { ETag: `"${doc.revision}"`, ...headers } });
const noContent: HandlerResult = { status: 204 };

function admin(ctx: { auth: AdminAuth | null }) {
  if (!ctx.auth) throw new ApiError('invalid_token', 'An admin access token is required.');
  return actorOf(ctx.auth.client);
}

function collectionOf(name: string | undefined): ReplicationCollection {
  if (!name || !(replicationCollections as readonly string[]).includes(name)) {
    throw new ApiError('not_found', `No replicated collection "${name ?? ''}". Collections: ${replicationCollections.join(', ')}.`);
  }
  return name as ReplicationCollection;
}

/** The reference server's handler for each route of the shared route table. */
export function createRouteHandlers(store: TenantStore): RouteHandlers {
  const param = (ctx: { params: Readonly<Record<string, string>> }, name: string) => ctx.params[name] ?? '';
  return {
    getTenant: () => json(tenantInfo(store)),

    listTechnicalUsers: (ctx) => json(listTechnicalUsers(store, ctx.query)),
    createTechnicalUser: (ctx) => {
      const { user, created } = createTechnicalUser(store, admin(ctx), ctx.body);
      return revisioned(user, created ? 201 : 200, { Location: `/api/v1/technical-users/${user.id}` });
    },
    getTechnicalUser: (ctx) => revisioned(getTechnicalUser(store, param(ctx, 'id'))),
    patchTechnicalUser: (ctx) => revisioned(updateTechnicalUser(store, admin(ctx), param(ctx, 'id'), ctx.body, ctx.ifMatch)),
    deleteTechnicalUser: (ctx) => {
      deleteTechnicalUser(store, admin(ctx), param(ctx, 'id'), { confirmLast: ctx.query.confirmLast === 'true', ifMatch: ctx.ifMatch });
      return noContent;
    },
    getEffectivePermissions: (ctx) => json(effectivePermissions(store, getTechnicalUser(store, param(ctx, 'id')).roleIds)),
    getTechnicalUserHistory: (ctx) => {
      const id = param(ctx, 'id');
      assertTechnicalUserKnown(store, id);
      return json(listAudit(store, { ...ctx.query, subjectId: id, includeRelated: true }));
    },

    listRoles: (ctx) => json(listRoles(store, ctx.query)),
    createRole: (ctx) => {
      const { role, created } = createRole(store, admin(ctx), ctx.body);
      return revisioned(role, created ? 201 : 200);
    },
    getRole: (ctx) => revisioned(getRole(store, param(ctx, 'id'))),
    patchRole: (ctx) => revisioned(updateRole(store, admin(ctx), param(ctx, 'id'), ctx.body, ctx.ifMatch)),
    deleteRole: (ctx) => {
      deleteRole(store, admin(ctx), param(ctx, 'id'), ctx.ifMatch);
      return noContent;
    },

    listTokens: (ctx) => {
      getTechnicalUser(store, param(ctx, 'id'));
      return json(listTokensOf(store, param(ctx, 'id'), ctx.query));
    },
    issueToken: (ctx) => json(issueToken(store, admin(ctx), param(ctx, 'id'), ctx.body), 201),
    replaceToken: (ctx) => json(replaceToken(store, admin(ctx), param(ctx, 'id'), ctx.body), 201),
    patchToken: (ctx) => json(changeTokenExpiry(store, admin(ctx), param(ctx, 'id'), ctx.body.expiresAt, ctx.ifMatch)),
    revokeToken: (ctx) => {
      revokeToken(store, admin(ctx), param(ctx, 'id'));
      return noContent;
    },

    listDailySessions: (ctx) => json(listDailySessions(store, ctx.query)),
    listSessions: (ctx) => {
      getTechnicalUser(store, param(ctx, 'id'));
      return json(listSessionsOn(store, param(ctx, 'id'), ctx.query));
    },

    listAudit: (ctx) => json(listAudit(store, ctx.query)),

    listEmployees: (ctx) => json(listEmployees(store, ctx.query)),
    listEmployeeIntegrations: (ctx) => {
      assertIntegrationOwner(store, param(ctx, 'id'));
      return json(listIntegrationsOf(store, param(ctx, 'id'), ctx.query));
    },
    terminateEmployee: (ctx) => json(terminateEmployee(store, admin(ctx), param(ctx, 'id'), ctx.body.integrations)),
    transferIntegration: (ctx) => json(transferToSystemUser(store, admin(ctx), param(ctx, 'id'))),
    patchIntegration: (ctx) => json(editIntegration(store, admin(ctx), param(ctx, 'id'), ctx.body)),

    replicationPull: (ctx) => {
      const collection = collectionOf(ctx.params.collection);
      const { updatedAt, id, limit } = ctx.query;
      if ((updatedAt === undefined) !== (id === undefined)) throw new ApiError('validation_failed', 'A checkpoint needs both updatedAt and id.');
      return json(pull(store, collection, updatedAt !== undefined && id !== undefined ? { updatedAt, id } : null, limit ?? 100));
    },
    replicationPush: (ctx) => {
      const collection = collectionOf(ctx.params.collection);
      if (!isPushable(collection)) throw new ApiError('method_not_allowed', `"${collection}" is pull-only: its documents change on the server only.`);
      return json(push(store, admin(ctx), collection, ctx.body));
    },

    integrationWhoami: (ctx) => handleIntegrationCall(store, { ...ctx, route: { name: 'whoami' } }),
    integrationObjects: (ctx) => handleIntegrationCall(store, { ...ctx, route: { name: 'objects', object: param(ctx, 'object') } }),
    integrationCreateObject: (ctx) => handleIntegrationCall(store, { ...ctx, route: { name: 'createObject', object: param(ctx, 'object'), input: ctx.body } }),
    integrationUpdateObject: (ctx) => handleIntegrationCall(store, { ...ctx, route: { name: 'updateObject', object: param(ctx, 'object'), recordId: param(ctx, 'recordId'), input: ctx.body } }),
  };
}

