/** Where an IPC call came from, as the transport reports it. */
export interface IpcSender {
  /** URL of the frame that sent the call ('' when unknown). */
  readonly url: string;
  /** Whether that frame is its window's top-level frame. */
  readonly isMainFrame: boolean;
}

export type SenderPolicy = (sender: IpcSender) => boolean;

/**
 * `scheme://host[:port]` of a URL. Computed by hand because WHATWG `origin`
 * is the string "null" for non-special schemes such as our `app://`.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/**
 * Only the app's own top-level frame, loaded from one of the app's own
 * origins, may call main. Sub-frames and every other origin are refused.
 */
export function createSenderPolicy(trustedOrigins: readonly string[]): SenderPolicy {
  const trusted = new Set(trustedOrigins.map((o) => o.replace(/\/+$/, '')));
  return (sender) => {
    if (!sender.isMainFrame) return false;
    const origin = originOf(sender.url);
    return origin !== null && trusted.has(origin);
  };
}
