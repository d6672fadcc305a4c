import { describe, expect, it } from 'vitest';
import { commandNames } from '../../../shared/ipc/channels.ts';
import { commands } from '../../../shared/ipc/contract.ts';
import { ipcErrorCodes } from '../../../shared/ipc/errorCodes.ts';
import { CodedError } from '../../../shared/result.ts';
import { createLogger } from '../../../shared/logger.ts';
import { createIpcRouter, type IpcHandlers } from './ipcRouter.ts';
import { createSenderPolicy } from './senderPolicy.ts';

const trusted = { url: 'app://tessera/index.html', isMainFrame: true };
const info = { name: 'Tessera', version: '1.0.0', platform: 'linux', runtime: 'harness' as const, versions: { electron: null, chrome: null, node: '24' } };
const prefs = { theme: 'system' as const, sidebarCollapsed: false, inventoryColumns: null, savedFilters: [] };

function router(overrides: Partial<IpcHandlers> = {}, logLines: string[] = []) {
  // The router's own logic is under test; commands it does not exercise here refuse.
  const unused = Object.fromEntries(commandNames.map((name) => [name, () => { throw new CodedError('not_in_this_test', name); }])) as unknown as IpcHandlers;
  const handlers: IpcHandlers = {
    ...unused,
    'app:getInfo': () => info,
    'app:openExternal': () => null,
    'preferences:get': () => prefs,
    'preferences:update': (patch) => ({ ...prefs, ...patch }),
    ...overrides,
  };
  return createIpcRouter({ handlers, isTrustedSender: createSenderPolicy(['app://tessera']), logger: createLogger((l) => logLines.push(l)) });
}

describe('IPC router', () => {
  it('runs a contract command and wraps its value', async () => {
    expect(await router().dispatch('app:getInfo', undefined, trusted)).toEqual({ ok: true, value: info });
  });

  it('refuses a channel outside the contract', async () => {
    const result = await router().dispatch('fs:readFile', { path: '/etc/passwd' }, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: ipcErrorCodes.unknownCommand } });
  });

  it('refuses a call from a foreign origin before touching the argument', async () => {
    const lines: string[] = [];
    const result = await router({}, lines).dispatch('preferences:update', { theme: 'dark' }, { url: 'https://evil.example/', isMainFrame: true });
    expect(result).toMatchObject({ ok: false, error: { code: ipcErrorCodes.forbiddenSender } });
    expect(lines.join('\n')).toContain('untrusted frame');
  });

  it('refuses a call from a sub-frame of the app origin', async () => {
    const result = await router().dispatch('app:getInfo', undefined, { url: 'app://tessera/frame.html', isMainFrame: false });
    expect(result).toMatchObject({ ok: false, error: { code: ipcErrorCodes.forbiddenSender } });
  });

  it('validates arguments against the contract', async () => {
    const r = router();
    expect(await r.dispatch('preferences:update', { theme: 'neon' }, trusted)).toMatchObject({ ok: false, error: { code: ipcErrorCodes.invalidArgument } });
    expect(await r.dispatch('preferences:update', { theme: 'dark', extra: 1 }, trusted)).toMatchObject({ ok: false, error: { code: ipcErrorCodes.invalidArgument } });
    expect(await r.dispatch('app:openExternal', 'https://x', trusted)).toMatchObject({ ok: false, error: { code: ipcErrorCodes.invalidArgument } });
    expect(await r.dispatch('app:getInfo', { unexpected: true }, trusted)).toMatchObject({ ok: false, error: { code: ipcErrorCodes.invalidArgument } });
  });

  it('turns a coded error into an error value', async () => {
    const r = router({ 'app:openExternal': () => { throw new CodedError('external_link_blocked', 'nope'); } });
    expect(await r.dispatch('app:openExternal', { url: 'https://x.example' }, trusted)).toEqual({ ok: false, error: { code: 'external_link_blocked', message: 'nope' } });
  });

  it('hides unexpected exceptions behind an internal error and logs them redacted', async () => {
    const lines: string[] = [];
    const r = router({ 'app:getInfo': () => { throw new Error('boom with Bearer abcdefghijklmnop'); } }, lines);
    const result = await r.dispatch('app:getInfo', undefined, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: ipcErrorCodes.internal } });
    expect(JSON.stringify(result)).not.toContain('boom');
    expect(lines.join('\n')).toContain('boom');
    expect(lines.join('\n')).not.toContain('abcdefghijklmnop');
  });

  it('refuses a handler result outside the contract', async () => {
    const r = router({ 'preferences:get': () => ({ theme: 'neon' }) as never });
    expect(await r.dispatch('preferences:get', undefined, trusted)).toMatchObject({ ok: false, error: { code: ipcErrorCodes.invalidResult } });
  });

  it('has a schema for every command name', () => {
    expect(Object.keys(commands).sort()).toEqual([...commandNames].sort());
  });
});
