import { errorCodes, type ApiErrorCode } from '../../shared/api/common.ts';
import { CodedError } from '../../shared/result.ts';

/** A refusal with one of the API's stable codes (a `CodedError` whose code the API lists); the HTTP layer turns it into `{ code, message, details? }`. */
export class ApiError extends CodedError {
  declare readonly code: ApiErrorCode;
  readonly status: number;

  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(code, message, details);
    this.name = 'ApiError';
    this.status = errorCodes[code];
  }
}
