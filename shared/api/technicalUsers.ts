import { z } from 'zod';
import { idSchema, languageSchema, serverManagedShape, timeZoneSchema } from './common.ts';

export const technicalUserKinds = ['integration', 'webhook', 'app', 'system'] as const;
export const permissionRoles = ['admin', 'member', 'viewer'] as const;

export const dataFieldSchema = z.object({
  key: z.string().trim().min(1).max(64),
  value: z.string().max(1000),
});
export type DataField = z.infer<typeof dataFieldSchema>;

/** The message (stable: forms match it) for a data-field key used twice. */
export const duplicateDataFieldKey = 'this key is already used by another data field';
/** How data-field keys compare: trimmed, case-insensitive. */
export function dataFieldKey(key: string): string {
  return key.trim().toLocaleLowerCase('en');
}

/**
 * Keys name things: one value per key, regardless of case or surrounding spaces. The problems, with the
 * path of each repeated key (`[index, 'key']` within the list). The tenant checks it when data fields are
 * written — set or changed, not a user stored before the rule, saved again as it is — and the form before
 * it saves.
 */
export function duplicateDataFieldKeys(fields: ReadonlyArray<{ key: string }>): Array<{ path: [number, 'key']; message: string }> {
  const seen = new Set<string>();
  const problems: Array<{ path: [number, 'key']; message: string }> = [];
  fields.forEach((field, index) => {
    const key = dataFieldKey(field.key);
    if (seen.has(key)) problems.push({ path: [index, 'key'], message: duplicateDataFieldKey });
    seen.add(key);
  });
  return problems;
}

const shortLabel = z.string().trim().min(1).max(128);

/** The writable fields of a technical user, as a client sends them. */
const writableFields = {
  name: z.string().min(1).max(64).refine((v) => v.trim() === v && v.length > 0, 'a name has no leading or trailing spaces'),
  description: z.string().max(1000),
  kind: z.enum(technicalUserKinds),
  category: z.string().max(64),
  dataFields: z.array(dataFieldSchema).max(50),
  language: languageSchema,
  timeZone: timeZoneSchema,
  notificationEmail: z.email().max(254).nullable(),
  subscriptions: z.array(shortLabel).max(100),
  active: z.boolean(),
  permissionRole: z.enum(permissionRoles),
  customRoles: z.array(shortLabel).max(100),
  accessControlEntities: z.array(shortLabel).max(100),
  roleIds: z.array(idSchema).max(200),
};

export const technicalUserSchema = z.object({
  id: idSchema,
  ...writableFields,
  externalAuthId: z.string().nullable(),
  ...serverManagedShape,
});
export type TechnicalUser = z.infer<typeof technicalUserSchema>;

/** POST body: `name` required, everything else optional with the API's defaults. */
export const technicalUserCreateSchema = z
  .object({
    id: idSchema.optional(),
    name: writableFields.name,
    description: writableFields.description.optional(),
    kind: writableFields.kind.optional(),
    category: writableFields.category.optional(),
    dataFields: writableFields.dataFields.optional(),
    language: writableFields.language.optional(),
    timeZone: writableFields.timeZone.optional(),
    notificationEmail: writableFields.notificationEmail.optional(),
    subscriptions: writableFields.subscriptions.optional(),
    active: writableFields.active.optional(),
    permissionRole: writableFields.permissionRole.optional(),
    customRoles: writableFields.customRoles.optional(),
    accessControlEntities: writableFields.accessControlEntities.optional(),
    roleIds: writableFields.roleIds.optional(),
  })
  .strict();
export type TechnicalUserCreate = z.infer<typeof technicalUserCreateSchema>;

export const technicalUserPatchSchema = z.object(writableFields).partial().strict();
export type TechnicalUserPatch = z.infer<typeof technicalUserPatchSchema>;

/** Writable fields in a fixed order: what "same content" compares. */
export const technicalUserWritableKeys = Object.keys(writableFields) as Array<keyof typeof writableFields>;
export type TechnicalUserWritable = Pick<TechnicalUser, (typeof technicalUserWritableKeys)[number]>;

/**
 * What a new technical user has where its creator said nothing (API.md,
 * "Technical users"): kind `integration`, active, permission role `viewer`,
 * language `en`, the tenant's time zone, and no roles — none is ever
 * assigned automatically. The tenant creates with these; the console's
 * offline create and its form start from them.
 */
export function newTechnicalUserDefaults(tenantTimeZone: string): Omit<TechnicalUserWritable, 'name'> {
  return {
    description: '',
    kind: 'integration',
    category: '',
    dataFields: [],
    language: 'en',
    timeZone: tenantTimeZone,
    notificationEmail: null,
    subscriptions: [],
    active: true,
    permissionRole: 'viewer',
    customRoles: [],
    accessControlEntities: [],
    roleIds: [],
  };
}

/** A create's writable fields, each as sent or else its default. */
export function withCreateDefaults(input: TechnicalUserCreate, tenantTimeZone: string): TechnicalUserWritable {
  const defaults: Omit<TechnicalUserWritable, 'name'> = newTechnicalUserDefaults(tenantTimeZone);
  const fields = { name: input.name } as Record<string, unknown>;
  for (const key of technicalUserWritableKeys) if (key !== 'name') fields[key] = input[key] ?? defaults[key];
  return fields as TechnicalUserWritable;
}

export const effectivePermissionsSchema = z.object({
  objects: z.array(z.object({ object: z.string(), read: z.boolean(), create: z.boolean(), edit: z.boolean(), delete: z.boolean() })),
  system: z.array(z.string()),
});
export type EffectivePermissions = z.infer<typeof effectivePermissionsSchema>;
