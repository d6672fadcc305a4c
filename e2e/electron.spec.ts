import { _electron as electron } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { commandNames } from '../shared/ipc/channels.ts';
import { expect, test } from './fixtures.ts';
import { watchPageProblems } from './harness/pageProblems.ts';
import { projectRoot } from './harness/paths.ts';
import { startTestTenant } from './support/tenants.ts';

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

/** The built app in Electron, with a fresh profile; every window it opens is watched for page problems. */
async function launchApp() {
  const app = await electron.launch({
    executablePath: binary!,
    args: [projectRoot, '--no-sandbox'],
    env: { ...process.env, ELECTRON_ENABLE_LOGGING: '0', XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'tessera-electron-')) },
  });
  for (const window of app.windows()) watchPageProblems(window, 'Electron window');
  app.on('window', (window) => watchPageProblems(window, 'Electron window'));
  return app;
}

test.describe('the real Electron app', () => {
  test.skip(
    binary === null,
    'No Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1; GitHub is unreachable). ' +
      'The same main services, IPC router and built preload are covered by the harness specs and the preload vm spec.',
  );

  test('opens a hardened window that talks to main through the preload', async () => {
    const app = await launchApp();
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

  test('shows a new token in the reveal window: its own hardened, modal, content-protected window on app://reveal', async () => {
    const tenant = await startTestTenant({ name: 'Acme Electron' });
    const app = await launchApp();
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { level: 1, name: 'Tenants' })).toBeVisible();
      const added = await page.evaluate(
        (t) => window.tessera.connections.add({ displayName: 'Acme Electron', baseUrl: t.url, clientId: t.clientId, clientSecret: t.clientSecret }),
        { url: tenant.url, clientId: tenant.client.clientId, clientSecret: tenant.client.clientSecret },
      );
      expect(added).toMatchObject({ ok: true });
      const connectionId = (added as { value: { id: string } }).value.id;
      const users = (await tenant.api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/v1/technical-users?limit=100')).body.items;
      const user = users.find((u) => u.name === 'Zendesk connector')!;
      const opened = app.waitForEvent('window');
      const issued = await page.evaluate(({ id, userId }) => window.tessera.tokens.issue({ connectionId: id, technicalUserId: userId, userName: 'Zendesk connector' }), { id: connectionId, userId: user.id });
      expect(issued).toMatchObject({ ok: true });
      const reveal = await opened;
      expect(reveal.url()).toBe('app://reveal/reveal.html');
      await expect(reveal.getByRole('textbox', { name: 'Token secret' })).toBeVisible();
      // Electron has no getter for web preferences: check what they do instead.
      const facts = await app.evaluate(({ BrowserWindow, session }) => {
        const window = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().startsWith('app://reveal/'))!;
        window.webContents.openDevTools();
        return {
          devToolsOpened: window.webContents.isDevToolsOpened(),
          ownInMemorySession: window.webContents.session === session.fromPartition('tessera-reveal') && !window.webContents.session.isPersistent(),
          modal: window.isModal(),
          hasParent: window.getParentWindow() !== null,
          contentProtected: window.isContentProtected(),
        };
      });
      // Content protection exists on macOS and Windows; Linux has no such OS feature.
      expect(facts).toEqual({ devToolsOpened: false, ownInMemorySession: true, modal: true, hasParent: true, contentProtected: process.platform !== 'linux' });
      // Sandboxed and context-isolated: no Node, no console bridge, only the three reveal calls.
      const globals = await reveal.evaluate(() => ({
        console: typeof (window as unknown as { tessera?: unknown }).tessera,
        bridge: Object.keys((window as unknown as { tesseraReveal: object }).tesseraReveal).sort(),
        process: typeof (globalThis as Record<string, unknown>).process,
        require: typeof (globalThis as Record<string, unknown>).require,
      }));
      expect(globals).toEqual({ console: 'undefined', bridge: ['copy', 'done', 'load'], process: 'undefined', require: 'undefined' });
      await reveal.getByRole('button', { name: 'Done' }).click();
      await reveal.getByRole('button', { name: 'Close without copying' }).click();
      await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    } finally {
      await app.close();
      await tenant.stop();
    }
  });
});
