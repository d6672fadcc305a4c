import { describe, expect, it } from 'vitest';
import { err, ok } from '../../shared/result.ts';
import { shownRead } from './useTenantRead.ts';

describe('a tenant read as a view shows it', () => {
  it('shows the answer only for the question asked now, keeps the last good answer of the same subject while a reload is on its way, and shows failures with their code', () => {
    expect(shownRead('a', 0, null)).toEqual({ state: 'loading', last: null });
    expect(shownRead(null, 0, { subject: 'a', reloads: 0, result: ok(1) })).toEqual({ state: 'idle' });
    expect(shownRead('a', 0, { subject: 'a', reloads: 0, result: ok(1) })).toEqual({ state: 'ready', value: 1 });
    // A reload: the old list stays while the new one comes.
    expect(shownRead('a', 1, { subject: 'a', reloads: 0, result: ok(1) })).toEqual({ state: 'loading', last: 1 });
    // Another subject: nothing of the old one shows.
    expect(shownRead('b', 0, { subject: 'a', reloads: 0, result: ok(1) })).toEqual({ state: 'loading', last: null });
    expect(shownRead('a', 0, { subject: 'a', reloads: 0, result: err('tenant_timeout', 'too slow') })).toEqual({ state: 'failed', error: { code: 'tenant_timeout', message: 'too slow' } });
    expect(shownRead('a', 1, { subject: 'a', reloads: 0, result: err('tenant_timeout', 'too slow') })).toEqual({ state: 'loading', last: null });
  });
});
