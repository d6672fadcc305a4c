import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { commandNames } from '../shared/ipc/channels.ts';
import { projectRoot } from './harness/paths.ts';

/**
 * The Electron binary, when the install downloaded it (not with
 * ELECTRON_SKIP_BINARY_DOWNLOAD). Read from the package's path.txt rather
 * than `require('electron')`, which would try to download it right now.
 */
function electronBinary(): string | null {
  const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test.describe('the real Electron app', () => {
  test.skip(
    binary === null,
    'No Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1; GitHub is unreachable). ' +
      'The same main services, IPC router and built preload are covered by the harness specs and the preload vm spec.',
  );

  test('opens a hardened window that talks to main through the preload', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [projectRoot, '--no-sandbox'],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '0', XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'tessera-electron-')) },
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle('Tessera');
      await expect(page.getByRole('heading', { level: 1, name: 'Tenants' })).toBeVisible();
      expect(page.url()).toMatch(/^app:\/\/tessera\//);
      // Sandboxed and context-isolated: no Node in the page, only the bridge.
      const globals = await page.evaluate(() => ({
        require: typeof (globalThis as Record<string, unknown>).require,
        process: typeof (globalThis as Record<string, unknown>).process,
        bridge: Object.keys(window.tessera).sort(),
      }));
      expect(globals).toEqual({ require: 'undefined', process: 'undefined', bridge: [...new Set(commandNames.map((c) => c.split(':')[0]!)), 'on'].sort() });
      expect(await page.evaluate(() => window.tessera.preferences.get())).toMatchObject({ ok: true });
      // Navigation away from the app is blocked.
      await page.evaluate(() => {
        location.href = 'https://evil.example/';
      });
      await expect(page.getByRole('heading', { level: 1, name: 'Tenants' })).toBeVisible();
      expect(page.url()).toMatch(/^app:\/\/tessera\//);
      const windowCount = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
      await page.evaluate(() => window.open('https://evil.example/'));
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(windowCount);
    } finally {
      await app.close();
    }
  });
});
