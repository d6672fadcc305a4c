import type { RevealCopied, RevealView } from '../../../shared/ipc/revealContract.ts';

/** What the reveal window may ask of main: answered for that one window only. */
export interface RevealSession {
  view(): RevealView;
  copy(): Promise<RevealCopied>;
  done(): void;
}

export interface RevealWindowHandle {
  /** Closes the window (no-op when it is closed already). */
  close(): void;
}

/**
 * Opens the dedicated reveal window (sandboxed, its own CSP and storage,
 * content protection, modal to the console) bound to one session. The port
 * calls `onClosed` exactly once, however the window goes away.
 */
export interface RevealWindowPort {
  open(session: RevealSession, onClosed: () => void): Promise<RevealWindowHandle>;
}
