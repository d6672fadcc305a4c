import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/logger.ts';
import type { RevealSession } from '../ports/revealWindowPort.ts';
import { createTokenReveal, type RevealRequest } from './tokenReveal.ts';

// Not shaped like anything the log redaction knows, so the "never logged" test can fail.
const secret = 'plain secret words 42';
const request: RevealRequest = { secret, label: 'CI deploy', prefix: 'plain se', userName: 'Salesforce sync', tenantName: 'Acme', expiresAt: '2027-01-01T00:00:00.000Z', replaces: null };

/** A clock and timers the test moves by hand; a clipboard and a window port that record. */
function rig() {
  let now = Date.parse('2026-11-25T12:00:00.000Z');
  const timers: Array<{ at: number; run: () => unknown; cancelled: boolean }> = [];
  const clipboard = { text: '', clears: 0 };
  let session: RevealSession | null = null;
  let onClosed: (() => void) | null = null;
  let windowsOpened = 0;
  const logLines: string[] = [];
  const reveal = createTokenReveal({
    windows: {
      async open(s, closed) {
        windowsOpened += 1;
        session = s;
        onClosed = closed;
        return { close: () => onClosed?.() };
      },
    },
    clipboard: {
      readText: async () => clipboard.text,
      writeText: async (text) => void (clipboard.text = text),
      clear: () => {
        clipboard.text = '';
        clipboard.clears += 1;
      },
    },
    logger: createLogger((line) => logLines.push(line)),
    timeoutMs: 120_000,
    clipboardClearMs: 30_000,
    now: () => now,
    setTimer: (run, ms) => {
      const timer = { at: now + ms, run, cancelled: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => void ((timer as { cancelled: boolean }).cancelled = true),
  });
  const advance = async (ms: number) => {
    now += ms;
    const due = timers.filter((t) => !t.cancelled && t.at <= now);
    for (const t of due) t.cancelled = true;
    // Each timer's work (the clipboard check is async) is finished before the test looks.
    await Promise.all(due.map((t) => t.run()));
  };
  return { reveal, clipboard, advance, session: () => session!, windowsOpened: () => windowsOpened, logLines };
}

describe('token reveal', () => {
  it('shows the secret to its window, and drops it when the window closes', async () => {
    const r = rig();
    await r.reveal.reserve().show(request);
    expect(r.session().view()).toMatchObject({ secret, userName: 'Salesforce sync', closesAt: '2026-11-25T12:02:00.000Z', clipboardClearSeconds: 30 });
    r.session().done();
    expect(() => r.session().view()).toThrow(expect.objectContaining({ code: 'reveal_closed' }));
    await expect(r.session().copy()).rejects.toMatchObject({ code: 'reveal_closed' });
  });

  it('closes by itself when the countdown runs out', async () => {
    const r = rig();
    await r.reveal.reserve().show(request);
    await r.advance(119_000);
    expect(r.session().view().secret).toBe(secret);
    await r.advance(1_000);
    expect(() => r.session().view()).toThrow(expect.objectContaining({ code: 'reveal_closed' }));
  });

  it('clears the clipboard after 30 s if it still holds the secret', async () => {
    const r = rig();
    await r.reveal.reserve().show(request);
    await expect(r.session().copy()).resolves.toEqual({ clearsAt: '2026-11-25T12:00:30.000Z' });
    expect(r.clipboard.text).toBe(secret);
    r.session().done();
    await r.advance(29_000);
    expect(r.clipboard.text).toBe(secret);
    await r.advance(1_000);
    expect(r.clipboard.text).toBe('');
    expect(r.clipboard.clears).toBe(1);
  });

  it('leaves the clipboard alone when the person copied something else since', async () => {
    const r = rig();
    await r.reveal.reserve().show(request);
    await r.session().copy();
    r.clipboard.text = 'a URL copied afterwards';
    await r.advance(30_000);
    expect(r.clipboard.text).toBe('a URL copied afterwards');
    expect(r.clipboard.clears).toBe(0);
  });

  it('refuses a second reveal while one is open, and allows it after', async () => {
    const r = rig();
    await r.reveal.reserve().show(request);
    expect(() => r.reveal.reserve()).toThrow(expect.objectContaining({ code: 'reveal_open' }));
    expect(r.windowsOpened()).toBe(1);
    r.session().done();
    expect(() => r.reveal.reserve()).not.toThrow();
  });

  it('holds the slot from before minting: a second request is refused until the first is released or shown and closed', async () => {
    const r = rig();
    const slot = r.reveal.reserve();
    expect(() => r.reveal.reserve()).toThrow(expect.objectContaining({ code: 'reveal_open' }));
    slot.release();
    const again = r.reveal.reserve();
    await again.show(request);
    expect(() => r.reveal.reserve()).toThrow(expect.objectContaining({ code: 'reveal_open' }));
    r.session().done();
    expect(() => r.reveal.reserve()).not.toThrow();
  });

  it('drops the secret the moment Done is pressed, before the window has gone', async () => {
    const r = rig();
    await r.reveal.reserve().show(request);
    r.session().done();
    expect(() => r.session().view()).toThrow(expect.objectContaining({ code: 'reveal_closed' }));
  });

  it('on quit, clears a copied secret from the clipboard at once', async () => {
    const r = rig();
    await r.reveal.reserve().show(request);
    await r.session().copy();
    await r.reveal.shutdown();
    expect(r.clipboard.text).toBe('');
    expect(() => r.session().view()).toThrow(expect.objectContaining({ code: 'reveal_closed' }));
  });

  it('never logs the secret', async () => {
    const r = rig();
    await r.reveal.reserve().show(request);
    await r.session().copy();
    r.session().done();
    await r.advance(30_000);
    expect(r.logLines.length).toBeGreaterThan(2);
    expect(r.logLines.join('\n')).not.toContain(secret);
  });

  it('reports a window that cannot open, and is free again', async () => {
    const reveal = createTokenReveal({
      windows: { open: async () => Promise.reject(new Error('no display')) },
      clipboard: { readText: async () => '', writeText: async () => undefined, clear: () => undefined },
      logger: createLogger(() => undefined),
    });
    await expect(reveal.reserve().show(request)).rejects.toMatchObject({ code: 'reveal_failed' });
    expect(() => reveal.reserve()).not.toThrow();
  });
});
