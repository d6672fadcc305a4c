import type { AuditEntry } from '../api/audit.ts';
import { labelOfValue, technicalUserFieldLabels } from './fieldLabels.ts';

/** One changed field of an audit entry, in words. */
export interface FieldChange {
  readonly field: string;
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

/** How an audit entry reads in a history list: what happened, and field by field what changed. */
export interface AuditDescription {
  readonly summary: string;
  readonly changes: readonly FieldChange[];
}

/** Resolves ids in values to names (role ids, for instance); unknown ids stay as they are. */
export interface NameLookup {
  role(id: string): string | undefined;
  /** A token's label and prefix from its other entries, for entries that say only what changed (a replace, a revoke). */
  token?(id: string): { label: string | null; prefix: string | null } | undefined;
}

const labels: Record<string, string> = {
  ...technicalUserFieldLabels,
  parentId: 'Parent role',
  privileges: 'Privileges',
  label: 'Label',
  expiresAt: 'Expires',
  status: 'Status',
  prefix: 'Prefix',
  replacedBy: 'Replaced by',
  externalAuthId: 'External auth id',
};

/** Fields that say nothing a person needs in a history (ids, bookkeeping, last-use stamps). */
const hidden = new Set(['id', 'revision', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'lastUsedAt', 'lastAttemptAt', '_deleted', 'technicalUserId']);

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

const actions: Record<string, string> = {
  'technical-user.created': 'created the technical user',
  'technical-user.updated': 'changed the technical user',
  'technical-user.deleted': 'deleted the technical user',
  'role.created': 'created the role',
  'role.updated': 'changed the role',
  'role.deleted': 'deleted the role',
  'token.issued': 'issued an API token',
  'token.replaced': 'replaced an API token',
  'token.revoked': 'revoked an API token',
  'token.expiry-changed': 'changed an API token’s expiry',
};

export function formatAuditValue(field: string, value: unknown, names: NameLookup): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  // Values the forms show by label ("Viewer", "German", "Webhook"), never raw.
  const label = labelOfValue(field, value);
  if (label !== null) return label;
  if (field === 'roleIds' || field === 'parentId') {
    const ids = Array.isArray(value) ? (value as unknown[]).map(String) : [String(value)];
    return ids.length === 0 ? 'none' : ids.map((id) => names.role(id) ?? id).join(', ');
  }
  if (field === 'dataFields' && Array.isArray(value)) {
    return value.length === 0 ? 'none' : (value as Array<{ key: string; value: string }>).map((f) => `${f.key}: ${f.value}`).join('; ');
  }
  if (field === 'privileges' && typeof value === 'object') {
    const p = value as { objects?: Array<{ object: string; read: boolean; create: boolean; edit: boolean; delete: boolean }>; system?: string[] };
    const objects = (p.objects ?? []).map((o) => `${o.object} ${[o.read && 'R', o.create && 'C', o.edit && 'E', o.delete && 'D'].filter(Boolean).join('') || '–'}`);
    return [...objects, ...(p.system ?? [])].join('; ') || 'none';
  }
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(String).join(', ');
  if (typeof value === 'string' && isoTimestamp.test(value)) return `${value.slice(0, 10)} ${value.slice(11, 16)} UTC`;
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  return JSON.stringify(value);
}

/** Describes an entry: the action in words and every changed field, before → after. */
export function describeAuditEntry(entry: Pick<AuditEntry, 'action' | 'before' | 'after'> & { subjectId?: string }, names: NameLookup): AuditDescription {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !hidden.has(f));
  // A create lists what it set; a delete what was there; an update what differs.
  const empty = (value: unknown) => value === null || value === undefined;
  const changes = fields
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]) && !(empty(before[f]) && empty(after[f])))
    .map((field) => ({
      field,
      label: labels[field] ?? field,
      before: entry.before === null ? '' : formatAuditValue(field, before[field], names),
      after: entry.after === null ? '' : formatAuditValue(field, after[field], names),
    }));
  let summary = actions[entry.action] ?? entry.action.replaceAll(/[.-]/g, ' ');
  // Tokens are named by their label and prefix (never more of the secret than the prefix).
  if (entry.action.startsWith('token.')) {
    const known = entry.subjectId ? names.token?.(entry.subjectId) : undefined;
    const label = after.label ?? before.label ?? known?.label;
    const prefix = after.prefix ?? before.prefix ?? known?.prefix;
    if (label || prefix) summary += ` ${[label ? `“${String(label)}”` : '', prefix ? `(${String(prefix)}…)` : ''].filter(Boolean).join(' ')}`;
  }
  return { summary, changes };
}
