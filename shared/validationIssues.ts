/**
 * Schema problems (zod's issues, or any list like them) in the one shape
 * every boundary reports them: a `{ path, message }` list for an error's
 * `details` (the path dotted: `dataFields.2.key`), and one sentence for its
 * message (`name: Too small; dataFields.2.key: …`).
 */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

export type IssueLike = { readonly path: readonly PropertyKey[] | string; readonly message: string };

export function issueList(issues: readonly IssueLike[]): ValidationIssue[] {
  return issues.map((i) => ({ path: typeof i.path === 'string' ? i.path : i.path.map(String).join('.'), message: i.message }));
}

/** The issues as one sentence; `whole` names what an empty path means (the body, the argument, the document). */
export function issuesText(issues: readonly IssueLike[], whole = '(root)'): string {
  return issueList(issues)
    .map((i) => `${i.path || whole}: ${i.message}`)
    .join('; ');
}
