import { createHash } from 'node:crypto';
import type { RevealView } from '../../../shared/ipc/revealContract.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import type { ClipboardPort } from '../ports/clipboardPort.ts';
import type { RevealWindowHandle, RevealWindowPort } from '../ports/revealWindowPort.ts';

/** What the reveal window is opened with; the secret is held only until it closes. */
export type RevealRequest = Omit<RevealView, 'closesAt' | 'clipboardClearSeconds'>;

export interface TokenReveal {
  /**
   * Takes the one reveal slot before a secret is minted (`reveal_open` while
   * another secret is on screen or on its way), so two requests can never
   * mint two secrets for one window.
   */
  reserve(): RevealSlot;
  /** Closes any open reveal window and clears the clipboard now if it still holds a copied secret (app quit). */
  shutdown(): Promise<void>;
}

export interface RevealSlot {
  /** Opens the reveal window for this secret; resolves once it is open. */
  show(request: RevealRequest): Promise<void>;
  /** Gives the slot back without showing anything (minting failed). */
  release(): void;
}

export interface TokenRevealOptions {
  readonly windows: RevealWindowPort;
  readonly clipboard: ClipboardPort;
  readonly logger: Logger;
  /** The window closes by itself after this long, counting down where the person sees it. */
  readonly timeoutMs?: number;
  /** A copied secret is cleared from the clipboard after this long, if it is still there. */
  readonly clipboardClearMs?: number;
  readonly now?: () => number;
  /** `run` returns the work it starts (the clipboard check is async), so a test's clock can wait for it. */
  readonly setTimer?: (run: () => unknown, ms: number) => unknown;
  readonly clearTimer?: (timer: unknown) => void;
}

const defaultRevealTimeoutMs = 120_000;
const defaultClipboardClearMs = 30_000;

const digestOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Main's side of the one-time secret: the secret lives in this closure
 * while its window is open and nowhere else in main. The clipboard check
 * keeps only a digest, so clearing it later does not keep the secret alive.
 */
export function createTokenReveal(options: TokenRevealOptions): TokenReveal {
  const timeoutMs = options.timeoutMs ?? defaultRevealTimeoutMs;
  const clipboardClearMs = options.clipboardClearMs ?? defaultClipboardClearMs;
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const { logger, clipboard } = options;
  /** The slot: taken from `reserve()` until the window closes (or the slot is released). */
  let taken: { close(): void } | null = null;
  /** Clipboard checks still to run: digest → timer. */
  const pendingClears = new Map<string, unknown>();

  const clearIfStillThere = async (digest: string) => {
    pendingClears.delete(digest);
    try {
      if (digestOf(await clipboard.readText()) !== digest) return;
      clipboard.clear();
      logger.info('cleared a copied API token from the clipboard');
    } catch (error) {
      logger.warn('could not check the clipboard', { error });
    }
  };

  const scheduleClipboardClear = (digest: string) => {
    const previous = pendingClears.get(digest);
    if (previous !== undefined) clearTimer(previous);
    pendingClears.set(digest, setTimer(() => clearIfStillThere(digest), clipboardClearMs));
  };

  const show = async (slot: { close(): void }, request: RevealRequest) => {
    // Inner functions reference `shown` and `secret`, never `request`, so nothing keeps the secret once `secret` is null.
    const { secret: given, ...shown } = request;
    let secret: string | null = given;
    const closesAt = now() + timeoutMs;
    let timer: unknown = null;
    let closed = false;
    let handle: RevealWindowHandle | null = null;
    // "Done" may arrive before the port has handed back the window's handle.
    let closeRequested = false;
    const close = () => {
      // The secret goes first: a window slow to close (or hung) no longer holds anything main would hand out.
      secret = null;
      closeRequested = true;
      handle?.close();
    };
    slot.close = close;
    const drop = () => {
      if (closed) return;
      closed = true;
      secret = null;
      if (timer !== null) clearTimer(timer);
      if (taken === slot) taken = null;
      logger.info('reveal window closed; the secret is dropped', { prefix: shown.prefix });
    };
    const current = () => {
      if (secret === null) throw new CodedError('reveal_closed', 'This token is no longer shown. Issue or replace it again if it was not stored.');
      return secret;
    };
    try {
      handle = await options.windows.open(
        {
          view: () => ({ ...shown, secret: current(), closesAt: new Date(closesAt).toISOString(), clipboardClearSeconds: Math.round(clipboardClearMs / 1000) }),
          copy: async () => {
            const text = current();
            await clipboard.writeText(text);
            scheduleClipboardClear(digestOf(text));
            return { clearsAt: new Date(now() + clipboardClearMs).toISOString() };
          },
          done: close,
        },
        drop,
      );
    } catch (error) {
      drop();
      throw new CodedError('reveal_failed', `The window that shows the new token could not open: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (closed) return;
    if (closeRequested) {
      handle.close();
      return;
    }
    timer = setTimer(close, Math.max(0, closesAt - now()));
    logger.info('reveal window open', { prefix: shown.prefix, closesAt: new Date(closesAt).toISOString() });
  };

  return {
    reserve() {
      if (taken) throw new CodedError('reveal_open', 'A new token is still shown in its own window. Copy it and press Done there before issuing another.');
      const slot = { close: () => undefined as void };
      taken = slot;
      let used = false;
      return {
        show: (request) => {
          if (used) throw new CodedError('reveal_used', 'This reveal slot was used already.');
          used = true;
          return show(slot, request);
        },
        release: () => {
          if (!used && taken === slot) taken = null;
          used = true;
        },
      };
    },
    async shutdown() {
      taken?.close();
      const digests = [...pendingClears.keys()];
      for (const digest of digests) clearTimer(pendingClears.get(digest));
      await Promise.all(digests.map((digest) => clearIfStillThere(digest)));
    },
  };
}
