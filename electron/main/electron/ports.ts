import ElectronStore from 'electron-store';
import { app, clipboard, dialog, nativeTheme, Notification, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { Logger } from '../../../shared/logger.ts';
import type { ClipboardPort } from '../ports/clipboardPort.ts';
import type { DialogPort } from '../ports/dialogPort.ts';
import type { NotificationPort } from '../ports/notificationPort.ts';
import type { EventSink } from '../ports/eventSink.ts';
import type { ExternalOpenerPort } from '../ports/externalOpenerPort.ts';
import type { SettingsStorePort } from '../ports/settingsStorePort.ts';
import type { ThemePort } from '../ports/themePort.ts';
import { createConfSettingsStore } from '../settings/confSettingsStore.ts';

/** The Electron side of main's ports: each one a thin call into Electron. */

export function electronSettingsStore(userDataDir: string, logger: Logger): SettingsStorePort {
  const open = () =>
    new ElectronStore<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: false, accessPropertiesByDotNotation: false });
  return createConfSettingsStore(open, join(userDataDir, 'settings.json'), logger);
}

export function electronEventSink(windows: () => BrowserWindow[]): EventSink {
  return {
    emit(event, payload) {
      for (const window of windows()) {
        if (!window.isDestroyed()) window.webContents.send(event, payload);
      }
    },
  };
}

export const electronExternalOpener: ExternalOpenerPort = {
  open: (url) => shell.openExternal(url, { activate: true }),
};

export function electronDialogs(parent: () => BrowserWindow | null): DialogPort {
  return {
    async showMessage(options) {
      const window = parent();
      const box = { ...options, buttons: [...options.buttons], noLink: true };
      const result = window ? await dialog.showMessageBox(window, box) : await dialog.showMessageBox(box);
      return result.response;
    },
    async showSave(options) {
      const window = parent();
      const save = { title: options.title, defaultPath: join(app.getPath('documents'), options.defaultName), filters: options.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) };
      const result = window ? await dialog.showSaveDialog(window, save) : await dialog.showSaveDialog(save);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

export const electronTheme: ThemePort = {
  setThemeSource: (theme) => {
    nativeTheme.themeSource = theme;
  },
};

export const electronClipboard: ClipboardPort = {
  readText: () => clipboard.readText(),
  writeText: (text) => clipboard.writeText(text),
  clear: () => {
    clipboard.clear();
    // Linux also keeps the last selected text (the PRIMARY selection): selecting the secret put it there.
    if (process.platform === 'linux') (clipboard.selection as typeof clipboard | undefined)?.clear();
  },
};

export function electronNotifications(showMain: () => void): NotificationPort {
  // Held until clicked or closed: a notification that is garbage-collected stops answering clicks.
  const live = new Set<Notification>();
  return {
    isSupported: () => Notification.isSupported(),
    show({ title, body, onClick }) {
      const notification = new Notification({ title, body, silent: false });
      live.add(notification);
      notification.on('click', () => {
        live.delete(notification);
        showMain();
        onClick?.();
      });
      notification.on('close', () => live.delete(notification));
      notification.show();
    },
  };
}
