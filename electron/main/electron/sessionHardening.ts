import type { Session } from 'electron';
import type { Logger } from '../../../shared/logger.ts';
import { securityHeaders } from '../security/contentSecurityPolicy.ts';

/**
 * Session-wide rules: every permission request (camera, notifications
 * from the page, geolocation, HID, …) is denied, and responses from the
 * dev server get the same security headers as the app protocol.
 */
export function hardenSession(session: Session, options: { devServerOrigin: string | null; logger: Logger }): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    options.logger.warn('permission request denied', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  const devServerOrigin = options.devServerOrigin;
  if (devServerOrigin) {
    const headers = securityHeaders({ dev: true });
    session.webRequest.onHeadersReceived({ urls: [`${devServerOrigin}/*`] }, (details, callback) => {
      const responseHeaders = { ...details.responseHeaders };
      for (const [name, value] of Object.entries(headers)) responseHeaders[name] = [value];
      callback({ responseHeaders });
    });
  }
}
