import type { ReplicationCollection } from '../../shared/api/replication.ts';

/**
 * Where a tenant's sync stands: `initial` until its first full sync ever is
 * done, `catching-up` when it is online again (or the app started) and has
 * not finished a full sync since, `live` after one, `paused` while offline.
 */
export type SyncPhase = 'waiting' | 'initial' | 'catching-up' | 'live' | 'paused';

/** What went wrong, with a stable code the UI can act on and a message a person can read. */
export interface SyncError {
  readonly code: string;
  readonly message: string;
}

/**
 * Everything the sync engine tells the rest of the app, per tenant. The
 * engine imports no UI: an adapter folds these into the status store, and
 * tests read them directly.
 */
export type SyncEvent =
  | { readonly type: 'phase'; readonly tenantId: string; readonly phase: SyncPhase }
  /** Documents received from the tenant (pull pages and stream events), for progress. */
  | { readonly type: 'received'; readonly tenantId: string; readonly collection: ReplicationCollection; readonly count: number }
  /** A collection's pull reached the tenant's latest state, everything written. */
  | { readonly type: 'caught-up'; readonly tenantId: string; readonly collection: ReplicationCollection }
  /** A full sync finished: every collection caught up and committed, every pending change sent. */
  | { readonly type: 'synced'; readonly tenantId: string; readonly at: number }
  /** Changes waiting for the tenant, after any change to them. */
  | { readonly type: 'pending'; readonly tenantId: string; readonly count: number }
  /** A push answered: how many rows the tenant took, how many came back as conflicts or refusals. */
  | { readonly type: 'pushed'; readonly tenantId: string; readonly accepted: number; readonly conflicts: number; readonly rejections: number }
  /** Fields both sides changed: the tenant's value kept, the local one waiting in the Sync view. */
  | { readonly type: 'conflict'; readonly tenantId: string; readonly docId: string; readonly fields: readonly string[] }
  /** A change the tenant refused, kept with its reason. */
  | { readonly type: 'rejection'; readonly tenantId: string; readonly docId: string; readonly code: string; readonly message: string }
  /** Something failed; the engine goes on (the tenant is retried), nothing is dropped. */
  | { readonly type: 'error'; readonly tenantId: string; readonly source: 'pull' | 'push' | 'stream' | 'storage'; readonly error: SyncError }
  /** The tenant's connection is gone: nothing more about it will come. */
  | { readonly type: 'removed'; readonly tenantId: string };
