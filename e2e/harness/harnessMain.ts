import Conf from 'conf';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName } from '../../shared/ipc/channels.ts';
import type { EventPayload } from '../../shared/ipc/contract.ts';
import type { ThemePreference } from '../../shared/settings.ts';
import { composeMain, type MainServices } from '../../electron/main/composition.ts';
import { createFileLogSink } from '../../electron/main/logging/fileLogSink.ts';
import { createLogger } from '../../shared/logger.ts';
import type { MessageDialog, SaveDialog } from '../../electron/main/ports/dialogPort.ts';
import { createConfSettingsStore } from '../../electron/main/settings/confSettingsStore.ts';
import { projectRoot } from './paths.ts';
import { createHarnessRevealWindows, type HarnessRevealWindows } from './revealWindowHarness.ts';

/** What the harness's stand-in ports recorded, for tests to assert on. */
export interface HarnessRecorder {
  readonly openedExternally: string[];
  readonly dialogs: MessageDialog[];
  readonly saveDialogs: SaveDialog[];
  readonly themeSources: ThemePreference[];
  readonly events: Array<{ event: EventName; payload: unknown }>;
  readonly notifications: Array<{ title: string; body: string }>;
  /** The stand-in system clipboard: what a paste would give now. */
  readonly clipboard: { text: string; writes: number; clears: number };
}

export interface HarnessMain {
  readonly services: MainServices;
  readonly recorder: HarnessRecorder;
  readonly profileDir: string;
  readonly logFile: string;
  readonly reveal: HarnessRevealWindows;
  /** Where main's events go; set once the page exists. */
  setEventTarget(deliver: ((event: EventName, payload: unknown) => Promise<void>) | null): void;
}

/**
 * Main's real services (the same `composeMain` the Electron app runs) with
 * Node stand-ins for the Electron-only ports: the settings store is `conf`,
 * which electron-store wraps; dialogs and the OS browser are recorded.
 */
export function startHarnessMain(options: { profileDir: string; trustedOrigin: string; connectionCheckIntervalMs?: number; tenantRequestTimeoutMs?: number; clipboardClearMs?: number; revealTimeoutMs?: number }): HarnessMain {
  const { profileDir } = options;
  mkdirSync(profileDir, { recursive: true });
  const logFile = join(profileDir, 'logs', 'main.log');
  const logger = createLogger(createFileLogSink(logFile), { level: 'debug' });
  const recorder: HarnessRecorder = { openedExternally: [], dialogs: [], saveDialogs: [], themeSources: [], events: [], notifications: [], clipboard: { text: '', writes: 0, clears: 0 } };
  const reveal = createHarnessRevealWindows();
  let deliver: ((event: EventName, payload: unknown) => Promise<void>) | null = null;

  const services = composeMain(
    {
      settingsStore: createConfSettingsStore(
        () => new Conf<Record<string, unknown>>({ cwd: profileDir, configName: 'settings', projectName: 'tessera', clearInvalidConfig: false, accessPropertiesByDotNotation: false }),
        join(profileDir, 'settings.json'),
        logger.child('settings'),
      ),
      events: {
        emit<E extends EventName>(event: E, payload: EventPayload<E>) {
          recorder.events.push({ event, payload });
          void deliver?.(event, payload).catch((error: unknown) => logger.warn('event not delivered to the page', { event, error }));
        },
      },
      externalOpener: {
        open: async (url) => {
          recorder.openedExternally.push(url);
        },
      },
      dialogs: {
        showMessage: async (dialog) => {
          recorder.dialogs.push(dialog);
          return dialog.defaultId ?? 0;
        },
        // The save dialog "chooses" the suggested name in the profile's exports folder.
        showSave: async (dialog) => {
          recorder.saveDialogs.push(dialog);
          const dir = join(profileDir, 'exports');
          mkdirSync(dir, { recursive: true });
          return join(dir, dialog.defaultName);
        },
      },
      theme: { setThemeSource: (theme) => recorder.themeSources.push(theme) },
      logger,
      clipboard: {
        readText: async () => recorder.clipboard.text,
        writeText: async (text) => {
          recorder.clipboard.text = text;
          recorder.clipboard.writes += 1;
        },
        clear: () => {
          recorder.clipboard.text = '';
          recorder.clipboard.clears += 1;
        },
      },
      notifications: { isSupported: () => true, show: ({ title, body }) => void recorder.notifications.push({ title, body }) },
      revealWindows: reveal.port,
    },
    {
      appInfo: {
        name: 'Tessera',
        version: process.env.npm_package_version ?? '0.0.0',
        platform: process.platform,
        runtime: 'harness',
        versions: { electron: null, chrome: null, node: process.versions.node },
      },
      trustedOrigins: [options.trustedOrigin],
      developerTools: false,
      dataDir: profileDir,
      appRoot: projectRoot,
      // Demo tenants run with this Node.js (the project's), as `npm start` runs them from source.
      nodePath: process.execPath,
      connectionCheckIntervalMs: options.connectionCheckIntervalMs ?? 1_000,
      ...(options.tenantRequestTimeoutMs ? { tenantRequestTimeoutMs: options.tenantRequestTimeoutMs } : {}),
      ...(options.clipboardClearMs ? { clipboardClearMs: options.clipboardClearMs } : {}),
      ...(options.revealTimeoutMs ? { revealTimeoutMs: options.revealTimeoutMs } : {}),
    },
  );
  return { services, recorder, profileDir, logFile, reveal, setEventTarget: (target) => (deliver = target) };
}
