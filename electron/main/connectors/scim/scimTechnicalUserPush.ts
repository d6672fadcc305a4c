import { technicalUserWritableKeys, type TechnicalUser, type TechnicalUserWritable } from '../../../../shared/api/technicalUsers.ts';
import { CodedError } from '../../../../shared/result.ts';
import { scimUserFrom, type ScimResource } from '../../../../shared/scim/scimUsers.ts';
import { sameValue } from '../../../../shared/sync/threeWayMerge.ts';
import type { ScimClient } from './scimClient.ts';
import type { ScimTechnicalUserFeed } from './scimTechnicalUserFeed.ts';

/** One push row as the replica sends it (API.md, "Replication"): the new state and the state it was based on. */
export interface PushRow {
  readonly newDocumentState: Record<string, unknown> & { id: string; _deleted?: boolean };
  readonly assumedMasterState: (Record<string, unknown> & { revision?: number }) | null;
}

/** What became of a row, as the v1 push answers: written, a conflict (the service's state comes back), or refused with a code. */
export type PushOutcome =
  | { readonly kind: 'applied'; readonly master: TechnicalUser | null }
  | { readonly kind: 'conflict'; readonly master: TechnicalUser | { id: string; _deleted: true } }
  | { readonly kind: 'rejected'; readonly code: string; readonly message: string; readonly master: TechnicalUser | null };

const writable = (doc: Record<string, unknown>) => Object.fromEntries(technicalUserWritableKeys.map((k) => [k, doc[k]])) as TechnicalUserWritable;
const sameContent = (a: Record<string, unknown>, b: Record<string, unknown>) => technicalUserWritableKeys.every((k) => sameValue(a[k], b[k]));

/**
 * A replica's push of one technical user, as SCIM calls, with v1's
 * semantics: a write based on a state the service no longer has is a
 * conflict (the service's state comes back, for the three-way merge); a
 * write of what the service already holds succeeds without a call (a
 * retry after a lost answer is never a conflict); a refusal keeps its code.
 *
 * Where the service keeps ETags, the write carries `If-Match` with the
 * version of the state it was based on and a 412 is the conflict. Where it
 * does not, the current state is read and compared first — which leaves a
 * race between that read and the write (README).
 */
export async function pushScimTechnicalUser(deps: { client: ScimClient; feed: ScimTechnicalUserFeed; etag: boolean; mark: Readonly<Record<string, unknown>> }, row: PushRow): Promise<PushOutcome> {
  const { client, feed } = deps;
  const { id } = row.newDocumentState;
  const path = `/Users/${encodeURIComponent(id)}`;
  try {
    if (!row.assumedMasterState) {
      if (row.newDocumentState._deleted) return { kind: 'applied', master: null };
      if (hasRoles(row.newDocumentState)) return rolesRefused(null);
      const created = await client.create('/Users', { ...scimUserFrom(writable(row.newDocumentState), null), ...deps.mark });
      return { kind: 'applied', master: feed.takeResource(created) };
    }
    const assumedRevision = row.assumedMasterState.revision;
    // The state the write is based on: the resource as last read, if that is the one the replica assumed.
    const lastRead = feed.lastRead(id);
    const known = lastRead ? feed.known(id) : undefined;
    let base: { resource: ScimResource; version: string | null };
    let current: TechnicalUser;
    if (deps.etag && lastRead && known && known.revision === assumedRevision) {
      base = lastRead;
      current = known;
    } else {
      // No version to send (or not the assumed one): read the service's state now and compare.
      const fresh = await readCurrent(client, path);
      if (!fresh) {
        feed.takeDeleted(id);
        return row.newDocumentState._deleted ? { kind: 'applied', master: null } : { kind: 'conflict', master: { id, _deleted: true } };
      }
      current = feed.takeResource(fresh);
      base = { resource: fresh, version: feed.lastRead(id)?.version ?? null };
    }
    if (row.newDocumentState._deleted) {
      if (current.revision !== assumedRevision) return { kind: 'conflict', master: current };
      await client.remove(path, deps.etag ? base.version : null);
      feed.takeDeleted(id);
      return { kind: 'applied', master: null };
    }
    if (sameContent(current, row.newDocumentState)) return { kind: 'applied', master: current };
    if (current.revision !== assumedRevision) return { kind: 'conflict', master: current };
    if (!sameValue(current.roleIds, row.newDocumentState.roleIds ?? [])) return rolesRefused(current);
    const written = await client.replace(path, scimUserFrom(writable(row.newDocumentState), base.resource), deps.etag ? base.version : null);
    return { kind: 'applied', master: feed.takeResource(written) };
  } catch (error) {
    if (error instanceof CodedError && error.code === 'revision_mismatch') {
      const fresh = await readCurrent(client, path);
      if (!fresh) {
        feed.takeDeleted(id);
        return { kind: 'conflict', master: { id, _deleted: true } };
      }
      return { kind: 'conflict', master: feed.takeResource(fresh) };
    }
    if (error instanceof CodedError && isRefusal(error.code)) {
      return { kind: 'rejected', code: error.code, message: error.message, master: row.assumedMasterState ? (feed.known(id) ?? null) : null };
    }
    throw error;
  }
}

const hasRoles = (doc: Record<string, unknown>) => Array.isArray(doc.roleIds) && doc.roleIds.length > 0;

/** Roles of a SCIM tenant are its groups: membership changes on the group, which Tessera does not write yet — said, never dropped. */
function rolesRefused(master: TechnicalUser | null): PushOutcome {
  return { kind: 'rejected', code: 'validation_failed', message: 'Roles of a SCIM tenant are its groups, and Tessera does not change group membership yet: change the roles on the SCIM service.', master };
}

/** The service said no to this write (as opposed to not answering, or failing): the row waits as a visible refusal. */
function isRefusal(code: string): boolean {
  return code === 'name_taken' || code === 'validation_failed' || code === 'invalid_request' || code === 'forbidden' || code === 'payload_too_large';
}

async function readCurrent(client: ScimClient, path: string): Promise<ScimResource | null> {
  try {
    return await client.get(path);
  } catch (error) {
    if (error instanceof CodedError && error.code === 'not_found') return null;
    throw error;
  }
}
