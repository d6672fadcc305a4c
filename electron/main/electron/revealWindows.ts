import type { BrowserWindow, IpcMain } from 'electron';
import { revealChannels, type RevealChannel } from '../../../shared/ipc/revealContract.ts';
import type { Logger } from '../../../shared/logger.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { revealOrigin } from '../app/appProtocolPaths.ts';
import { originOf } from '../ipc/senderPolicy.ts';
import type { RevealSession, RevealWindowPort } from '../ports/revealWindowPort.ts';
import { createWindowOptions } from '../windows/windowOptions.ts';
import { openWindow } from './windows.ts';

/**
 * The reveal window in Electron: built by the window-options factory
 * (sandboxed, own CSP, own in-memory session, no devtools, content
 * protection, modal to the console) and answered on its own channels,
 * for its own web contents only.
 */
export function electronRevealWindows(deps: { ipcMain: IpcMain; parent: () => BrowserWindow | null; preloadPath: string; url: string; logger: Logger }): RevealWindowPort {
  const sessions = new Map<number, RevealSession>();
  const expectedOrigin = originOf(deps.url) ?? revealOrigin;
  const answer = async (channel: RevealChannel, session: RevealSession): Promise<Result<unknown>> => {
    switch (channel) {
      case 'reveal:load':
        return ok(session.view());
      case 'reveal:copy':
        return ok(await session.copy());
      case 'reveal:done':
        session.done();
        return ok(null);
    }
  };
  for (const channel of revealChannels) {
    deps.ipcMain.handle(channel, async (event) => {
      const session = sessions.get(event.sender.id);
      const frame = event.senderFrame;
      if (!session || !frame || frame.parent !== null || originOf(frame.url) !== expectedOrigin) {
        deps.logger.warn('reveal call refused: not from the reveal window', { channel });
        return err('forbidden', 'Only the window that shows a new token may ask for it.');
      }
      try {
        return await answer(channel, session);
      } catch (error) {
        const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'internal';
        return err(code, error instanceof Error ? error.message : String(error));
      }
    });
  }
  return {
    async open(session, onClosed) {
      const spec = createWindowOptions('tokenReveal', { preloadPath: deps.preloadPath, allowDevTools: false });
      const window = openWindow(spec, deps.url, deps.parent() ?? undefined);
      window.removeMenu();
      const id = window.webContents.id;
      sessions.set(id, session);
      window.on('closed', () => {
        sessions.delete(id);
        onClosed();
      });
      return {
        close() {
          if (!window.isDestroyed()) window.close();
        },
      };
    },
  };
}
