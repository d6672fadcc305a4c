import type { ApiToken } from '../../../shared/api/tokens.ts';
import type { ServiceCall } from '../../../shared/ipc/contract.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import type { TenantPort } from '../connections/tenantPort.ts';
import type { TenantClient } from '../tenantApi/tenantClient.ts';
import type { RevealRequest, TokenReveal } from './tokenReveal.ts';
import { hasExpired } from '../../../shared/rules/tokenExpiry.ts';

/**
 * API token work on a tenant: it needs the tenant online (the tenant mints
 * the secret), and every secret goes straight to the reveal window — the
 * answers to the console carry metadata only.
 */
export interface TokenActions {
  issue: ServiceCall<'tokens:issue'>;
  replace: ServiceCall<'tokens:replace'>;
  changeExpiry: ServiceCall<'tokens:changeExpiry'>;
  revoke: ServiceCall<'tokens:revoke'>;
}

export function createTokenActions(deps: { tenants: TenantPort; reveal: TokenReveal; logger: Logger }): TokenActions {
  const { tenants, reveal, logger } = deps;

  /**
   * Mints a secret with the reveal slot held, then shows it. A secret nobody
   * could see is worthless and dangerous: its token is revoked, and the
   * message says what that leaves working.
   */
  const mintAndShow = async <T extends { token: ApiToken; secret: string }>(
    client: TenantClient,
    mint: () => Promise<T>,
    request: (minted: T) => RevealRequest,
    afterRevoke: (minted: T) => string,
  ): Promise<T> => {
    const slot = reveal.reserve();
    let minted: T;
    try {
      minted = await mint();
    } catch (error) {
      slot.release();
      throw error;
    }
    try {
      await slot.show(request(minted));
    } catch (error) {
      const { token } = minted;
      await client.call('revokeToken', { params: { id: token.id } }).catch((revokeError: unknown) => logger.error('could not revoke a token whose secret was never shown', { tokenId: token.id, error: revokeError }));
      const reason = error instanceof Error ? error.message : String(error);
      throw new CodedError('reveal_failed', `${reason} The new token (${token.prefix}…) was revoked, since nobody could see its secret.${afterRevoke(minted)}`);
    }
    return minted;
  };

  return {
    async issue({ connectionId, technicalUserId, userName, label, expiresAt }) {
      const { client, connection } = tenants.reach(connectionId);
      const { token } = await mintAndShow(
        client,
        () => client.call('issueToken', { params: { id: technicalUserId }, body: { ...(label ? { label } : {}), ...(expiresAt ? { expiresAt } : {}) } }),
        ({ token: t, secret }) => ({ secret, label: t.label, prefix: t.prefix, userName, tenantName: connection.displayName, expiresAt: t.expiresAt, replaces: null }),
        () => '',
      );
      logger.info('token issued', { connectionId, tokenId: token.id, prefix: token.prefix });
      return { token };
    },
    async replace({ connectionId, tokenId, userName, expiresAt, overlapSeconds }) {
      const { client, connection } = tenants.reach(connectionId);
      const worksUntilOf = (replaced: ApiToken) => (replaced.status === 'replaced' && !hasExpired(replaced.expiresAt, Date.now()) ? replaced.expiresAt : null);
      const { token, replaced } = await mintAndShow(
        client,
        () => client.call('replaceToken', { params: { id: tokenId }, body: { ...(expiresAt ? { expiresAt } : {}), ...(overlapSeconds ? { overlapSeconds } : {}) } }),
        ({ token: t, secret, replaced: old }) => ({ secret, label: t.label, prefix: t.prefix, userName, tenantName: connection.displayName, expiresAt: t.expiresAt, replaces: { prefix: old.prefix, worksUntil: worksUntilOf(old) } }),
        ({ replaced: old }) => {
          const until = worksUntilOf(old);
          return until ? ` The old token (${old.prefix}…) keeps working until ${until}: replace it again before then.` : ` The old token (${old.prefix}…) has stopped working already: replace or issue again now.`;
        },
      );
      logger.info('token replaced', { connectionId, tokenId: token.id, replaced: replaced.id, overlapSeconds: overlapSeconds ?? 0 });
      return { token, replaced };
    },
    async changeExpiry({ connectionId, tokenId, expiresAt }) {
      const { client } = tenants.reach(connectionId);
      return client.call('patchToken', { params: { id: tokenId }, body: { expiresAt } });
    },
    async revoke({ connectionId, tokenId }) {
      const { client } = tenants.reach(connectionId);
      await client.call('revokeToken', { params: { id: tokenId } });
      return null;
    },
  };
}
