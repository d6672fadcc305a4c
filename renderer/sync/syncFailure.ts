import type { SyncError, SyncEvent } from './syncEvents.ts';

type Source = Extract<SyncEvent, { type: 'error' }>['source'];

/** A step of a sync that failed with the tenant's (or main's) coded error; the run stops and is tried again. */
export class SyncFailure extends Error {
  readonly source: Source;
  readonly error: SyncError;

  constructor(source: Source, error: SyncError) {
    super(error.message);
    this.name = 'SyncFailure';
    this.source = source;
    this.error = { code: error.code, message: error.message };
  }

  /** Any failure as a coded one: storage or programming errors become `sync_storage_failed`. */
  static of(error: unknown, source: Source = 'storage'): SyncFailure {
    if (error instanceof SyncFailure) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new SyncFailure(source, { code: 'sync_storage_failed', message: `The local copy could not be updated: ${message}` });
  }
}
