import { sameValue } from '../../../../shared/sync/threeWayMerge.ts';
import { draftOf, fieldsOf, type UserDraft } from './userDraft.ts';

type Stored = Readonly<Record<string, unknown>>;
type Field = keyof UserDraft;
/** Stored values (as in the local copy) the person has seen and chose to overwrite, by field. */
export type SeenValues = Readonly<Partial<Record<Field, unknown>>>;

/** A field this person changed in the form that someone else changed too, since the form's base. */
export interface RemoteChange {
  readonly field: Field;
  /** What the form holds (mine), as it would be saved. */
  readonly mine: unknown;
  /** What the local copy holds now (theirs), as it is stored. */
  readonly theirs: unknown;
  readonly by: { readonly name: string; readonly email: string | null } | null;
  readonly at: string | null;
}

/** A document's fields as the form would save them (so stored and typed values compare alike). */
function saved(doc: Stored, timeZone: string): Record<string, unknown> {
  return fieldsOf(draftOf(doc as never, { timeZone })) as Record<string, unknown>;
}

/**
 * The fields of the patch that change something relative to the base — the
 * person's own changes. A patch field that holds the base's value is no
 * change (the newest stored value shows and is kept).
 */
export function ownChanges(base: Stored, patch: Partial<UserDraft>, timeZone: string): Partial<UserDraft> {
  const before = saved(base, timeZone);
  const after = fieldsOf({ ...draftOf(base as never, { timeZone }), ...patch }) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(patch).filter(([field]) => !sameValue(after[field], before[field]))) as Partial<UserDraft>;
}

/**
 * An edit form's view of concurrent changes. The form remembers the stored
 * document it was opened (or first edited) from — its base — and the stored
 * values the person has seen and chosen to overwrite ("keep mine"). A field
 * the person changed is in conflict when the stored value moved away from
 * what they saw and is not what they typed; fields they did not touch are
 * not in the patch and show the newest value.
 */
export function remoteChangesOf(input: { base: Stored; live: Stored; patch: Partial<UserDraft>; seen: SeenValues; timeZone: string }): RemoteChange[] {
  const { base, live, seen, timeZone } = input;
  const own = ownChanges(base, input.patch, timeZone);
  const mine = fieldsOf({ ...draftOf(live as never, { timeZone }), ...own }) as Record<string, unknown>;
  const now = saved(live, timeZone);
  const against = saved({ ...base, ...seen }, timeZone);
  const by = live.updatedBy as { name?: string; email?: string | null } | undefined;
  const out: RemoteChange[] = [];
  for (const field of Object.keys(own) as Field[]) {
    if (sameValue(now[field], against[field]) || sameValue(now[field], mine[field])) continue;
    out.push({ field, mine: mine[field], theirs: live[field] ?? null, by: by?.name ? { name: by.name, email: by.email ?? null } : null, at: typeof live.updatedAt === 'string' ? live.updatedAt : null });
  }
  return out;
}

/** For saving: each field to write with the stored value the person decided against (the save refuses if it moved meanwhile). */
export function expectedValuesOf(base: Stored, seen: SeenValues, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, f in seen ? seen[f as Field] : (base[f] ?? null)]));
}
