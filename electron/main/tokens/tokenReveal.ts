import { createHash } from 'node:crypto';
import type { RevealView } from '../../../shared/ipc/revealContract.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import type { ClipboardPort } from '../ports/clipboardPort.ts';
import type { RevealWindowHandle, RevealWindowPort } from '../ports/revealWindowPort.ts';

/** What the reveal window is opened with; the secret is held only until it closes. */
export type RevealRequest = Omit<RevealView, 'closesAt' | 'clipboardClearSeconds'>;

export interface TokenReveal {
  /** Refuses (`reveal_open`) while another secret is on screen: checked before a secret is minted. */
  assertAvailable(): void;
  /** Opens the reveal window for this secret; resolves once it is open. */
  show(request: RevealRequest): Promise<void>;
  /** Closes any open reveal window (app quit). */
  closeAll(): void;
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
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  readonly clearTimer?: (timer: unknown) => void;
}

export const defaultRevealTimeoutMs = 120_000;
export const defaultClipboardClearMs = 30_000;

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
  let open: { handle: RevealWindowHandle | null; close(): void } | null = null;

  const scheduleClipboardClear = (digest: string) => {
    setTimer(() => {
      void clipboard
        .readText()
        .then((text) => {
          if (digestOf(text) !== digest) return;
          clipboard.clear();
          logger.info('cleared a copied API token from the clipboard');
        })
        .catch((error: unknown) => logger.warn('could not check the clipboard', { error }));
    }, clipboardClearMs);
  };

  const assertAvailable = () => {
    if (open) throw new CodedError('reveal_open', 'A new token is still shown in its own window. Copy it and press Done there before issuing another.');
  };

  return {
    assertAvailable,
    async show(request) {
      assertAvailable();
      // Inner functions reference `shown` and `secret`, never `request`, so nothing keeps the secret once `secret` is null.
      const { secret: given, ...shown } = request;
      let secret: string | null = given;
      const closesAt = new Date(now() + timeoutMs).toISOString();
      let timer: unknown = null;
      let closed = false;
      // "Done" may arrive before the port has handed back the window's handle.
      let closeRequested = false;
      const state = {
        handle: null as RevealWindowHandle | null,
        close() {
          closeRequested = true;
          state.handle?.close();
        },
      };
      const drop = () => {
        if (closed) return;
        closed = true;
        secret = null;
        if (timer !== null) clearTimer(timer);
        if (open === state) open = null;
        logger.info('reveal window closed; the secret is dropped', { prefix: shown.prefix });
      };
      const current = () => {
        if (secret === null) throw new CodedError('reveal_closed', 'This token is no longer shown. Issue or replace it again if it was not stored.');
        return secret;
      };
      open = state;
      try {
        state.handle = await options.windows.open(
          {
            view: () => ({ ...shown, secret: current(), closesAt, clipboardClearSeconds: Math.round(clipboardClearMs / 1000) }),
            copy: async () => {
              const text = current();
              await clipboard.writeText(text);
              scheduleClipboardClear(digestOf(text));
              return { clearsAt: new Date(now() + clipboardClearMs).toISOString() };
            },
            done: () => state.close(),
          },
          drop,
        );
      } catch (error) {
        drop();
        throw new CodedError('reveal_failed', `The window that shows the new token could not open: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (closed) return;
      if (closeRequested) {
        state.handle.close();
        return;
      }
      timer = setTimer(() => state.close(), timeoutMs);
      logger.info('reveal window open', { prefix: shown.prefix, closesAt });
    },
    closeAll() {
      open?.close();
    },
  };
}
