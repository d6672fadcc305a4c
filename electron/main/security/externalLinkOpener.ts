import { CodedError } from '../../../shared/result.ts';
import type { Logger } from '../../../shared/logger.ts';
import type { ExternalOpenerPort } from '../ports/externalOpenerPort.ts';
import { isAllowedExternalUrl } from './externalLinks.ts';

export interface ExternalLinks {
  /** Opens an allow-listed https URL in the user's browser; refuses anything else. */
  open(url: string): Promise<void>;
  isAllowed(url: string): boolean;
}

export function createExternalLinks(opener: ExternalOpenerPort, logger: Logger, allowList?: readonly string[]): ExternalLinks {
  const isAllowed = (url: string) => isAllowedExternalUrl(url, allowList);
  return {
    isAllowed,
    async open(url) {
      if (!isAllowed(url)) {
        logger.warn('external link refused', { url: url.slice(0, 200) });
        throw new CodedError('external_link_blocked', 'Tessera opens only https links to known documentation sites.');
      }
      await opener.open(url);
    },
  };
}
