import { RuleTester } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { architectureRule, windowFactoryRule } from './architectureRule.ts';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve(import.meta.dirname, '../..');
const at = (file: string) => path.join(root, file);
const options = [{ root }];
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2024, sourceType: 'module' } });

tester.run('tessera/architecture', architectureRule, {
  valid: [
    { filename: at('shared/ipc/contract.ts'), code: "import { z } from 'zod'; import { x } from '../result.ts';", options },
    { filename: at('renderer/shell/App.tsx'), code: "import { createRoot } from 'react-dom/client'; import { sections } from '../../shared/sections.ts'; document.title = 'x';", options },
    { filename: at('electron/preload/index.ts'), code: "import { contextBridge } from 'electron'; import { createBridge } from '../../shared/ipc/bridge.ts';", options },
    { filename: at('electron/main/windows/windowOptions.ts'), code: "import type { WebPreferences } from 'electron'; import { join } from 'node:path';", options },
    { filename: at('electron/main/windows/windowOptions.ts'), code: "import { type WebPreferences } from 'electron';", options },
    { filename: at('electron/main/electron/ports.ts'), code: "import ElectronStore from 'electron-store'; import { shell } from 'electron';", options },
    { filename: at('electron/main/index.ts'), code: "import { startElectronApp } from './electron/app.ts';", options },
    { filename: at('server/http/app.ts'), code: "import { createServer } from 'node:http'; import { z } from '../../shared/result.ts';", options },
    { filename: at('e2e/harness/app.ts'), code: "import { _electron } from 'playwright'; import { composeMain } from '../../electron/main/composition.ts';", options },
    { filename: at('electron/main/vault/credentialVault.ts'), code: "import { AsyncEntry } from '@napi-rs/keyring'; import dbus from '@homebridge/dbus-native';", options },
    // The sync engine and the replica are headless; their UI glue (hooks, stores, adapters) binds them to React.
    { filename: at('renderer/sync/syncEngine.ts'), code: "import { Subject } from 'rxjs'; import { PageStore } from '../db/pages/pageStore.ts'; import { SyncFailure } from './syncFailure.ts';", options },
    { filename: at('renderer/sync/useDatabase.ts'), code: "import { useState } from 'react'; import { useConnectionsStore } from '../state/connectionsStore.ts'; import { SyncEngine } from './syncEngine.ts';", options },
    { filename: at('renderer/sync/syncStatusAdapter.ts'), code: "import { useSyncStatusStore } from '../state/syncStatusStore.ts';", options },
  ],
  invalid: [
    { filename: at('renderer/views/Bad.tsx'), code: "import { ipcRenderer } from 'electron';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('renderer/views/Bad.tsx'), code: "import fs from 'node:fs';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('renderer/views/Bad.tsx'), code: "import { readFile } from 'fs';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('renderer/views/Bad.tsx'), code: "import { composeMain } from '../../electron/main/composition.ts';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('renderer/views/Bad.tsx'), code: "const e = await import('electron');", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('renderer/views/Bad.tsx'), code: "const e = require('electron');", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('shared/bad.ts'), code: "import { app } from 'electron';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('shared/bad.ts'), code: "import { readFileSync } from 'node:fs';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('shared/bad.ts'), code: "import { useState } from 'react';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('shared/bad.ts'), code: "import { x } from '../renderer/x.ts';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('shared/bad.ts'), code: 'export const title = () => document.title;', options, errors: [{ messageId: 'domGlobal' }] },
    { filename: at('shared/bad.ts'), code: "export const store = () => window.localStorage.getItem('x');", options, errors: [{ messageId: 'domGlobal' }] },
    { filename: at('electron/preload/index.ts'), code: "import { readFileSync } from 'node:fs';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('electron/preload/index.ts'), code: "import { z } from 'zod';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('electron/preload/index.ts'), code: "import { composeMain } from '../main/composition.ts';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('electron/main/ipc/handlers.ts'), code: "import { shell } from 'electron';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('electron/main/settings/store.ts'), code: "import Store from 'electron-store';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('electron/main/composition.ts'), code: "import { openWindow } from './electron/windows.ts';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('electron/main/composition.ts'), code: "export { app } from 'electron';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('server/http/app.ts'), code: "import { app } from 'electron';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('server/http/app.ts'), code: "import { x } from '../../renderer/state/uiStore.ts';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('server/http/app.ts'), code: "import { x } from '../../electron/main/composition.ts';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('electron/main/connections/connectionService.ts'), code: "import { Entry } from '@napi-rs/keyring';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('electron/main/electron/ports.ts'), code: "import dbus from '@homebridge/dbus-native';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('renderer/views/Bad.tsx'), code: "import keytar from 'keytar';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('renderer/sync/syncEngine.ts'), code: "import { create } from 'zustand';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('renderer/sync/tenantPush.ts'), code: "import { useEffect } from 'react';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('renderer/sync/syncEngine.ts'), code: "import { useSyncStatusStore } from '../state/syncStatusStore.ts';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('renderer/sync/syncEngine.ts'), code: "import { foldSyncEvents } from './syncStatusAdapter.ts';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('renderer/db/pages/tokenTable.ts'), code: "import { useNoticesStore } from '../../state/noticesStore.ts';", options, errors: [{ messageId: 'boundary' }] },
    { filename: at('renderer/sync/pendingLedger.ts'), code: "import { usePulled } from './useDatabase.ts';", options, errors: [{ messageId: 'boundary' }] },
  ],
});

tester.run('tessera/window-factory', windowFactoryRule, {
  valid: [
    { filename: at('electron/main/electron/windows.ts'), code: 'new BrowserWindow(spec.options);', options },
    { filename: at('electron/main/electron/app.ts'), code: 'openWindow(createWindowOptions("main", input), url);', options },
  ],
  invalid: [
    { filename: at('electron/main/electron/app.ts'), code: 'new BrowserWindow({ webPreferences: { sandbox: false } });', options, errors: [{ messageId: 'direct' }] },
    { filename: at('electron/main/electron/reveal.ts'), code: 'new electron.BrowserWindow({});', options, errors: [{ messageId: 'direct' }] },
  ],
});
