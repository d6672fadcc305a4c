// The preload: runs sandboxed and context-isolated, and exposes exactly the
// IPC contract as `window.tessera` — one named function per command and a
// typed event subscription, nothing generic.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge } from '../../shared/ipc/bridge.ts';
import type { TesseraBridge } from '../../shared/ipc/contract.ts';

const bridge = createBridge({
  invoke: (channel, arg) => ipcRenderer.invoke(channel, arg),
  subscribe: (channel, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
}) satisfies TesseraBridge;

contextBridge.exposeInMainWorld('tessera', bridge);
