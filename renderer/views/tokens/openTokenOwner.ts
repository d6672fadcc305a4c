import { localKey } from '../../../shared/sync/localDocuments.ts';
import type { LocalToken } from '../../db/pages/pulledTypes.ts';
import { useInventoryStore } from '../../state/inventoryStore.ts';
import { useUiStore } from '../../state/uiStore.ts';

/** Opens a token's owner on its API tokens tab. */
export function openTokenOwner(token: Pick<LocalToken, 'tenantId' | 'technicalUserId'>): void {
  useInventoryStore.getState().open({ kind: 'user', key: localKey(token.tenantId, token.technicalUserId), tab: 'tokens' });
  useUiStore.getState().navigate('technical-users');
}
