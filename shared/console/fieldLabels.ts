import type { TechnicalUserWritable } from '../api/technicalUsers.ts';

/**
 * The labels the forms use for stored values — "Viewer" for `viewer`, "German" for `de`, "Webhook" for
 * `webhook` — in one place, so the forms, the inventory, the history and the Audit section say the same.
 */
export const kindLabels: Readonly<Record<string, string>> = { integration: 'Integration', webhook: 'Webhook', app: 'App', system: 'System' };
export const permissionLabels: Readonly<Record<string, string>> = { admin: 'Admin', member: 'Member', viewer: 'Viewer' };
/** A token's stored status (what the tenant keeps; "expired" is derived from the date, see tokenFacts). */
export const storedTokenStatusLabels: Readonly<Record<string, string>> = { active: 'Active', replaced: 'Replaced', revoked: 'Revoked' };

/** The forms' label of each field of a technical user (what the person sees next to it; the history says the same). */
export const technicalUserFieldLabels: Readonly<Record<keyof TechnicalUserWritable, string>> = {
  name: 'Name',
  description: 'Description',
  kind: 'Kind',
  category: 'Category',
  dataFields: 'Data fields',
  language: 'Language',
  timeZone: 'Time zone',
  notificationEmail: 'Notification e-mail',
  subscriptions: 'Subscriptions',
  active: 'Active',
  permissionRole: 'Permission role',
  customRoles: 'Custom roles',
  accessControlEntities: 'Access-control entities',
  roleIds: 'Roles',
};

let languageNames: Intl.DisplayNames | null = null;

/** A BCP 47 tag in words ("de" → "German", "pt-BR" → "Brazilian Portuguese"); the tag itself if unknown. */
export function languageName(tag: string): string {
  try {
    languageNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A stored value of a field in the words the forms use, or null when the field has no such labels. */
export function labelOfValue(field: string, value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (field === 'kind') return kindLabels[value] ?? value;
  if (field === 'permissionRole') return permissionLabels[value] ?? value;
  if (field === 'language') return value ? languageName(value) : null;
  if (field === 'status') return storedTokenStatusLabels[value] ?? value;
  if (field === 'timeZone') return value ? value.replaceAll('_', ' ') : null;
  return null;
}
