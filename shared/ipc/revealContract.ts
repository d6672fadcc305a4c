import type { Result } from '../result.ts';

/**
 * The reveal window's own, tiny IPC contract — separate from the main
 * window's (`contract.ts`): the main window's preload cannot reach these
 * channels, and main answers them only for the window it opened for that
 * one secret.
 */
export const revealChannels = ['reveal:load', 'reveal:copy', 'reveal:done'] as const;
export type RevealChannel = (typeof revealChannels)[number];

export function isRevealChannel(value: unknown): value is RevealChannel {
  return typeof value === 'string' && (revealChannels as readonly string[]).includes(value);
}

/** What the reveal window shows. The only IPC payload that ever carries a secret. */
export interface RevealView {
  readonly secret: string;
  readonly label: string;
  readonly prefix: string;
  readonly userName: string;
  readonly tenantName: string;
  /** ISO: when the token expires. */
  readonly expiresAt: string;
  /** ISO: when the window closes by itself and the secret is dropped. */
  readonly closesAt: string;
  readonly clipboardClearSeconds: number;
  /** A replacement: when the old token stops working (null: at once / not a replacement). */
  readonly replaces: { readonly prefix: string; readonly worksUntil: string | null } | null;
}

export interface RevealCopied {
  /** ISO: when the clipboard is cleared if it still holds the secret. */
  readonly clearsAt: string;
}

/** What the reveal window's preload exposes as `window.tesseraReveal`. */
export interface RevealBridge {
  load(): Promise<Result<RevealView>>;
  copy(): Promise<Result<RevealCopied>>;
  done(): Promise<Result<null>>;
}
