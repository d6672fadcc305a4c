import type { BrowserWindow, IpcMain } from 'electron';
import { revealChannels, type RevealChannel } from '../../../shared/ipc/revealContract.ts';
import type { Logger } from '../../../shared/logger.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { revealOrigin } from '../app/appProtocolPaths.ts';
import { originOf } from '../ipc/senderPolicy.ts';
import { revealSessionFor } from '../windows/revealSender.ts';
import type { RevealSession, RevealWindowPort } from '../ports/revealWindowPort.ts';
import { createWindowOptions } from '../windows/windowOptions.ts';
import { openWindowLoading } from './windows.ts';

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
      const frame = event.senderFrame;
      const session = revealSessionFor(sessions, { webContentsId: event.sender.id, frame: frame ? { url: frame.url, isMainFrame: frame.parent === null } : null }, expectedOrigin);
      if (!session) {
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
      const { window, loaded } = openWindowLoading(spec, deps.url, deps.parent() ?? undefined);
      window.removeMenu();
      const id = window.webContents.id;
      sessions.set(id, session);
      const close = () => {
        if (!window.isDestroyed()) window.close();
      };
      window.on('closed', () => {
        sessions.delete(id);
        onClosed();
      });
      // A renderer that dies takes the window with it: nothing is left showing (or holding) the secret.
      window.webContents.on('render-process-gone', () => {
        if (!window.isDestroyed()) window.destroy();
      });
      try {
        await loaded;
      } catch (error) {
        if (!window.isDestroyed()) window.destroy();
        throw error;
      }
      return { close };
    },
  };
}
