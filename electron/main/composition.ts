import { join } from 'node:path';
import type { AppInfo } from '../../shared/ipc/contract.ts';
import { createAppInfoProvider } from './app/appInfo.ts';
import { createConnectionService, type ConnectionService } from './connections/connectionService.ts';
import { createConnectionStore } from './connections/connectionStore.ts';
import { createReachabilityMonitor } from './connections/reachabilityMonitor.ts';
import type { TenantPort } from './connections/tenantPort.ts';
import { createDemoOutbox } from './demo/demoOutbox.ts';
import { createDemoTenants, type DemoTenants } from './demo/demoTenants.ts';
import { createExportFiles } from './files/exportFiles.ts';
import { createSyncService, type SyncService } from './sync/syncService.ts';
import { createTechnicalUserActions } from './technicalUsers/technicalUserActions.ts';
import { createTenantApiPort, probeTenantApi } from './tenantApi/tenantApiPort.ts';
import { createTenantClientPool } from './tenantApi/tenantClientPool.ts';
import { createCredentialVault, type CredentialVault } from './vault/credentialVault.ts';
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
import type { ClipboardPort } from './ports/clipboardPort.ts';
import type { NotificationPort } from './ports/notificationPort.ts';
import type { RevealWindowPort } from './ports/revealWindowPort.ts';
import { createExpiryReminders } from './tokens/expiryReminders.ts';
import { createTokenActions } from './tokens/tokenActions.ts';
import { createPeopleActions, type PeopleActions } from './people/peopleActions.ts';
import { createTokenReveal, type TokenReveal } from './tokens/tokenReveal.ts';
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
  readonly clipboard: ClipboardPort;
  readonly revealWindows: RevealWindowPort;
  readonly notifications: NotificationPort;
  /** The OS keychain; the real vault unless a test needs another. */
  readonly vault?: CredentialVault;
}

export interface MainConfig {
  readonly appInfo: AppInfo;
  /** Origins whose top-level frame may call main (`app://tessera`, the dev server, the harness server). */
  readonly trustedOrigins: readonly string[];
  readonly developerTools: boolean;
  /** Where the app keeps its own data (demo tenant databases). */
  readonly dataDir: string;
  /** The Node.js that runs the reference tenant server for demo tenants, if any. */
  readonly nodePath: string | null;
  /** The project folder (a source checkout has `server/cli.ts` there). */
  readonly appRoot: string;
  readonly connectionCheckIntervalMs?: number;
  /** How long a request to a tenant may take before it counts as unanswered (tests shorten it). */
  readonly tenantRequestTimeoutMs?: number;
  /** How long a copied secret may stay on the clipboard (tests shorten it). */
  readonly clipboardClearMs?: number;
  /** How long the reveal window stays open by itself. */
  readonly revealTimeoutMs?: number;
}

export interface MainServices {
  readonly router: IpcRouter;
  readonly menu: MenuSpec[];
  readonly runMenuAction: (action: MenuAction) => Promise<void>;
  readonly preferences: PreferencesService;
  readonly externalLinks: ExternalLinks;
  readonly connections: ConnectionService;
  /** How services reach a connection's tenant (tests use it to look at a tenant's client). */
  readonly tenants: TenantPort;
  readonly vault: CredentialVault;
  readonly demo: DemoTenants;
  readonly sync: SyncService;
  readonly reveal: TokenReveal;
  readonly people: PeopleActions;
  /** Starts background work (connection checks, demo tenants). */
  start(): Promise<void>;
  /** Stops it (app quit). */
  stop(): Promise<void>;
}

/**
 * The connections and the way to their tenants: the saved connections, one
 * Tenant Admin API v1 client per connection, the monitor that looks at each
 * tenant, the service behind `connections:*`, and the tenant port the other
 * services reach tenants through. (Exported for the tests of these pieces.)
 */
export function composeConnections(deps: {
  settings: SettingsRepository;
  vault: CredentialVault;
  events: EventSink;
  logger: Logger;
  checkIntervalMs?: number;
  maxOfflineBackoffMs?: number;
  requestTimeoutMs?: number;
}): { connections: ConnectionService; tenants: TenantPort } {
  const { vault, logger } = deps;
  const store = createConnectionStore(deps.settings);
  const clients = createTenantClientPool({
    endpointOf: (id) => store.get(id),
    secretOf: (id) => vault.read(id),
    logger: logger.child('tenant'),
    ...(deps.requestTimeoutMs ? { requestTimeoutMs: deps.requestTimeoutMs } : {}),
  });
  const reachability = createReachabilityMonitor({
    probe: probeTenantApi({ connections: store, clients }),
    connectionIds: () => store.list().map((c) => c.id),
    logger,
    ...(deps.checkIntervalMs ? { checkIntervalMs: deps.checkIntervalMs } : {}),
    ...(deps.maxOfflineBackoffMs ? { maxOfflineBackoffMs: deps.maxOfflineBackoffMs } : {}),
  });
  const connections = createConnectionService({
    store,
    reachability,
    clients,
    vault,
    events: deps.events,
    logger,
    ...(deps.requestTimeoutMs ? { requestTimeoutMs: deps.requestTimeoutMs } : {}),
  });
  return { connections, tenants: createTenantApiPort({ connections: store, reachability, clients }) };
}

/** The one wiring file: builds main's services from ports. Plain Node, no Electron. */
export function composeMain(ports: MainPorts, config: MainConfig): MainServices {
  const { logger } = ports;
  const appInfo = createAppInfoProvider(config.appInfo);
  const settings = new SettingsRepository(ports.settingsStore, logger.child('settings'));
  const preferences = createPreferencesService({ settings, events: ports.events, theme: ports.theme });
  const externalLinks = createExternalLinks(ports.externalOpener, logger.child('links'));
  const vault = ports.vault ?? createCredentialVault({ platform: process.platform, logger: logger.child('vault') });
  const { connections, tenants } = composeConnections({
    settings,
    vault,
    events: ports.events,
    logger: logger.child('connections'),
    ...(config.connectionCheckIntervalMs ? { checkIntervalMs: config.connectionCheckIntervalMs } : {}),
    ...(config.tenantRequestTimeoutMs ? { requestTimeoutMs: config.tenantRequestTimeoutMs } : {}),
  });
  const demo = createDemoTenants({
    dataDir: join(config.dataDir, 'demo-tenants'),
    nodePath: config.nodePath,
    serverCli: join(config.appRoot, 'server', 'cli.ts'),
    connections,
    vault,
    events: ports.events,
    logger: logger.child('demo'),
    outbox: createDemoOutbox({ file: join(config.dataDir, 'demo-tenants', 'mail.json'), events: ports.events, logger: logger.child('demo-mail') }),
  });
  const sync = createSyncService({ connections, tenants, events: ports.events, logger: logger.child('sync') });
  const exportFiles = createExportFiles({ dialogs: ports.dialogs, logger: logger.child('export') });
  const technicalUserActions = createTechnicalUserActions({ tenants });
  const reveal = createTokenReveal({
    windows: ports.revealWindows,
    clipboard: ports.clipboard,
    logger: logger.child('reveal'),
    ...(config.clipboardClearMs ? { clipboardClearMs: config.clipboardClearMs } : {}),
    ...(config.revealTimeoutMs ? { timeoutMs: config.revealTimeoutMs } : {}),
  });
  const tokenActions = createTokenActions({ tenants, reveal, logger: logger.child('tokens') });
  const expiryReminders = createExpiryReminders({ settings, notifications: ports.notifications, events: ports.events, logger: logger.child('reminders') });
  const people = createPeopleActions({ tenants });
  const handlers = createIpcHandlers({ appInfo, preferences, externalLinks, connections, vault, demo, sync, exportFiles, technicalUserActions, tokenActions, expiryReminders, people });
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
  return {
    router,
    menu,
    runMenuAction,
    preferences,
    externalLinks,
    connections,
    tenants,
    vault,
    demo,
    sync,
    people,
    reveal,
    async start() {
      await demo.resume();
      connections.start();
      sync.start();
    },
    async stop() {
      await reveal.shutdown();
      sync.stop();
      connections.stop();
      await demo.stopAll();
    },
  };
}
