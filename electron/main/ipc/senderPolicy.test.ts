import { describe, expect, it } from 'vitest';
import { createSenderPolicy, originOf } from './senderPolicy.ts';

describe('originOf', () => {
  it('keeps scheme, host and port, also for custom schemes', () => {
    expect(originOf('app://tessera/index.html#/x')).toBe('app://tessera');
    expect(originOf('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('not a url')).toBeNull();
    expect(originOf('')).toBeNull();
  });
});

describe('createSenderPolicy', () => {
  const policy = createSenderPolicy(['app://tessera', 'http://127.0.0.1:5173/']);

  it('accepts the top-level frame of a trusted origin', () => {
    expect(policy({ url: 'app://tessera/index.html', isMainFrame: true })).toBe(true);
    expect(policy({ url: 'http://127.0.0.1:5173/index.html', isMainFrame: true })).toBe(true);
  });

  it('refuses sub-frames even of a trusted origin', () => {
    expect(policy({ url: 'app://tessera/index.html', isMainFrame: false })).toBe(false);
  });

  it('refuses other origins, ports and schemes', () => {
    expect(policy({ url: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(policy({ url: 'http://127.0.0.1:5174/', isMainFrame: true })).toBe(false);
    expect(policy({ url: 'file:///app/index.html', isMainFrame: true })).toBe(false);
    expect(policy({ url: 'about:blank', isMainFrame: true })).toBe(false);
    expect(policy({ url: '', isMainFrame: true })).toBe(false);
  });
});
