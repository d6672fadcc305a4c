import { describe, expect, it } from 'vitest';
import { SseParser } from './sse.ts';

describe('SseParser', () => {
  it('assembles events across chunk boundaries', () => {
    const parser = new SseParser();
    expect(parser.push('data: "RES').events).toEqual([]);
    expect(parser.push('YNC"\n\ndata: {"a":').events).toEqual([{ event: 'message', data: '"RESYNC"' }]);
    expect(parser.push('1}\r\n\r\n').events).toEqual([{ event: 'message', data: '{"a":1}' }]);
  });

  it('counts comment lines as keep-alives and joins multi-line data', () => {
    const parser = new SseParser();
    const out = parser.push(': ping\n\nevent: change\ndata: line 1\ndata: line 2\nid: 7\n\n');
    expect(out.keepAlive).toBe(1);
    expect(out.events).toEqual([{ event: 'change', data: 'line 1\nline 2', id: '7' }]);
  });

  it('refuses an unbounded event', () => {
    const parser = new SseParser(16);
    expect(() => parser.push('data: 0123456789abcdef')).toThrow(/size limit/);
  });
});
