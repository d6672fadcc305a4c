import { originOf } from '../ipc/senderPolicy.ts';

/** What the reveal channels know about a caller. */
export interface RevealCaller {
  /** The web contents that sent the call. */
  readonly webContentsId: number;
  /** Its frame (null when unknown), and whether it is the top frame. */
  readonly frame: { readonly url: string; readonly isMainFrame: boolean } | null;
}

/**
 * The reveal channels answer only the window opened for that secret: its
 * own web contents, its top frame, on the reveal origin. Anything else —
 * the console window, a sub-frame, another page — gets nothing.
 */
export function revealSessionFor<S>(sessions: ReadonlyMap<number, S>, caller: RevealCaller, expectedOrigin: string): S | null {
  const session = sessions.get(caller.webContentsId);
  if (session === undefined || !caller.frame || !caller.frame.isMainFrame) return null;
  return originOf(caller.frame.url) === expectedOrigin ? session : null;
}
