import type { AuditEntry } from '../api/audit.ts';
import { describeAuditEntry, type NameLookup } from './auditDiff.ts';
import { csvCell } from './inventoryExport.ts';
import { localKey } from '../sync/localDocuments.ts';

/**
 * The Audit section's logic: one timeline of every tenant's audit entries
 * from the local copy, its filters, the subject's name, and the export of
 * what is shown. Pure functions over plain entries.
 */
export type AuditEntryLike = Pick<AuditEntry, 'id' | 'at' | 'actor' | 'action' | 'subjectType' | 'subjectId' | 'before' | 'after'> & { readonly tenantId: string };

export const auditSubjectTypes = ['technical-user', 'role', 'api-token', 'employee', 'integration'] as const;
export const auditSubjectLabels: Readonly<Record<string, string>> = {
  'technical-user': 'Technical user',
  role: 'Role',
  'api-token': 'API token',
  employee: 'Person',
  integration: 'Integration',
};

export interface AuditFilter {
  readonly tenantIds: readonly string[];
  /** Part of the admin's name or e-mail (or client id). */
  readonly actor: string;
  readonly subjectType: 'any' | (typeof auditSubjectTypes)[number];
  /** Part of the subject's name (or its id). */
  readonly subject: string;
  readonly action: 'any' | string;
  /** `YYYY-MM-DD`, inclusive, in the viewer's time zone. */
  readonly from: string | null;
  readonly to: string | null;
}

export const emptyAuditFilter: AuditFilter = { tenantIds: [], actor: '', subjectType: 'any', subject: '', action: 'any', from: null, to: null };

export function isAuditFilterEmpty(filter: AuditFilter): boolean {
  return filter.tenantIds.length === 0 && !filter.actor.trim() && filter.subjectType === 'any' && !filter.subject.trim() && filter.action === 'any' && !filter.from && !filter.to;
}

/** The local calendar date of a timestamp, `YYYY-MM-DD`. */
export function localDateOf(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** What the audit says of a token: an issue entry carries its label, prefix and owner; later ones only what changed. */
export interface TokenInAudit {
  readonly label: string | null;
  readonly prefix: string | null;
  readonly technicalUserId: string | null;
}

/** Each token the entries mention, keyed `tenantId|tokenId`, with what any of its entries says (the issue entry says most). */
export function tokensInAudit(entries: readonly AuditEntryLike[]): Map<string, TokenInAudit> {
  const found = new Map<string, TokenInAudit>();
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  for (const entry of entries) {
    if (entry.subjectType !== 'api-token') continue;
    const key = localKey(entry.tenantId, entry.subjectId);
    const known = found.get(key);
    const state = { ...(entry.before ?? {}), ...(entry.after ?? {}) } as Record<string, unknown>;
    found.set(key, {
      label: known?.label ?? text(state.label),
      prefix: known?.prefix ?? text(state.prefix),
      technicalUserId: known?.technicalUserId ?? text(state.technicalUserId),
    });
  }
  return found;
}

export interface SubjectLookup {
  user(tenantId: string, id: string): string | undefined;
  role(tenantId: string, id: string): string | undefined;
  /** A token's facts from other entries (tokensInAudit), for the entries that say only what changed. */
  token?(tenantId: string, id: string): TokenInAudit | undefined;
}

/**
 * The subject's name: a technical user's or role's from the local copy, else from the entry itself
 * (a deleted one's last state; a token's label and prefix, or its issue entry's), else its id.
 */
export function subjectNameOf(entry: AuditEntryLike, lookup: SubjectLookup): string {
  const state = (entry.after ?? entry.before ?? {}) as Record<string, unknown>;
  if (entry.subjectType === 'technical-user') return lookup.user(entry.tenantId, entry.subjectId) ?? (typeof state.name === 'string' ? state.name : entry.subjectId);
  if (entry.subjectType === 'role') return lookup.role(entry.tenantId, entry.subjectId) ?? (typeof state.name === 'string' ? state.name : entry.subjectId);
  if (entry.subjectType === 'api-token') {
    const known = lookup.token?.(entry.tenantId, entry.subjectId);
    const labelText = typeof state.label === 'string' && state.label ? state.label : (known?.label ?? null);
    const prefix = typeof state.prefix === 'string' ? state.prefix : (known?.prefix ?? null);
    const label = labelText ? `“${labelText}” ` : '';
    return `${label}${prefix ? `${prefix}…` : label ? '' : entry.subjectId}`.trim();
  }
  return typeof state.name === 'string' ? state.name : entry.subjectId;
}

/** The owner of a token entry (its technical user's id), from the entry's own states or the token's other entries. */
export function tokenOwnerOf(entry: AuditEntryLike, known?: TokenInAudit): string | null {
  const state = { ...(entry.before ?? {}), ...(entry.after ?? {}) } as Record<string, unknown>;
  return typeof state.technicalUserId === 'string' ? state.technicalUserId : (known?.technicalUserId ?? null);
}

export function compileAuditFilter(filter: AuditFilter, subjectName: (entry: AuditEntryLike) => string, dateOf: (iso: string) => string = localDateOf): (entry: AuditEntryLike) => boolean {
  const tenants = new Set(filter.tenantIds);
  const actor = filter.actor.trim().toLocaleLowerCase('en-US');
  const subject = filter.subject.trim().toLocaleLowerCase('en-US');
  return (entry) => {
    if (tenants.size > 0 && !tenants.has(entry.tenantId)) return false;
    if (filter.subjectType !== 'any' && entry.subjectType !== filter.subjectType) return false;
    if (filter.action !== 'any' && entry.action !== filter.action) return false;
    if (filter.from || filter.to) {
      const date = dateOf(entry.at);
      if (filter.from && date < filter.from) return false;
      if (filter.to && date > filter.to) return false;
    }
    if (actor && !`${entry.actor.name}\n${entry.actor.email ?? ''}\n${entry.actor.clientId}`.toLocaleLowerCase('en-US').includes(actor)) return false;
    if (subject && !`${subjectName(entry)}\n${entry.subjectId}`.toLocaleLowerCase('en-US').includes(subject)) return false;
    return true;
  };
}

/** Newest first; ties (the same millisecond) by tenant and id, so the order never jumps. */
export function sortTimeline<T extends AuditEntryLike>(entries: T[]): T[] {
  return entries.sort((a, b) => (a.at === b.at ? (a.tenantId === b.tenantId ? (a.id < b.id ? 1 : -1) : a.tenantId < b.tenantId ? -1 : 1) : a.at < b.at ? 1 : -1));
}

export interface AuditExportContext {
  tenant(tenantId: string): string;
  subjectName(entry: AuditEntryLike): string;
  names(tenantId: string): NameLookup;
}

/** The filtered timeline as CSV: when (UTC), tenant, who, what, subject, and the changes in words. */
export function auditToCsv(entries: readonly AuditEntryLike[], context: AuditExportContext): string {
  const lines = [['When (UTC)', 'Tenant', 'Actor', 'Actor e-mail', 'What', 'Subject type', 'Subject', 'Changes'].join(',')];
  for (const entry of entries) {
    const description = describeAuditEntry(entry, context.names(entry.tenantId));
    const changes = description.changes.map((c) => `${c.label}: ${c.before ? `${c.before} → ` : ''}${c.after}`).join('; ');
    lines.push(
      [entry.at, context.tenant(entry.tenantId), entry.actor.name, entry.actor.email ?? '', description.summary, auditSubjectLabels[entry.subjectType] ?? entry.subjectType, context.subjectName(entry), changes]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The filtered timeline as JSON: each entry with its tenant's name, the subject's name and the changes in words. */
export function auditToJson(entries: readonly AuditEntryLike[], context: AuditExportContext): string {
  return JSON.stringify(
    entries.map((entry) => {
      const description = describeAuditEntry(entry, context.names(entry.tenantId));
      return {
        at: entry.at,
        tenant: context.tenant(entry.tenantId),
        actor: entry.actor,
        action: entry.action,
        summary: description.summary,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId,
        subject: context.subjectName(entry),
        changes: description.changes.map((c) => ({ field: c.field, label: c.label, before: c.before, after: c.after })),
      };
    }),
    null,
    2,
  );
}
