import { commandNames, eventNames, isEventName } from './channels.ts';
import type { TesseraBridge } from './contract.ts';

/** How a bridge reaches main: Electron's ipcRenderer, or the test harness's binding. */
export interface BridgeTransport {
  invoke(channel: string, arg: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds `window.tessera` from the contract's names: one named function per
 * command (`tessera.preferences.get()` calls `preferences:get`) and a typed
 * `on(event, listener)` that accepts only the contract's events. Nothing
 * generic crosses: the renderer cannot name an arbitrary channel.
 */
export function createBridge(transport: BridgeTransport): TesseraBridge {
  const areas: Record<string, Record<string, (arg?: unknown) => Promise<unknown>>> = {};
  for (const name of commandNames) {
    const [area, verb] = name.split(':') as [string, string];
    const commandsOfArea = (areas[area] ??= {});
    commandsOfArea[verb] = (arg?: unknown) => transport.invoke(name, arg);
  }
  const bridge: Record<string, unknown> = {};
  for (const [area, functions] of Object.entries(areas)) bridge[area] = Object.freeze(functions);
  bridge.on = (event: unknown, listener: unknown) => {
    if (!isEventName(event)) throw new TypeError(`Unknown event "${String(event)}"; known: ${eventNames.join(', ')}`);
    if (typeof listener !== 'function') throw new TypeError('An event listener must be a function');
    return transport.subscribe(event, listener as (payload: unknown) => void);
  };
  return Object.freeze(bridge) as TesseraBridge;
}
