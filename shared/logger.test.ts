import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('createLogger', () => {
  it('writes one JSON line per entry with scope and fields', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l), { now: () => new Date('2026-01-01T00:00:00.000Z') }).child('ipc');
    log.info('handled', { channel: 'app:getInfo', ms: 3 });
    expect(JSON.parse(lines[0]!)).toEqual({
      at: '2026-01-01T00:00:00.000Z',
      level: 'info',
      scope: 'ipc',
      message: 'handled',
      channel: 'app:getInfo',
      ms: 3,
    });
  });

  it('never writes a credential passed in a field or message', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    log.error('token exchange failed for Bearer abcdefgh12345678', { clientSecret: 'super-secret-value', url: 'https://t/x?access_token=zzzzzz' });
    const text = lines.join('\n');
    expect(text).not.toContain('super-secret-value');
    expect(text).not.toContain('abcdefgh12345678');
    expect(text).not.toContain('zzzzzz');
  });

  it('drops entries below the level', () => {
    const lines: string[] = [];
    createLogger((l) => lines.push(l), { level: 'warn' }).info('quiet');
    expect(lines).toHaveLength(0);
  });
});
