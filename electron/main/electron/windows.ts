import { BrowserWindow } from 'electron';
import type { WindowSpec } from '../windows/windowOptions.ts';

/**
 * The only place a BrowserWindow is constructed (enforced by lint): every
 * window takes its options from `createWindowOptions`.
 */
export function openWindow(spec: WindowSpec, url: string, parent?: BrowserWindow): BrowserWindow {
  const window = new BrowserWindow({ ...spec.options, ...(parent ? { parent } : {}) });
  if (spec.contentProtection) window.setContentProtection(true);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}
