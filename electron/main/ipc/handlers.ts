import type { AppInfoProvider } from '../app/appInfo.ts';
import type { ConnectionService } from '../connections/connectionService.ts';
import type { DemoTenants } from '../demo/demoTenants.ts';
import type { ExportFiles } from '../files/exportFiles.ts';
import type { SyncService } from '../sync/syncService.ts';
import type { TechnicalUserActions } from '../technicalUsers/technicalUserActions.ts';
import type { ExpiryReminders } from '../tokens/expiryReminders.ts';
import type { PeopleActions } from '../people/peopleActions.ts';
import type { TokenActions } from '../tokens/tokenActions.ts';
import type { CredentialVault } from '../vault/credentialVault.ts';
import type { PreferencesService } from '../preferences/preferencesService.ts';
import type { ExternalLinks } from '../security/externalLinkOpener.ts';
import type { IpcHandlers } from './ipcRouter.ts';

/** Every IPC command's handler, built from the services that carry it out. */
export function createIpcHandlers(services: {
  appInfo: AppInfoProvider;
  preferences: PreferencesService;
  externalLinks: ExternalLinks;
  connections: ConnectionService;
  vault: CredentialVault;
  demo: DemoTenants;
  sync: SyncService;
  exportFiles: ExportFiles;
  technicalUserActions: TechnicalUserActions;
  tokenActions: TokenActions;
  expiryReminders: ExpiryReminders;
  people: PeopleActions;
}): IpcHandlers {
  const { connections } = services;
  return {
    'app:getInfo': () => services.appInfo(),
    'app:openExternal': async ({ url }) => {
      await services.externalLinks.open(url);
      return null;
    },
    'preferences:get': () => services.preferences.get(),
    'preferences:update': (patch) => services.preferences.update(patch),
    'connections:list': () => connections.list(),
    'connections:add': (draft) => connections.add(draft),
    'connections:update': (edit) => connections.update(edit),
    'connections:remove': ({ id }) => connections.remove(id),
    'connections:reorder': ({ ids }) => connections.reorder(ids),
    'connections:test': (request) => connections.test(request),
    'connections:check': ({ id }) => connections.check(id),
    'vault:status': () => services.vault.status({ fresh: true }),
    'demo:status': () => services.demo.status(),
    'demo:start': () => services.demo.start(),
    'demo:outbox': () => services.demo.outbox(),
    'sync:pull': (request) => services.sync.pull(request),
    'sync:push': (request) => services.sync.push(request),
    'files:saveExport': (request) => services.exportFiles.save(request),
    'technicalUsers:delete': (request) => services.technicalUserActions.delete(request),
    'technicalUsers:sessionsOn': (request) => services.technicalUserActions.sessionsOn(request),
    'people:list': (request) => services.people.list(request),
    'people:integrations': (request) => services.people.integrations(request),
    'people:terminate': (request) => services.people.terminate(request),
    'people:transferApp': (request) => services.people.transferApp(request),
    'people:editIntegration': (request) => services.people.editIntegration(request),
    'tokens:issue': (request) => services.tokenActions.issue(request),
    'tokens:replace': (request) => services.tokenActions.replace(request),
    'tokens:changeExpiry': (request) => services.tokenActions.changeExpiry(request),
    'tokens:revoke': (request) => services.tokenActions.revoke(request),
    'tokens:remindersSent': () => services.expiryReminders.sent(),
    'tokens:remind': ({ reminders, liveConnectionIds }) => services.expiryReminders.remind(reminders, liveConnectionIds),
  };
}
