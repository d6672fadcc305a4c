import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuAction, MenuItemSpec, MenuSpec } from '../menu/applicationMenu.ts';

/** Turns the menu description into Electron's application menu. */
export function installApplicationMenu(menus: readonly MenuSpec[], run: (action: MenuAction) => Promise<void>): void {
  const toItem = (item: MenuItemSpec): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'role':
        return item.label ? { role: item.role, label: item.label } : { role: item.role };
      case 'action':
        return {
          id: item.id,
          label: item.label,
          ...(item.accelerator ? { accelerator: item.accelerator } : {}),
          click: () => void run(item.action),
        };
    }
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menus.map((menu) => ({ label: menu.label, submenu: menu.items.map(toItem) }))));
}
