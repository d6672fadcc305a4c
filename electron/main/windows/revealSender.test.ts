import { describe, expect, it } from 'vitest';
import { revealSessionFor } from './revealSender.ts';

const sessions = new Map([[7, 'the session']]);
const top = (url: string) => ({ url, isMainFrame: true });

describe('reveal channel sender check', () => {
  it('answers the reveal window’s own top frame on the reveal origin', () => {
    expect(revealSessionFor(sessions, { webContentsId: 7, frame: top('app://reveal/reveal.html') }, 'app://reveal')).toBe('the session');
  });

  it('refuses the console window, other web contents, sub-frames, other origins and unknown frames', () => {
    expect(revealSessionFor(sessions, { webContentsId: 1, frame: top('app://tessera/index.html') }, 'app://reveal')).toBeNull();
    expect(revealSessionFor(sessions, { webContentsId: 8, frame: top('app://reveal/reveal.html') }, 'app://reveal')).toBeNull();
    expect(revealSessionFor(sessions, { webContentsId: 7, frame: { url: 'app://reveal/reveal.html', isMainFrame: false } }, 'app://reveal')).toBeNull();
    expect(revealSessionFor(sessions, { webContentsId: 7, frame: top('app://tessera/reveal.html') }, 'app://reveal')).toBeNull();
    expect(revealSessionFor(sessions, { webContentsId: 7, frame: top('https://evil.example/') }, 'app://reveal')).toBeNull();
    expect(revealSessionFor(sessions, { webContentsId: 7, frame: null }, 'app://reveal')).toBeNull();
  });
});
