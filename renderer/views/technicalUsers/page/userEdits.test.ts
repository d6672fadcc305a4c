import { describe, expect, it } from 'vitest';
import { noEdits, userEditsReducer, type UserEditAction, type UserEdits } from './userEdits.ts';

const run = (actions: UserEditAction[], from: UserEdits = noEdits) => actions.reduce(userEditsReducer, from);

describe('the edits of a technical user form', () => {
  it('fixes a field’s base at its first edit only, so a later change by someone else is theirs', () => {
    const state = run([
      { type: 'edit', change: { description: 'a' }, stored: { description: 'stored 1' } },
      { type: 'edit', change: { description: 'ab' }, stored: { description: 'stored 2 (a sync meanwhile)' } },
    ]);
    expect(state.patch).toEqual({ description: 'ab' });
    expect(state.fieldBase).toEqual({ description: 'stored 1' });
  });

  it('keeps no bases while creating', () => {
    expect(run([{ type: 'edit', change: { name: 'CRM' }, stored: null }]).fieldBase).toEqual({});
  });

  it('keep mine remembers their value; take theirs drops my edit, its base and what I had seen', () => {
    const edited = run([
      { type: 'edit', change: { description: 'mine', language: 'de' }, stored: { description: 'old', language: 'en' } },
      { type: 'keepMine', field: 'description', theirs: 'theirs' },
    ]);
    expect(edited.seen).toEqual({ description: 'theirs' });
    const taken = run([{ type: 'takeTheirs', field: 'description' }], edited);
    expect(taken).toEqual({ patch: { language: 'de' }, fieldBase: { language: 'en' }, seen: {}, saveProblem: null });
  });

  it('a refused save is said until the next edit; reset forgets everything', () => {
    const refused = run([{ type: 'edit', change: { name: 'x' }, stored: { name: 'y' } }, { type: 'saveRefused', problem: 'changed meanwhile' }]);
    expect(refused.saveProblem).toBe('changed meanwhile');
    expect(run([{ type: 'edit', change: { name: 'xz' }, stored: { name: 'y' } }], refused).saveProblem).toBeNull();
    expect(run([{ type: 'reset' }], refused)).toBe(noEdits);
  });
});
