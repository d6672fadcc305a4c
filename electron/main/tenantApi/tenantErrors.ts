import { CodedError } from '../../../shared/result.ts';
import { tenantErrorCodes } from '../../../shared/tenantErrorCodes.ts';
import type { TransportError } from './httpTransport.ts';

/** A transport failure as the coded error the rest of main sees (`tenant_unreachable`, `tenant_timeout`, …). */
export function fromTransport(error: TransportError): CodedError {
  return new CodedError(tenantErrorCodes[error.kind], error.message, error.causeCode ? { cause: error.causeCode } : undefined);
}
