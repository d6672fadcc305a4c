import { beforeEach, describe, expect, it } from 'vitest';
import { useNoticesStore } from './noticesStore.ts';

describe('notices', () => {
  beforeEach(() => useNoticesStore.setState({ notices: [] }));

  it('folds a repeated message into one notice with a count, newest last', () => {
    const { push } = useNoticesStore.getState();
    push({ kind: 'info', message: 'Saved here.' });
    push({ kind: 'error', message: 'Tenant refused', code: 'plan_limit' });
    push({ kind: 'info', message: 'Saved here.' });
    push({ kind: 'info', message: 'Saved here.' });
    const notices = useNoticesStore.getState().notices;
    expect(notices.map((n) => [n.message, n.repeats])).toEqual([
      ['Tenant refused', 1],
      ['Saved here.', 3],
    ]);
  });

  it('keeps the same words of a different kind or code apart, and at most five notices', () => {
    const { push } = useNoticesStore.getState();
    push({ kind: 'info', message: 'A' });
    push({ kind: 'error', message: 'A' });
    push({ kind: 'error', message: 'A', code: 'x' });
    for (const m of ['B', 'C', 'D', 'E']) push({ kind: 'info', message: m });
    expect(useNoticesStore.getState().notices.map((n) => `${n.kind}:${n.message}${n.code ?? ''}`)).toEqual(['error:A', 'error:Ax', 'info:B', 'info:C', 'info:D', 'info:E'].slice(-5));
  });
});
