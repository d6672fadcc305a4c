import type { SQLInputValue } from 'node:sqlite';
import type { AuditEntry } from '../../shared/api/audit.ts';
import type { ListEnvelope } from '../../shared/api/common.ts';
import type { Employee, Integration } from '../../shared/api/employees.ts';
import type { Role } from '../../shared/api/roles.ts';
import type { Session, SessionDay } from '../../shared/api/sessions.ts';
import type { TechnicalUser } from '../../shared/api/technicalUsers.ts';
import type { ApiToken } from '../../shared/api/tokens.ts';
import { ApiError } from './apiError.ts';
import { nameKey } from '../../shared/rules/technicalUserRules.ts';
import { page } from './pagination.ts';
import type { TenantStore } from './tenantStore.ts';

interface PageQuery {
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

type SortedRow = { body: string; k1: SQLInputValue; k2: SQLInputValue };

function keyed(rows: SortedRow[]) {
  return rows.map((r) => ({ body: r.body, sortKey: [r.k1, r.k2] }));
}

function and(...clauses: string[]): string {
  const parts = clauses.filter(Boolean);
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `?q=` as a LIKE pattern over a `search` column (kept as `nameKey` of the searchable text), or null without a query. */
function searchPattern(q: string | undefined): string | null {
  return q?.trim() ? `%${escapeLike(nameKey(q.trim()))}%` : null;
}

export function listTechnicalUsers(store: TenantStore, query: PageQuery & { q?: string | undefined }): ListEnvelope<TechnicalUser> {
  const q = searchPattern(query.q);
  return page<TechnicalUser>(
    (after, params, limit) =>
      keyed(
        store.db.all<SortedRow>(
          `SELECT body, name_key AS k1, id AS k2 FROM technical_users ${and('deleted = 0', q ? "search LIKE ? ESCAPE '\\'" : '', after)} ORDER BY name_key, id LIMIT ?`,
          ...(q ? [q] : []),
          ...params,
          limit,
        ),
      ),
    { ...query, sortColumns: ['name_key', 'id'] },
  );
}

export function listRoles(store: TenantStore, query: PageQuery): ListEnvelope<Role> {
  return page<Role>(
    (after, params, limit) => keyed(store.db.all<SortedRow>(`SELECT body, name_key AS k1, id AS k2 FROM roles ${and('deleted = 0', after)} ORDER BY name_key, id LIMIT ?`, ...params, limit)),
    { ...query, sortColumns: ['name_key', 'id'] },
  );
}

export function listTokensOf(store: TenantStore, technicalUserId: string, query: PageQuery): ListEnvelope<ApiToken> {
  return page<ApiToken>(
    (after, params, limit) =>
      keyed(
        store.db.all<SortedRow>(
          `SELECT body, json_extract(body, '$.createdAt') AS k1, id AS k2 FROM tokens ${and('deleted = 0', 'technical_user_id = ?', after)} ORDER BY k1 DESC, id DESC LIMIT ?`,
          technicalUserId,
          ...params,
          limit,
        ),
      ),
    { ...query, sortColumns: ["json_extract(body, '$.createdAt')", 'id'], descending: true },
  );
}

const day = 86_400_000;

export function listDailySessions(store: TenantStore, query: PageQuery & { from: string; to: string; technicalUserId?: string | undefined }): ListEnvelope<SessionDay> {
  const from = Date.parse(`${query.from}T00:00:00Z`);
  const to = Date.parse(`${query.to}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) throw new ApiError('validation_failed', 'from and to must be real dates.');
  if (to < from) throw new ApiError('validation_failed', '"to" is before "from".');
  if ((to - from) / day + 1 > 366) throw new ApiError('validation_failed', 'Ask for at most 366 days at a time.', { maxDays: 366 });
  const byUser = query.technicalUserId ? 'technical_user_id = ?' : '';
  return page<SessionDay>(
    (after, params, limit) =>
      keyed(
        store.db.all<SortedRow>(
          `SELECT body, date AS k1, technical_user_id AS k2 FROM session_days ${and('deleted = 0', 'date >= ?', 'date <= ?', byUser, after)} ORDER BY date, technical_user_id LIMIT ?`,
          query.from,
          query.to,
          ...(query.technicalUserId ? [query.technicalUserId] : []),
          ...params,
          limit,
        ),
      ),
    { ...query, sortColumns: ['date', 'technical_user_id'] },
  );
}

export function listSessionsOn(store: TenantStore, technicalUserId: string, query: PageQuery & { date: string }): ListEnvelope<Session> {
  return page<Session>(
    (after, params, limit) =>
      keyed(
        store.db.all<SortedRow>(
          `SELECT body, json_extract(body, '$.startedAt') AS k1, id AS k2 FROM sessions ${and('technical_user_id = ?', 'date = ?', after)} ORDER BY k1, id LIMIT ?`,
          technicalUserId,
          query.date,
          ...params,
          limit,
        ),
      ),
    { ...query, sortColumns: ["json_extract(body, '$.startedAt')", 'id'] },
  );
}

export function listAudit(store: TenantStore, query: PageQuery & { subjectId?: string | undefined; includeRelated?: boolean }): ListEnvelope<AuditEntry> {
  const subject = query.subjectId ? (query.includeRelated ? '(subject_id = ? OR related_id = ?)' : 'subject_id = ?') : '';
  const subjectParams = query.subjectId ? (query.includeRelated ? [query.subjectId, query.subjectId] : [query.subjectId]) : [];
  return page<AuditEntry>(
    (after, params, limit) =>
      keyed(store.db.all<SortedRow>(`SELECT body, at AS k1, id AS k2 FROM audit ${and(subject, after)} ORDER BY at DESC, id DESC LIMIT ?`, ...subjectParams, ...params, limit)),
    { ...query, sortColumns: ['at', 'id'], descending: true },
  );
}

export function listEmployees(store: TenantStore, query: PageQuery & { q?: string | undefined }): ListEnvelope<Employee> {
  const q = searchPattern(query.q);
  return page<Employee>(
    (after, params, limit) =>
      keyed(
        store.db.all<SortedRow>(
          `SELECT body, sort_key AS k1, id AS k2 FROM employees ${and(q ? "search LIKE ? ESCAPE '\\'" : '', after)} ORDER BY sort_key, id LIMIT ?`,
          ...(q ? [q] : []),
          ...params,
          limit,
        ),
      ),
    { ...query, sortColumns: ['sort_key', 'id'] },
  );
}

export function listIntegrationsOf(store: TenantStore, ownerId: string, query: PageQuery): ListEnvelope<Integration> {
  return page<Integration>(
    (after, params, limit) => keyed(store.db.all<SortedRow>(`SELECT body, json_extract(body, '$.name') AS k1, id AS k2 FROM integrations ${and('owner_id = ?', after)} ORDER BY k1, id LIMIT ?`, ownerId, ...params, limit)),
    { ...query, sortColumns: ["json_extract(body, '$.name')", 'id'] },
  );
}
