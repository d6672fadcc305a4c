import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { commandNames, eventNames } from '../shared/ipc/channels.ts';
// No page here (the preload runs in a vm), but every spec uses the same fixtures.
import { expect, test } from './fixtures.ts';
import { builtPreload, builtRevealPreload } from './harness/paths.ts';
import { revealChannels } from '../shared/ipc/revealContract.ts';

/**
 * The real preload only runs inside Electron, which this machine lacks, so
 * the built file is run here in a Node `vm` with a stand-in `electron`
 * module: a preload that would throw, require something the sandbox
 * forbids, or expose more or less than the contract fails this test.
 */
function runBuiltPreload(file = builtPreload) {
  const exposed: Array<{ key: string; api: Record<string, unknown> }> = [];
  const invocations: Array<[string, unknown]> = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push({ key, api }) },
    ipcRenderer: {
      invoke: async (channel: string, arg: unknown) => {
        invocations.push([channel, arg]);
        return { ok: true, value: null };
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener),
    },
  };
  const module = { exports: {} };
  const sandbox = createContext({
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`sandboxed preload required ${name}`);
    },
  });
  runInContext(readFileSync(file, 'utf8'), sandbox, { filename: file });
  return { exposed, invocations, listeners, required };
}

test.describe('built preload', () => {
  test('requires only electron and exposes one API, window.tessera', () => {
    const { exposed, required } = runBuiltPreload();
    expect([...new Set(required)]).toEqual(['electron']);
    expect(exposed.map((e) => e.key)).toEqual(['tessera']);
  });

  test('exposes exactly the IPC contract as named functions', () => {
    const api = runBuiltPreload().exposed[0]!.api as Record<string, Record<string, unknown>>;
    const names = Object.entries(api)
      .filter(([key]) => key !== 'on')
      .flatMap(([area, functions]) => Object.entries(functions).map(([verb, fn]) => {
        expect(typeof fn).toBe('function');
        return `${area}:${verb}`;
      }));
    expect(names.sort()).toEqual([...commandNames].sort());
    expect(typeof api.on).toBe('function');
    expect(Object.keys(api).sort()).toEqual([...new Set(commandNames.map((c) => c.split(':')[0]!)), 'on'].sort());
  });

  test('each function calls its own channel and nothing else', async () => {
    const { exposed, invocations } = runBuiltPreload();
    const api = exposed[0]!.api as Record<string, Record<string, (arg?: unknown) => Promise<unknown>>>;
    for (const name of commandNames) {
      const [area, verb] = name.split(':') as [string, string];
      await api[area]![verb]!({ probe: name });
    }
    expect(invocations).toEqual(commandNames.map((name) => [name, { probe: name }]));
  });

  test('subscribes only to contract events and can unsubscribe', () => {
    const { exposed, listeners } = runBuiltPreload();
    const on = exposed[0]!.api.on as (event: string, listener: (payload: unknown) => void) => () => void;
    const received: unknown[] = [];
    const off = on(eventNames[0], (payload) => received.push(payload));
    for (const listener of listeners.get(eventNames[0]) ?? []) listener({ sender: null }, { section: 'roles' });
    expect(received).toEqual([{ section: 'roles' }]);
    off();
    expect(listeners.get(eventNames[0])?.size).toBe(0);
    expect(() => on('ipc:anything', () => {})).toThrow(/Unknown event/);
  });
});

test.describe('built reveal-window preload', () => {
  test('requires only electron and exposes only load, copy and done — none of the console contract', async () => {
    const { exposed, required, invocations } = runBuiltPreload(builtRevealPreload);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(exposed.map((e) => e.key)).toEqual(['tesseraReveal']);
    const api = exposed[0]!.api as Record<string, () => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual(['copy', 'done', 'load']);
    expect(Object.isFrozen(api)).toBe(true);
    for (const name of ['load', 'copy', 'done']) await api[name]!();
    expect(invocations.map(([channel]) => channel)).toEqual([...revealChannels]);
    expect(invocations.every(([channel]) => !(commandNames as readonly string[]).includes(channel))).toBe(true);
  });
});
