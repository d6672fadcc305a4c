import { sections, type SectionId } from '../../../shared/sections.ts';
import type { ThemePreference } from '../../../shared/settings.ts';

/**
 * The application menu as plain data, so it is built and tested without
 * Electron; the menu adapter turns it into an Electron `Menu`.
 */
export type MenuAction =
  | { readonly type: 'navigate'; readonly section: SectionId }
  | { readonly type: 'setTheme'; readonly theme: ThemePreference }
  | { readonly type: 'openExternal'; readonly url: string }
  | { readonly type: 'about' };

export type MenuRole =
  | 'quit' | 'close' | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll'
  | 'reload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'
  | 'minimize' | 'zoom' | 'front' | 'hide' | 'hideOthers' | 'unhide' | 'appMenu' | 'services';

export type MenuItemSpec =
  | { readonly kind: 'action'; readonly id: string; readonly label: string; readonly accelerator?: string; readonly action: MenuAction }
  | { readonly kind: 'role'; readonly role: MenuRole; readonly label?: string }
  | { readonly kind: 'separator' };

export interface MenuSpec {
  readonly label: string;
  readonly items: readonly MenuItemSpec[];
}

export interface MenuOptions {
  readonly platform: string;
  readonly developerTools: boolean;
}

const securityChecklistUrl = 'https://www.electronjs.org/docs/latest/tutorial/security';

export function buildApplicationMenu(options: MenuOptions): MenuSpec[] {
  const mac = options.platform === 'darwin';
  const menus: MenuSpec[] = [];
  if (mac) {
    menus.push({
      label: 'Tessera',
      items: [
        { kind: 'action', id: 'about', label: 'About Tessera', action: { type: 'about' } },
        { kind: 'separator' },
        { kind: 'role', role: 'services' },
        { kind: 'separator' },
        { kind: 'role', role: 'hide' },
        { kind: 'role', role: 'hideOthers' },
        { kind: 'role', role: 'unhide' },
        { kind: 'separator' },
        { kind: 'role', role: 'quit' },
      ],
    });
  }
  menus.push({ label: 'File', items: [mac ? { kind: 'role', role: 'close' } : { kind: 'role', role: 'quit', label: 'Quit Tessera' }] });
  menus.push({
    label: 'Edit',
    items: [
      { kind: 'role', role: 'undo' },
      { kind: 'role', role: 'redo' },
      { kind: 'separator' },
      { kind: 'role', role: 'cut' },
      { kind: 'role', role: 'copy' },
      { kind: 'role', role: 'paste' },
      { kind: 'role', role: 'selectAll' },
    ],
  });
  menus.push({
    label: 'Go',
    items: sections.map((section, index) => ({
      kind: 'action' as const,
      id: `go.${section.id}`,
      label: section.label,
      accelerator: `CmdOrCtrl+${index + 1}`,
      action: { type: 'navigate' as const, section: section.id },
    })),
  });
  menus.push({
    label: 'View',
    items: [
      { kind: 'action', id: 'theme.system', label: 'Theme: Follow System', action: { type: 'setTheme', theme: 'system' } },
      { kind: 'action', id: 'theme.light', label: 'Theme: Light', action: { type: 'setTheme', theme: 'light' } },
      { kind: 'action', id: 'theme.dark', label: 'Theme: Dark', action: { type: 'setTheme', theme: 'dark' } },
      { kind: 'separator' },
      { kind: 'role', role: 'resetZoom' },
      { kind: 'role', role: 'zoomIn' },
      { kind: 'role', role: 'zoomOut' },
      { kind: 'separator' },
      { kind: 'role', role: 'togglefullscreen' },
      ...(options.developerTools
        ? [{ kind: 'separator' } as const, { kind: 'role', role: 'reload' } as const, { kind: 'role', role: 'toggleDevTools' } as const]
        : []),
    ],
  });
  menus.push({ label: 'Window', items: mac ? [{ kind: 'role', role: 'minimize' }, { kind: 'role', role: 'zoom' }, { kind: 'separator' }, { kind: 'role', role: 'front' }] : [{ kind: 'role', role: 'minimize' }, { kind: 'role', role: 'close' }] });
  menus.push({
    label: 'Help',
    items: [
      { kind: 'action', id: 'help.security', label: 'Electron Security Checklist', action: { type: 'openExternal', url: securityChecklistUrl } },
      ...(mac ? [] : [{ kind: 'separator' } as const, { kind: 'action', id: 'about', label: 'About Tessera', action: { type: 'about' } } as const]),
    ],
  });
  return menus;
}
