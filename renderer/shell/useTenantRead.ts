import { useCallback, useEffect, useRef, useState } from 'react';
import { ipcErrorCodes } from '../../shared/ipc/errorCodes.ts';
import type { AppError, Result } from '../../shared/result.ts';

/** A read from a tenant (through main) as a view shows it. */
export type TenantRead<T> =
  /** Nothing is asked (the tenant is offline, or nothing is chosen). */
  | { readonly state: 'idle' }
  /** On its way; `last` is the answer for the same subject before a reload, shown meanwhile (no flash of "Loading"). */
  | { readonly state: 'loading'; readonly last: T | null }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'failed'; readonly error: AppError };

/**
 * Reads `subject` (e.g. `tenantId|userId|date`) with `read` whenever it
 * changes or `reload` is called; an answer for a subject or reload that is
 * no longer current is dropped, so a slow answer never shows under a newer
 * question. `subject` null asks nothing. A failure is a state with its code
 * and message, never swallowed.
 */
export function useTenantRead<T>(subject: string | null, read: () => Promise<Result<T>>): { read: TenantRead<T>; reload: () => void } {
  const [reloads, setReloads] = useState(0);
  const [answer, setAnswer] = useState<{ subject: string; reloads: number; result: Result<T> } | null>(null);
  // The read of the latest render (effects run in order, so the one below sees it).
  const latestRead = useRef(read);
  useEffect(() => {
    latestRead.current = read;
  });

  useEffect(() => {
    if (subject === null) return;
    let current = true;
    void latestRead
      .current()
      .catch((error: unknown): Result<T> => ({ ok: false, error: { code: ipcErrorCodes.internal, message: error instanceof Error ? error.message : String(error) } }))
      .then((result) => current && setAnswer({ subject, reloads, result }));
    return () => {
      current = false;
    };
  }, [subject, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { read: shownRead(subject, reloads, answer), reload };
}

/** What a view shows for the question (`subject`, `reloads`) given the last answer that arrived. */
export function shownRead<T>(subject: string | null, reloads: number, answer: { subject: string; reloads: number; result: Result<T> } | null): TenantRead<T> {
  if (subject === null) return { state: 'idle' };
  if (answer?.subject === subject && answer.reloads === reloads) return answer.result.ok ? { state: 'ready', value: answer.result.value } : { state: 'failed', error: answer.result.error };
  return { state: 'loading', last: answer?.subject === subject && answer.result.ok ? answer.result.value : null };
}
