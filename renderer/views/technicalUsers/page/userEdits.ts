import type { SeenValues } from './remoteChanges.ts';
import type { UserDraft } from './userDraft.ts';

type Field = keyof UserDraft;

/**
 * What the person has done in a technical user's form, over the stored
 * document: the edits (a patch, so a sync that changes other fields
 * underneath shows at once and is never sent back as if edited here); for
 * each edited field its base (the stored value when they started editing
 * it: what someone else changes from then on is theirs, not mine); and the
 * stored values they chose to overwrite ("keep mine").
 */
export interface UserEdits {
  readonly patch: Partial<UserDraft>;
  readonly fieldBase: Readonly<Partial<Record<Field, unknown>>>;
  readonly seen: SeenValues;
  /** Why the last save did not go through (someone's change landed just then), until the next edit. */
  readonly saveProblem: string | null;
}

export type UserEditAction =
  /** The person changed fields; `stored` is the stored document (null while creating: no bases). */
  | { readonly type: 'edit'; readonly change: Partial<UserDraft>; readonly stored: Readonly<Record<string, unknown>> | null }
  /** Keep my value of a field someone else changed: their value is the one I decided against. */
  | { readonly type: 'keepMine'; readonly field: Field; readonly theirs: unknown }
  /** Take their value: my edit of that field goes. */
  | { readonly type: 'takeTheirs'; readonly field: Field }
  | { readonly type: 'saveRefused'; readonly problem: string }
  /** Saved or discarded: back to the stored document. */
  | { readonly type: 'reset' };

export const noEdits: UserEdits = { patch: {}, fieldBase: {}, seen: {}, saveProblem: null };

export function userEditsReducer(state: UserEdits, action: UserEditAction): UserEdits {
  switch (action.type) {
    case 'edit': {
      const patch = { ...state.patch, ...action.change };
      const { stored } = action;
      // A field's first edit fixes its base.
      const fresh = stored ? (Object.keys(patch) as Field[]).filter((f) => !(f in state.fieldBase)) : [];
      const fieldBase = fresh.length > 0 ? { ...state.fieldBase, ...Object.fromEntries(fresh.map((f) => [f, stored![f]])) } : state.fieldBase;
      return { ...state, patch, fieldBase, saveProblem: null };
    }
    case 'keepMine':
      return { ...state, seen: { ...state.seen, [action.field]: action.theirs ?? null } };
    case 'takeTheirs': {
      const { [action.field]: _mine, ...patch } = state.patch;
      const { [action.field]: _seen, ...seen } = state.seen;
      const { [action.field]: _base, ...fieldBase } = state.fieldBase;
      return { ...state, patch, seen, fieldBase };
    }
    case 'saveRefused':
      return { ...state, saveProblem: action.problem };
    case 'reset':
      return noEdits;
  }
}
