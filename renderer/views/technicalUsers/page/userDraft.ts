import { type DataField, duplicateDataFieldKey, duplicateDataFieldKeys, newTechnicalUserDefaults, type TechnicalUser, technicalUserPatchSchema } from '../../../../shared/api/technicalUsers.ts';
import type { TechnicalUserFields } from '../../../sync/localEdits.ts';

/** Every field the user page edits, as the form holds them. */
export interface UserDraft {
  name: string;
  description: string;
  kind: TechnicalUser['kind'];
  category: string;
  dataFields: DataField[];
  language: string;
  timeZone: string;
  /** Empty means none. */
  notificationEmail: string;
  subscriptions: string[];
  active: boolean;
  permissionRole: TechnicalUser['permissionRole'];
  customRoles: string[];
  accessControlEntities: string[];
  roleIds: string[];
}

export function draftOf(source: Partial<Record<keyof UserDraft, unknown>> | null, defaults: { timeZone: string }): UserDraft {
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const fallback = newTechnicalUserDefaults(defaults.timeZone);
  return {
    name: typeof source?.name === 'string' ? source.name : '',
    description: typeof source?.description === 'string' ? source.description : fallback.description,
    kind: (source?.kind as UserDraft['kind']) ?? fallback.kind,
    category: typeof source?.category === 'string' ? source.category : fallback.category,
    dataFields: Array.isArray(source?.dataFields) ? (source.dataFields as DataField[]).map((f) => ({ key: String(f.key), value: String(f.value) })) : [],
    language: typeof source?.language === 'string' ? source.language : fallback.language,
    timeZone: typeof source?.timeZone === 'string' ? source.timeZone : fallback.timeZone,
    notificationEmail: typeof source?.notificationEmail === 'string' ? source.notificationEmail : '',
    subscriptions: list(source?.subscriptions),
    active: typeof source?.active === 'boolean' ? source.active : fallback.active,
    permissionRole: (source?.permissionRole as UserDraft['permissionRole']) ?? fallback.permissionRole,
    customRoles: list(source?.customRoles),
    accessControlEntities: list(source?.accessControlEntities),
    roleIds: list(source?.roleIds),
  };
}

/** The fields as the tenant takes them (empty e-mail → null, trimmed name). */
export function fieldsOf(draft: UserDraft): Required<TechnicalUserFields> {
  return {
    ...draft,
    name: draft.name.trim(),
    notificationEmail: draft.notificationEmail.trim() ? draft.notificationEmail.trim() : null,
    dataFields: draft.dataFields.map((f) => ({ key: f.key.trim(), value: f.value })),
  };
}

/** Only what differs from the saved state (so the merge sees exactly what this person changed). */
export function changedFields(before: UserDraft, after: UserDraft): TechnicalUserFields {
  const a = fieldsOf(before) as Record<string, unknown>;
  const b = fieldsOf(after) as Record<string, unknown>;
  return Object.fromEntries(Object.keys(b).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => [k, b[k]])) as TechnicalUserFields;
}

/** Field → message, from the tenant contract's own schema (so the form refuses what the tenant would). */
export function validateDraft(draft: UserDraft): Map<string, string> {
  const errors = new Map<string, string>();
  const parsed = technicalUserPatchSchema.safeParse(fieldsOf(draft));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.length > 1 && issue.path[0] === 'dataFields' ? `dataFields.${String(issue.path[1])}` : String(issue.path[0]);
      if (!errors.has(key)) errors.set(key, humanMessage(key, issue.message, issue.path[2]));
    }
  }
  for (const problem of duplicateDataFieldKeys(draft.dataFields)) {
    const key = `dataFields.${problem.path[0]}`;
    if (!errors.has(key)) errors.set(key, humanMessage(key, problem.message, 'key'));
  }
  if (!draft.name.trim()) errors.set('name', 'Give the technical user a name.');
  return errors;
}

function humanMessage(field: string, message: string, dataFieldPart?: PropertyKey): string {
  if (field === 'notificationEmail') return 'Enter a valid e-mail address, or leave it empty.';
  if (field.startsWith('dataFields.') && message === duplicateDataFieldKey) return 'This key is already used by another data field: give each key once.';
  if (field.startsWith('dataFields.')) return dataFieldPart === 'value' ? 'A data field value has up to 1,000 characters.' : 'A data field needs a key (up to 64 characters).';
  if (field === 'timeZone') return 'Choose an IANA time zone from the list.';
  if (field === 'name') return message.includes('spaces') ? 'A name has no spaces at the start or end.' : 'A name has 1 to 64 characters.';
  return message;
}
