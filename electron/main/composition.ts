import type { AppInfo } from '../../shared/ipc/contract.ts';
import { createAppInfoProvider } from './app/appInfo.ts';
import { createIpcHandlers } from './ipc/handlers.ts';
import { createIpcRouter, type IpcRouter } from './ipc/ipcRouter.ts';
import { createSenderPolicy } from './ipc/senderPolicy.ts';
import type { Logger } from '../../shared/logger.ts';
import { buildApplicationMenu, type MenuAction, type MenuSpec } from './menu/applicationMenu.ts';
import { createMenuActionHandler } from './menu/menuActionHandler.ts';
import type { DialogPort } from './ports/dialogPort.ts';
import type { EventSink } from './ports/eventSink.ts';
import type { ExternalOpenerPort } from './ports/externalOpenerPort.ts';
import type { SettingsStorePort } from './ports/settingsStorePort.ts';
import type { ThemePort } from './ports/themePort.ts';
import { createPreferencesService, type PreferencesService } from './preferences/preferencesService.ts';
import { createExternalLinks, type ExternalLinks } from './security/externalLinkOpener.ts';
import { SettingsRepository } from './settings/settingsRepository.ts';

/** What main needs from its runtime: Electron adapters in the app, Node stand-ins in the test harness. */
export interface MainPorts {
  readonly settingsStore: SettingsStorePort;
  readonly events: EventSink;
  readonly externalOpener: ExternalOpenerPort;
  readonly dialogs: DialogPort;
  readonly theme: ThemePort;
  readonly logger: Logger;
}

export interface MainConfig {
  readonly appInfo: AppInfo;
  /** Origins whose top-level frame may call main (`app://tessera`, the dev server, the harness server). */
  readonly trustedOrigins: readonly string[];
  readonly developerTools: boolean;
}

export interface MainServices {
  readonly router: IpcRouter;
  readonly menu: MenuSpec[];
  readonly runMenuAction: (action: MenuAction) => Promise<void>;
  readonly preferences: PreferencesService;
  readonly externalLinks: ExternalLinks;
}

/** The one wiring file: builds main's services from ports. Plain Node, no Electron. */
export function composeMain(ports: MainPorts, config: MainConfig): MainServices {
  const { logger } = ports;
  const appInfo = createAppInfoProvider(config.appInfo);
  const settings = new SettingsRepository(ports.settingsStore, logger.child('settings'));
  const preferences = createPreferencesService({ settings, events: ports.events, theme: ports.theme });
  const externalLinks = createExternalLinks(ports.externalOpener, logger.child('links'));
  const handlers = createIpcHandlers({ appInfo, preferences, externalLinks });
  const router = createIpcRouter({ handlers, isTrustedSender: createSenderPolicy(config.trustedOrigins), logger: logger.child('ipc') });
  const runMenuAction = createMenuActionHandler({
    events: ports.events,
    preferences,
    dialogs: ports.dialogs,
    externalLinks,
    appInfo,
    logger: logger.child('menu'),
  });
  const menu = buildApplicationMenu({ platform: config.appInfo.platform, developerTools: config.developerTools });
  return { router, menu, runMenuAction, preferences, externalLinks };
}
