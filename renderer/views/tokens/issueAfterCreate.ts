import { localKey } from '../../../shared/sync/localDocuments.ts';
import { bridge } from '../../bridge.ts';
import { combineLatest, filter, firstValueFrom, map, race, timer } from 'rxjs';
import type { LocalReplica } from '../../sync/localReplica.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { expiryFromDate } from './tokenFormat.ts';

/**
 * Waits until the tenant has confirmed a new technical user (its pending
 * change is gone), or refused it (a rejection for it appears).
 */
export function waitUntilOnTenant(replica: Pick<LocalReplica, 'ledger' | 'notes'>, tenantId: string, id: string, timeoutMs = 30_000): Promise<'confirmed' | 'refused' | 'timeout'> {
  const key = localKey(tenantId, id);
  const outcome$ = combineLatest([replica.ledger.entries$, replica.notes.rejections$]).pipe(
    map(([pending, rejections]) => (rejections.some((r) => r.tenantId === tenantId && r.docId === id) ? 'refused' : pending.some((p) => p.key === key) ? null : 'confirmed')),
    filter((outcome): outcome is 'confirmed' | 'refused' => outcome !== null),
  );
  return firstValueFrom(race(outcome$, timer(timeoutMs).pipe(map(() => 'timeout' as const))));
}

/**
 * The "new technical user" flow's token (LeanIX shows one as soon as the
 * user exists): once the tenant has the user, issue its token; the secret
 * opens in the reveal window. Anything in the way is said in a notice.
 */
export async function issueAfterCreate(replica: Pick<LocalReplica, 'ledger' | 'notes'>, request: { tenantId: string; id: string; name: string; label: string; expiryDate: string; maxLifetimeDays: number }): Promise<void> {
  try {
    await issueOnceCreated(replica, request);
  } catch (error) {
    useNoticesStore.getState().push({ kind: 'error', code: 'token_not_issued', message: `${request.name} was created, but its token was not issued: ${error instanceof Error ? error.message : String(error)}` });
  }
}

async function issueOnceCreated(replica: Pick<LocalReplica, 'ledger' | 'notes'>, request: Parameters<typeof issueAfterCreate>[1]): Promise<void> {
  const notices = useNoticesStore.getState();
  const outcome = await waitUntilOnTenant(replica, request.tenantId, request.id);
  if (outcome !== 'confirmed') {
    notices.push({
      kind: 'error',
      code: outcome === 'refused' ? 'create_refused' : 'create_not_confirmed',
      message:
        outcome === 'refused'
          ? `The tenant refused to create ${request.name}, so no token was issued. See Sync to fix it.`
          : `${request.name} is saved here but the tenant has not confirmed it yet, so no token was issued. Issue one from its API tokens tab once it has synced.`,
    });
    return;
  }
  const expiresAt = expiryFromDate(request.expiryDate, Date.now(), request.maxLifetimeDays);
  const result = await bridge().tokens.issue({ connectionId: request.tenantId, technicalUserId: request.id, userName: request.name, ...(request.label.trim() ? { label: request.label } : {}), ...(expiresAt ? { expiresAt } : {}) });
  if (!result.ok) {
    notices.push({ kind: 'error', code: result.error.code, message: `${request.name} was created, but its token was not issued: ${result.error.message}` });
    return;
  }
  notices.push({ kind: 'info', message: `Issued token ${result.value.token.prefix}… for ${request.name}. Its secret is shown once, in its own window.` });
}
