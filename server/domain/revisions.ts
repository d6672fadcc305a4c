import { ApiError } from './apiError.ts';

/** Optimistic concurrency: a stale `If-Match` revision gets 412 with the current state. */
export function checkRevision(current: { revision: number }, ifMatch: number | undefined): void {
  if (ifMatch !== undefined && ifMatch !== current.revision) {
    throw new ApiError('revision_mismatch', `The document changed since you read it (now at revision ${current.revision}).`, current);
  }
}
