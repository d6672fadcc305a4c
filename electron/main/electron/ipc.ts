import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { commandNames } from '../../../shared/ipc/channels.ts';
import type { IpcRouter } from '../ipc/ipcRouter.ts';
import type { IpcSender } from '../ipc/senderPolicy.ts';

/** What the router needs to know about the frame behind an Electron IPC call. */
function senderOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): IpcSender {
  const frame = event.senderFrame;
  if (!frame) return { url: '', isMainFrame: false };
  return { url: frame.url, isMainFrame: frame.parent === null };
}

/** One `ipcMain.handle` per contract command, all going through the router. */
export function bindIpc(ipcMain: IpcMain, router: IpcRouter): void {
  for (const channel of commandNames) {
    ipcMain.handle(channel, (event, arg: unknown) => router.dispatch(channel, arg, senderOf(event)));
  }
}
