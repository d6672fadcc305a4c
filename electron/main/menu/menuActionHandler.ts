import type { Logger } from '../../../shared/logger.ts';
import type { DialogPort } from '../ports/dialogPort.ts';
import type { EventSink } from '../ports/eventSink.ts';
import type { PreferencesService } from '../preferences/preferencesService.ts';
import type { AppInfoProvider } from '../app/appInfo.ts';
import type { ExternalLinks } from '../security/externalLinkOpener.ts';
import type { MenuAction } from './applicationMenu.ts';

/** Carries out what a menu item asks for. */
export function createMenuActionHandler(deps: {
  events: EventSink;
  preferences: PreferencesService;
  dialogs: DialogPort;
  externalLinks: ExternalLinks;
  appInfo: AppInfoProvider;
  logger: Logger;
}): (action: MenuAction) => Promise<void> {
  return async (action) => {
    switch (action.type) {
      case 'navigate':
        deps.events.emit('app:navigate', { section: action.section });
        return;
      case 'setTheme':
        deps.preferences.update({ theme: action.theme });
        return;
      case 'openExternal':
        await deps.externalLinks.open(action.url);
        return;
      case 'about': {
        const info = deps.appInfo();
        await deps.dialogs.showMessage({
          type: 'info',
          title: 'About Tessera',
          message: `Tessera ${info.version}`,
          detail: `One console for the technical users your integrations run as, across every tenant.\n\nElectron ${info.versions.electron ?? '—'} · Chromium ${info.versions.chrome ?? '—'} · Node ${info.versions.node}`,
          buttons: ['OK'],
        });
        return;
      }
    }
  };
}
