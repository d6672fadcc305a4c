import { isTimeZone, languageSchema, type Actor } from '../api/common.ts';
import { permissionRoles, technicalUserKinds, type DataField, type TechnicalUser, type TechnicalUserWritable } from '../api/technicalUsers.ts';
import { canonicalJson } from '../canonicalJson.ts';

/**
 * SCIM 2.0 (RFC 7643) `User` resources as Tessera's technical users, both
 * ways. SCIM's core attributes carry what they can (`userName`, `active`,
 * `preferredLanguage`, `timezone`, `emails`); the rest goes into Tessera's
 * own extension schema. Nothing the server sent is lost on the way back:
 * a write starts from the resource as last read and changes only what
 * Tessera maps, so unknown attributes and other extensions stay as they were.
 */

export const userSchemaUrn = 'urn:ietf:params:scim:schemas:core:2.0:User';
/** Tessera's extension of `User` for the fields SCIM's core schema lacks (in the `urn:ietf:params:scim:schemas:` namespace: some servers, scimmy among them, accept no other). */
export const tesseraUserExtensionUrn = 'urn:ietf:params:scim:schemas:extension:tessera:2.0:TechnicalUser';

/** A SCIM resource as it crosses the wire: known attributes typed loosely, everything else kept. */
export type ScimResource = Record<string, unknown> & { id?: string; schemas?: string[]; meta?: ScimMeta };
export interface ScimMeta {
  readonly resourceType?: string;
  readonly created?: string;
  readonly lastModified?: string;
  readonly version?: string;
  readonly location?: string;
}

/** What the extension holds (every attribute optional: a server may drop what it does not know). */
interface TesseraExtension {
  description?: string;
  kind?: string;
  category?: string;
  dataFields?: DataField[];
  permissionRole?: string;
  subscriptions?: string[];
  customRoles?: string[];
  accessControlEntities?: string[];
}

/** A technical user read from a SCIM service, in the replica's v1 shape, with what a write needs to be checked against. */
export interface ScimTechnicalUser {
  readonly user: TechnicalUser;
  /** The server's version of the resource (its ETag), if it keeps one. */
  readonly version: string | null;
}

/** Who changed a resource, when a SCIM service does not say (it never does). */
export const scimActor: Actor = { clientId: 'scim', name: 'the SCIM service', email: null };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

/** A SCIM date-time as the replica stores times (UTC, milliseconds), or null when there is none or it is not a date. */
export function scimTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

/** `en_US` and `en-US` alike; anything that is not a language tag becomes the default. */
function languageOf(value: unknown): string {
  const tag = typeof value === 'string' ? value.replace(/_/g, '-') : '';
  return languageSchema.safeParse(tag).success ? tag : 'en';
}

/** The address notifications go to: the primary e-mail, else the first one. */
function emailOf(value: unknown): string | null {
  const emails = Array.isArray(value) ? value.filter(isRecord) : [];
  const chosen = emails.find((e) => e.primary === true) ?? emails[0];
  return typeof chosen?.value === 'string' && chosen.value ? chosen.value : null;
}

/**
 * A 31-bit revision from a text (an ETag, or a document without one): the
 * replica's revisions are positive integers. FNV-1a; equal texts give
 * equal revisions, so an unchanged resource is no change.
 */
export function revisionOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 1) || 1;
}

/**
 * Reads a SCIM `User` as a technical user. `seenAt` is when Tessera saw it
 * (the service's `meta.lastModified` wins where it has one); `timeZone` is
 * the tenant's default for a user without one.
 */
export function technicalUserFromScim(resource: ScimResource, context: { timeZone: string; seenAt: string }): ScimTechnicalUser {
  const ext: TesseraExtension = isRecord(resource[tesseraUserExtensionUrn]) ? (resource[tesseraUserExtensionUrn] as TesseraExtension) : {};
  const version = typeof resource.meta?.version === 'string' && resource.meta.version ? resource.meta.version : null;
  const { meta: _meta, ...content } = resource;
  const createdAt = scimTime(resource.meta?.created) ?? context.seenAt;
  const user: TechnicalUser = {
    id: String(resource.id),
    name: typeof resource.userName === 'string' ? resource.userName : String(resource.id),
    description: typeof ext.description === 'string' ? ext.description : '',
    kind: oneOf(ext.kind, technicalUserKinds, 'integration'),
    category: typeof ext.category === 'string' ? ext.category : '',
    dataFields: Array.isArray(ext.dataFields) ? ext.dataFields.filter((f) => isRecord(f) && typeof f.key === 'string' && typeof f.value === 'string').map((f) => ({ key: f.key, value: f.value })) : [],
    language: languageOf(resource.preferredLanguage),
    timeZone: typeof resource.timezone === 'string' && isTimeZone(resource.timezone) ? resource.timezone : context.timeZone,
    notificationEmail: emailOf(resource.emails),
    subscriptions: strings(ext.subscriptions),
    active: resource.active !== false,
    permissionRole: oneOf(ext.permissionRole, permissionRoles, 'viewer'),
    customRoles: strings(ext.customRoles),
    accessControlEntities: strings(ext.accessControlEntities),
    // Membership is the groups' (RFC 7643 4.1.2: `groups` is read-only on a User).
    roleIds: (Array.isArray(resource.groups) ? resource.groups.filter(isRecord) : []).flatMap((g) => (typeof g.value === 'string' ? [g.value] : [])),
    externalAuthId: null,
    // The service's version where it keeps one, else the content itself: a resource that did not change keeps its revision.
    revision: revisionOf(version ?? canonicalJson(content)),
    createdAt,
    createdBy: scimActor,
    updatedAt: scimTime(resource.meta?.lastModified) ?? createdAt,
    updatedBy: scimActor,
  };
  return { user, version };
}

/**
 * The `User` resource to write for a technical user: `base` (the resource
 * as last read; null for a new one) with the attributes Tessera maps set
 * from `fields`. Everything else in `base` — unknown attributes, other
 * extensions, `externalId`, other e-mails — is kept as it was. Roles are
 * not written here: they are `Group`s, and membership changes on the group.
 */
export function scimUserFrom(fields: TechnicalUserWritable, base: ScimResource | null): ScimResource {
  const { meta: _meta, groups: _groups, ...kept } = base ?? {};
  const schemas = new Set([userSchemaUrn, ...strings(base?.schemas), tesseraUserExtensionUrn]);
  const baseExt = isRecord(base?.[tesseraUserExtensionUrn]) ? (base[tesseraUserExtensionUrn] as Record<string, unknown>) : {};
  const otherEmails = (Array.isArray(base?.emails) ? base.emails.filter(isRecord) : []).filter((e) => e.value !== fields.notificationEmail).map((e) => ({ ...e, primary: false }));
  const emails = fields.notificationEmail ? [{ value: fields.notificationEmail, type: 'work', primary: true }, ...otherEmails] : otherEmails;
  const resource: ScimResource = {
    ...kept,
    schemas: [...schemas],
    userName: fields.name,
    active: fields.active,
    preferredLanguage: fields.language,
    timezone: fields.timeZone,
    ...(emails.length > 0 || base?.emails !== undefined ? { emails } : {}),
    [tesseraUserExtensionUrn]: {
      ...baseExt,
      description: fields.description,
      kind: fields.kind,
      category: fields.category,
      dataFields: fields.dataFields.map((f) => ({ key: f.key, value: f.value })),
      permissionRole: fields.permissionRole,
      subscriptions: [...fields.subscriptions],
      customRoles: [...fields.customRoles],
      accessControlEntities: [...fields.accessControlEntities],
    },
  };
  if (!('displayName' in resource)) resource.displayName = fields.name;
  return resource;
}
