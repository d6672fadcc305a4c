import { randomUUID } from 'node:crypto';
import type { Actor } from '../../shared/api/common.ts';
import {
  duplicateDataFieldKeys,
  technicalUserWritableKeys,
  withCreateDefaults,
  type TechnicalUser,
  type TechnicalUserWritable,
  type TechnicalUserCreate,
  type TechnicalUserPatch,
} from '../../shared/api/technicalUsers.ts';
import type { ApiToken } from '../../shared/api/tokens.ts';
import { nameKey } from '../../shared/rules/technicalUserRules.ts';
import { ApiError } from './apiError.ts';
import { appendAudit } from './audit.ts';
import { listLive, readDocument, readLive, writeDocument } from './documents.ts';
import { checkRevision } from './revisions.ts';
import { rolesTable, rootRoleId, rootRoleName } from './roles.ts';
import { countPlanUsers, countTechnicalUsers, technicalTasks, tenantSettings } from './tenant.ts';
import { restSystem, technicalUsersTable } from './technicalUserTable.ts';
import { tokensTable } from './tokenTable.ts';
import type { TenantStore } from './tenantStore.ts';
import { issueList, issuesText } from '../../shared/validationIssues.ts';


export function writableOf(user: TechnicalUserWritable): TechnicalUserWritable {
  return Object.fromEntries(technicalUserWritableKeys.map((k) => [k, user[k]])) as TechnicalUserWritable;
}

/** Same content ignoring server-managed fields: what makes a retried write a no-op. */
export function sameUserContent(a: TechnicalUserWritable, b: TechnicalUserWritable): boolean {
  return JSON.stringify(writableOf(a)) === JSON.stringify(writableOf(b));
}

function assertNameFree(store: TenantStore, name: string, exceptId?: string): void {
  const clash = store.db.get<{ id: string }>('SELECT id FROM technical_users WHERE deleted = 0 AND name_key = ? AND id != ?', nameKey(name), exceptId ?? '');
  if (clash) throw new ApiError('name_taken', `The name "${name}" is already taken on this tenant (names ignore case).`, { id: clash.id });
}

/**
 * Technical users get permissions only from the roles they are put in
 * directly, and only child roles of "All employees": the root role is refused.
 */
function checkRoles(store: TenantStore, roleIds: readonly string[]): string[] {
  const unique = [...new Set(roleIds)];
  const root = rootRoleId(store);
  if (unique.includes(root)) {
    throw new ApiError('root_role_forbidden', `Technical users cannot be members of the root role "${rootRoleName}"; choose one of its child roles.`, { roleId: root });
  }
  const missing = unique.filter((id) => !readLive(store, rolesTable, id));
  if (missing.length > 0) throw new ApiError('validation_failed', `Unknown role${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`, { field: 'roleIds', missing });
  return unique;
}

function assertPlanRoom(store: TenantStore): void {
  const { planLimit, planName } = tenantSettings(store);
  const used = countPlanUsers(store);
  if (used >= planLimit) {
    throw new ApiError('subscription_limit', `The ${planName} plan allows ${planLimit} technical users and ${used} exist. Delete one or upgrade the plan.`, { limit: planLimit, used });
  }
}

export interface CreateOptions {
  /** System users made by termination or app transfer: `rest_system`, outside the plan limit. */
  readonly externalAuthId?: string | null;
}

function refuseDuplicateKeys(fields: ReadonlyArray<{ key: string }>): void {
  const problems = duplicateDataFieldKeys(fields).map((p) => ({ path: ['dataFields', ...p.path], message: p.message }));
  if (problems.length > 0) throw new ApiError('validation_failed', issuesText(problems), issueList(problems));
}

export function createTechnicalUser(store: TenantStore, actor: Actor, input: TechnicalUserCreate, options: CreateOptions = {}): { user: TechnicalUser; created: boolean } {
  return store.transaction(() => {
    const settings = tenantSettings(store);
    refuseDuplicateKeys(input.dataFields ?? []);
    // No role is ever assigned automatically: only the ones asked for.
    const fields = withCreateDefaults(input, settings.timeZone);
    if (input.id) {
      const existing = readDocument(store, technicalUsersTable, input.id);
      if (existing) {
        if (!existing.deleted && sameUserContent(existing.doc, fields)) return { user: existing.doc, created: false };
        throw new ApiError('validation_failed', `The id ${input.id} is already used by ${existing.deleted ? 'a deleted' : 'another'} technical user.`, { field: 'id' });
      }
    }
    fields.roleIds = checkRoles(store, fields.roleIds);
    assertNameFree(store, fields.name);
    const externalAuthId = options.externalAuthId ?? null;
    if (externalAuthId !== restSystem) assertPlanRoom(store);
    const at = store.stamp();
    const user: TechnicalUser = { id: input.id ?? randomUUID(), ...fields, externalAuthId, revision: 1, createdAt: at, createdBy: actor, updatedAt: at, updatedBy: actor };
    writeDocument(store, technicalUsersTable, user);
    appendAudit(store, { actor, action: 'technical-user.created', subjectType: 'technical-user', subjectId: user.id, before: null, after: user });
    return { user, created: true };
  });
}

export function updateTechnicalUser(store: TenantStore, actor: Actor, id: string, patch: TechnicalUserPatch, ifMatch?: number): TechnicalUser {
  return store.transaction(() => {
    const current = readLive(store, technicalUsersTable, id);
    if (!current) throw new ApiError('not_found', `No technical user ${id}.`);
    checkRevision(current, ifMatch);
    const next: TechnicalUser = { ...current, ...patch };
    if (sameUserContent(current, next)) return current;
    // Data fields as they were (a user stored before keys had to be unique) stay as they are; new ones are checked.
    if (patch.dataFields !== undefined && JSON.stringify(patch.dataFields) !== JSON.stringify(current.dataFields)) refuseDuplicateKeys(patch.dataFields);
    if (patch.roleIds !== undefined) next.roleIds = checkRoles(store, patch.roleIds);
    if (nameKey(next.name) !== nameKey(current.name)) assertNameFree(store, next.name, id);
    if (sameUserContent(current, next)) return current;
    const saved: TechnicalUser = { ...next, revision: current.revision + 1, updatedAt: store.stamp(), updatedBy: actor };
    writeDocument(store, technicalUsersTable, saved);
    appendAudit(store, { actor, action: 'technical-user.updated', subjectType: 'technical-user', subjectId: id, before: current, after: saved });
    return saved;
  });
}

/**
 * Deletes a technical user and its tokens. The tenant's last technical user
 * goes only with `confirmLast`, because technical tasks stop without one.
 */
export function deleteTechnicalUser(store: TenantStore, actor: Actor, id: string, options: { confirmLast?: boolean; ifMatch?: number } = {}): void {
  store.transaction(() => {
    const current = readLive(store, technicalUsersTable, id);
    if (!current) throw new ApiError('not_found', `No technical user ${id}.`);
    checkRevision(current, options.ifMatch);
    if (countTechnicalUsers(store) === 1 && !options.confirmLast) {
      throw new ApiError(
        'last_technical_user',
        `"${current.name}" is the last technical user of this tenant. Without one, technical tasks stop: ${technicalTasks.map((t) => t.name).join(', ')}. Confirm to delete it anyway.`,
        { technicalTasks },
      );
    }
    const tokens = listLive<ApiToken>(store, 'tokens', 'technical_user_id = ?', id);
    for (const token of tokens) {
      const revoked: ApiToken = { ...token, status: 'revoked', revision: token.revision + 1, updatedAt: store.stamp() };
      writeDocument(store, tokensTable, revoked, true);
    }
    const tombstone: TechnicalUser = { ...current, revision: current.revision + 1, updatedAt: store.stamp(), updatedBy: actor };
    writeDocument(store, technicalUsersTable, tombstone, true);
    appendAudit(store, {
      actor,
      action: 'technical-user.deleted',
      subjectType: 'technical-user',
      subjectId: id,
      before: { ...current, tokens: tokens.map((t) => ({ id: t.id, prefix: t.prefix, status: t.status })) },
      after: null,
    });
  });
}

export function getTechnicalUser(store: TenantStore, id: string): TechnicalUser {
  const user = readLive(store, technicalUsersTable, id);
  if (!user) throw new ApiError('not_found', `No technical user ${id}.`);
  return user;
}

/** A technical user's history outlives it: known means created here, deleted since or not. */
export function assertTechnicalUserKnown(store: TenantStore, id: string): void {
  if (!readDocument(store, technicalUsersTable, id)) throw new ApiError('not_found', `No technical user ${id}.`);
}
