import { CodedError } from '../../../shared/result.ts';
import { tenantErrorCodes } from '../../../shared/tenantErrorCodes.ts';
import type { TransportError } from './httpTransport.ts';

export { offlineCodes, tenantErrorCodes } from '../../../shared/tenantErrorCodes.ts';

export function fromTransport(error: TransportError): CodedError {
  return new CodedError(tenantErrorCodes[error.kind], error.message, error.causeCode ? { cause: error.causeCode } : undefined);
}
