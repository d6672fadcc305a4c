import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { appOrigin, revealOrigin, revealPagePath } from '../app/appProtocolPaths.ts';
import { composeMain } from '../composition.ts';
import { createFileLogSink } from '../logging/fileLogSink.ts';
import { createLogger } from '../../../shared/logger.ts';
import { originOf } from '../ipc/senderPolicy.ts';
import { createWindowOptions, revealPartition } from '../windows/windowOptions.ts';
import { registerAppScheme, serveRenderer, serveReveal } from './appProtocol.ts';
import { bindIpc } from './ipc.ts';
import { installApplicationMenu } from './menu.ts';
import { electronClipboard, electronDialogs, electronEventSink, electronExternalOpener, electronNotifications, electronSettingsStore, electronTheme } from './ports.ts';
import { electronRevealWindows } from './revealWindows.ts';
import { hardenSession } from './sessionHardening.ts';
import { hardenWebContents } from './webContentsHardening.ts';
import { openWindow } from './windows.ts';

/** Starts the desktop app: Electron adapters around the plain-Node services of `composeMain`. */
export function startElectronApp(): void {
  app.enableSandbox();
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
  const devServerOrigin = devServerUrl ? originOf(devServerUrl) : null;
  const appOrigins = [appOrigin, ...(devServerOrigin ? [devServerOrigin] : [])];
  const allowDevTools = !app.isPackaged;
  let mainWindow: BrowserWindow | null = null;

  void app.whenReady().then(() => {
    const userData = app.getPath('userData');
    const logger = createLogger(createFileLogSink(join(userData, 'logs', 'main.log')), { level: allowDevTools ? 'debug' : 'info' });
    process.on('uncaughtException', (error) => logger.error('uncaught exception in main', { error }));
    process.on('unhandledRejection', (error) => logger.error('unhandled rejection in main', { error }));
    const rendererRoot = join(import.meta.dirname, '../renderer');
    let openMainWindow: () => void = () => undefined;
    const focusMain = () => {
      if (!mainWindow) return;
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    };
    // A notification click brings the console back, opening it again if it was closed (macOS keeps running).
    const showMain = () => (mainWindow ? focusMain() : openMainWindow());

    const services = composeMain(
      {
        settingsStore: electronSettingsStore(userData, logger.child('settings')),
        events: electronEventSink(() => (mainWindow ? [mainWindow] : [])),
        externalOpener: electronExternalOpener,
        dialogs: electronDialogs(() => mainWindow),
        theme: electronTheme,
        logger,
        clipboard: electronClipboard,
        notifications: electronNotifications(showMain),
        revealWindows: electronRevealWindows({
          ipcMain,
          parent: () => mainWindow,
          preloadPath: join(import.meta.dirname, '../preload/reveal.cjs'),
          url: devServerUrl ? new URL(revealPagePath, devServerUrl).toString() : `${revealOrigin}${revealPagePath}`,
          logger: logger.child('reveal-window'),
        }),
      },
      {
        appInfo: {
          name: app.getName(),
          version: app.getVersion(),
          platform: process.platform,
          runtime: 'electron',
          versions: { electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null, node: process.versions.node },
        },
        trustedOrigins: appOrigins,
        developerTools: allowDevTools,
        dataDir: userData,
        appRoot: app.getAppPath(),
        // From a source checkout (`npm start`), demo tenants run with the project's Node.js.
        nodePath: app.isPackaged ? null : (process.env.npm_node_execpath ?? 'node'),
      },
    );

    app.on('web-contents-created', (_event, contents) =>
      hardenWebContents(contents, { appOrigins, externalLinks: services.externalLinks, logger: logger.child('web'), allowDevTools }),
    );
    hardenSession(session.defaultSession, { devServerOrigin, logger: logger.child('session') });
    serveRenderer(rendererRoot);
    // The reveal window's in-memory session gets the same hardening and serves only the reveal page.
    const revealSession = session.fromPartition(revealPartition);
    hardenSession(revealSession, { devServerOrigin, logger: logger.child('reveal-session') });
    serveReveal(revealSession, rendererRoot);
    bindIpc(ipcMain, services.router);
    installApplicationMenu(services.menu, services.runMenuAction);

    const openMain = () => {
      const spec = createWindowOptions('main', {
        preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
        allowDevTools,
        icon: join(import.meta.dirname, '../../resources/icon.png'),
        backgroundColor: services.preferences.get().theme === 'dark' ? '#15171c' : '#f6f7f9',
      });
      mainWindow = openWindow(spec, devServerUrl ?? `${appOrigin}/index.html`);
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
    };
    openMainWindow = openMain;
    openMain();
    app.on('second-instance', focusMain);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openMain();
    });
    void services.start();
    app.on('before-quit', () => void services.stop());
    logger.info('Tessera started', { version: app.getVersion(), electron: process.versions.electron });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
