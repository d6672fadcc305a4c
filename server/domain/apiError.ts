import { errorCodes, type ApiErrorCode } from '../../shared/api/common.ts';

/** A refusal with one of the API's stable codes; the HTTP layer turns it into `{ code, message, details? }`. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = errorCodes[code];
    this.details = details;
  }
}
