// The reveal window's preload: sandboxed and context-isolated like the
// console's, but it exposes only the three calls that window needs — and
// none of the console's contract.
import { contextBridge, ipcRenderer } from 'electron';
import type { RevealBridge, RevealChannel } from '../../shared/ipc/revealContract.ts';

const call = (channel: RevealChannel) => () => ipcRenderer.invoke(channel);

const bridge = {
  load: call('reveal:load'),
  copy: call('reveal:copy'),
  done: call('reveal:done'),
} satisfies RevealBridge;

contextBridge.exposeInMainWorld('tesseraReveal', Object.freeze(bridge));
