import type { AppInfoProvider } from '../app/appInfo.ts';
import type { PreferencesService } from '../preferences/preferencesService.ts';
import type { ExternalLinks } from '../security/externalLinkOpener.ts';
import type { IpcHandlers } from './ipcRouter.ts';

/** Every IPC command's handler, built from the services that carry it out. */
export function createIpcHandlers(services: {
  appInfo: AppInfoProvider;
  preferences: PreferencesService;
  externalLinks: ExternalLinks;
}): IpcHandlers {
  return {
    'app:getInfo': () => services.appInfo(),
    'app:openExternal': async ({ url }) => {
      await services.externalLinks.open(url);
      return null;
    },
    'preferences:get': () => services.preferences.get(),
    'preferences:update': (patch) => services.preferences.update(patch),
  };
}
