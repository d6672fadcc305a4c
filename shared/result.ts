/**
 * Errors are values at every boundary (IPC, HTTP, replication): a stable
 * `code` the UI can act on and a `message` a person can read.
 */
export interface AppError {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(code: string, message: string, details?: unknown): Result<never> {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}

/** Thrown inside a process and turned into an `err(...)` at the boundary. */
export class CodedError extends Error {
  readonly code: string;
  readonly details?: unknown;

  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'CodedError';
    this.code = code;
    this.details = details;
  }
}
