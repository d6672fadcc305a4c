import type { ReplicationCollection } from '../api/replication.ts';

/**
 * Local (replica) documents are the server's documents plus a few local-only
 * fields, added on pull and stripped on push so a tenant only ever sees its
 * own document shape:
 * - `tenantId`: the local connection id the document belongs to (never the
 *   server's tenant id: a connection's id never changes);
 * - `key`: `<tenantId>|<id>`, the local primary key (collections are shared
 *   by all tenants);
 * - `serverRevision`: the server's `revision` (`revision` is reserved by RxDB);
 * - `localChangedAt`: when this copy was last edited here and not yet
 *   confirmed by the tenant (epoch ms; 0 once it has been — a number so it
 *   can be indexed).
 */
export const localOnlyFields = ['tenantId', 'key', 'serverRevision', 'localChangedAt'] as const;

export type LocalDocument<T extends { id: string }> = Omit<T, 'revision'> & {
  tenantId: string;
  key: string;
  serverRevision?: number;
  localChangedAt: number;
  _deleted?: boolean;
};

/** Local RxDB collection names (RxDB allows only [a-z0-9]). */
export const localCollectionOf: Record<ReplicationCollection, string> = {
  'technical-users': 'technicalusers',
  roles: 'roles',
  tokens: 'tokens',
  'session-days': 'sessiondays',
  audit: 'audit',
};

export const keySeparator = '|';

/** The one way to name a document of one tenant locally: `<tenantId>|<id>` (also the key of maps and caches over all tenants). */
export function localKey(tenantId: string, id: string): string {
  // A template, not compositeKey's join: this runs for every row of the index.
  return `${tenantId}${keySeparator}${id}`;
}

/** A key of several parts over all tenants (a checkpoint `tenantId|collection`, a conflict `tenantId|collection|id|field`), joined like a local key. */
export function compositeKey(...parts: readonly string[]): string {
  return parts.join(keySeparator);
}

/** The two parts of a local key (a tenant id is a UUID, so the first separator splits them). */
export function splitLocalKey(key: string): { tenantId: string; id: string } {
  const at = key.indexOf(keySeparator);
  return at < 0 ? { tenantId: key, id: '' } : { tenantId: key.slice(0, at), id: key.slice(at + 1) };
}

/** A server document as it is kept locally for one tenant. */
export function toLocalDocument(tenantId: string, doc: Record<string, unknown>): Record<string, unknown> {
  const { revision, ...rest } = doc;
  const local: Record<string, unknown> = { ...rest, tenantId, key: localKey(tenantId, String(doc.id)), localChangedAt: 0 };
  if (revision !== undefined) local.serverRevision = revision;
  return local;
}

/** A local document as the tenant expects it: local-only fields removed, `revision` restored. */
export function toServerDocument(doc: Record<string, unknown>): Record<string, unknown> {
  const server: Record<string, unknown> = {};
  for (const field in doc) if (!notForTheServer.has(field)) server[field] = doc[field];
  if (doc.serverRevision !== undefined) server.revision = doc.serverRevision;
  return server;
}

/** The local-only fields, and RxDB's own bookkeeping fields. */
const notForTheServer: ReadonlySet<string> = new Set<string>([...localOnlyFields, '_meta', '_rev', '_attachments']);
