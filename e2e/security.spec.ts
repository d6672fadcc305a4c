import { commandNames } from '../shared/ipc/channels.ts';
import { ipcErrorCodes } from '../shared/ipc/errorCodes.ts';
import { expect, test } from './fixtures.ts';
import { invokeBinding } from './harness/preloadInBrowser.ts';

type Invoke = (channel: string, arg: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;

test.describe('IPC sender checks', () => {
  test('the app page itself may call main', async ({ app }) => {
    const result = await app.page.evaluate((name) => (window as unknown as Record<string, Invoke>)[name]!('preferences:get', null), invokeBinding);
    expect(result.ok).toBe(true);
  });

  test('a page from a foreign origin is refused with a code', async ({ app }) => {
    const { page } = app;
    await page.route('http://foreign.test/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>foreign</title>' }));
    await page.goto('http://foreign.test/attack.html');
    const result = await page.evaluate((name) => (window as unknown as Record<string, Invoke>)[name]!('preferences:update', { theme: 'dark' }), invokeBinding);
    expect(result).toMatchObject({ ok: false, error: { code: ipcErrorCodes.forbiddenSender } });
    expect(app.main.services.preferences.get().theme).toBe('system');
  });

  test('a sub-frame, even of the app origin, is refused with a code', async ({ app }) => {
    const { page, origin } = app;
    await page.route('http://host.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><iframe name="inner" src="${origin}/framed.html"></iframe>` }),
    );
    await page.route(`${origin}/framed.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><p>framed</p>' }));
    await page.goto('http://host.test/');
    const frame = page.frame({ name: 'inner' });
    if (!frame) throw new Error('iframe did not load');
    await expect.poll(() => frame.url()).toBe(`${origin}/framed.html`);
    const result = await frame.evaluate((name) => (window as unknown as Record<string, Invoke>)[name]!('preferences:update', { theme: 'dark' }), invokeBinding);
    expect(result).toMatchObject({ ok: false, error: { code: ipcErrorCodes.forbiddenSender } });
    expect(app.main.services.preferences.get().theme).toBe('system');
  });

  test('a channel outside the contract and a malformed argument are refused', async ({ app }) => {
    const results = await app.page.evaluate(async (name) => {
      const invoke = (window as unknown as Record<string, Invoke>)[name]!;
      return [await invoke('fs:read', { path: '/etc/passwd' }), await invoke('preferences:update', { theme: 'neon' })];
    }, invokeBinding);
    expect(results[0]).toMatchObject({ ok: false, error: { code: ipcErrorCodes.unknownCommand } });
    expect(results[1]).toMatchObject({ ok: false, error: { code: ipcErrorCodes.invalidArgument } });
  });
});

test.describe('renderer hardening', () => {
  test('pages are served with a strict Content-Security-Policy that blocks inline script', async ({ app, pageProblems }) => {
    pageProblems.expect(/Executing inline script violates the following Content Security Policy directive 'script-src 'self''/, 'the test inserts an inline script for the CSP to refuse');
    const { page, origin } = app;
    const response = await page.request.get(`${origin}/index.html`);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toContain("script-src 'self'");

    const outcome = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; violated: string }>((resolve) => {
          const w = window as unknown as { __inlineRan?: boolean };
          document.addEventListener('securitypolicyviolation', (e) => resolve({ ran: Boolean(w.__inlineRan), violated: e.violatedDirective }), { once: true });
          const script = document.createElement('script');
          script.textContent = 'window.__inlineRan = true';
          document.body.append(script);
        }),
    );
    expect(outcome).toEqual({ ran: false, violated: 'script-src-elem' });
  });

  test('the renderer cannot reach the network, only main can', async ({ app, pageProblems }) => {
    pageProblems.expect(/Connecting to 'http:\/\/127\.0\.0\.1:9\/' violates the following Content Security Policy directive: "connect-src 'self'"/, 'the test fetches a foreign address for the CSP to refuse');
    pageProblems.expect(/Fetch API cannot load http:\/\/127\.0\.0\.1:9\/\. Refused to connect/, 'the same refusal, as the fetch reports it');
    const blocked = await app.page.evaluate(async () => {
      try {
        await fetch('http://127.0.0.1:9/');
        return false;
      } catch {
        return true;
      }
    });
    expect(blocked).toBe(true);
  });

  test('the bridge is exactly the contract and cannot be replaced', async ({ app }) => {
    const shape = await app.page.evaluate(() => {
      const bridge = window.tessera as unknown as Record<string, unknown>;
      const areas = Object.keys(bridge).sort();
      let replaced: boolean;
      try {
        (window as unknown as Record<string, unknown>).tessera = {};
        replaced = (window as unknown as Record<string, unknown>).tessera !== bridge;
      } catch {
        replaced = false;
      }
      return { areas, frozen: Object.isFrozen(bridge), replaced };
    });
    expect(shape).toEqual({ areas: [...new Set(commandNames.map((c) => c.split(':')[0]!)), 'on'].sort(), frozen: true, replaced: false });
  });

  test('external links open only when allow-listed', async ({ app }) => {
    const results = await app.page.evaluate(async () => [
      await window.tessera.app.openExternal({ url: 'https://www.electronjs.org/docs/latest/tutorial/security' }),
      await window.tessera.app.openExternal({ url: 'file:///etc/passwd' }),
      await window.tessera.app.openExternal({ url: 'https://evil.example/' }),
    ]);
    expect(results[0]).toEqual({ ok: true, value: null });
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'external_link_blocked' } });
    expect(results[2]).toMatchObject({ ok: false, error: { code: 'external_link_blocked' } });
    expect(app.main.recorder.openedExternally).toEqual(['https://www.electronjs.org/docs/latest/tutorial/security']);
  });
});
