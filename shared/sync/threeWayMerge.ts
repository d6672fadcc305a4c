/**
 * Field-by-field three-way merge of a local edit with a server change, both
 * made from the same base (the assumed master state). A field only one side
 * changed takes that side's value; a field both sides changed to different
 * values keeps the server's value, and the local value is reported as a
 * conflict the person resolves (keep mine / keep theirs).
 */
export interface FieldConflict {
  readonly field: string;
  readonly localValue: unknown;
  readonly serverValue: unknown;
  readonly baseValue: unknown;
}

export interface MergeResult<T> {
  readonly merged: T;
  readonly conflicts: FieldConflict[];
  /** Whether the merge keeps any local change the server does not have. */
  readonly keepsLocalChanges: boolean;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function threeWayMerge<T extends Record<string, unknown>>(input: { base: T | null; local: T; server: T; fields: readonly string[] }): MergeResult<T> {
  const { base, local, server, fields } = input;
  const merged: Record<string, unknown> = { ...server };
  const conflicts: FieldConflict[] = [];
  let keepsLocalChanges = false;
  for (const field of fields) {
    const baseValue = base?.[field];
    const localChanged = base === null ? local[field] !== undefined && !sameValue(local[field], server[field]) : !sameValue(local[field], baseValue);
    const serverChanged = base === null ? true : !sameValue(server[field], baseValue);
    if (!localChanged) continue;
    if (!serverChanged) {
      merged[field] = local[field];
      if (!sameValue(local[field], server[field])) keepsLocalChanges = true;
      continue;
    }
    if (!sameValue(local[field], server[field])) conflicts.push({ field, localValue: local[field], serverValue: server[field], baseValue });
  }
  return { merged: merged as T, conflicts, keepsLocalChanges };
}
