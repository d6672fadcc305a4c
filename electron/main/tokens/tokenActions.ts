import type { ApiToken } from '../../../shared/api/tokens.ts';
import type { Logger } from '../../../shared/logger.ts';
import { CodedError } from '../../../shared/result.ts';
import type { ConnectionService } from '../connections/connectionService.ts';
import { onlineTenant } from '../tenants/tenantActions.ts';
import type { TokenReveal } from './tokenReveal.ts';

/**
 * API token work on a tenant: it needs the tenant online (the tenant mints
 * the secret), and every secret goes straight to the reveal window — the
 * answers to the console carry metadata only.
 */
export interface TokenActions {
  issue(request: { connectionId: string; technicalUserId: string; userName: string; label?: string | undefined; expiresAt?: string | undefined }): Promise<{ token: ApiToken }>;
  replace(request: { connectionId: string; tokenId: string; userName: string; expiresAt?: string | undefined; overlapSeconds?: number | undefined }): Promise<{ token: ApiToken; replaced: ApiToken }>;
  changeExpiry(request: { connectionId: string; tokenId: string; expiresAt: string }): Promise<ApiToken>;
  revoke(request: { connectionId: string; tokenId: string }): Promise<null>;
}

export function createTokenActions(deps: { connections: ConnectionService; reveal: TokenReveal; logger: Logger }): TokenActions {
  const { connections, reveal, logger } = deps;

  /** A secret nobody could see is worthless and dangerous: revoke the token it belongs to. */
  const showOrRevoke = async (client: ReturnType<typeof onlineTenant>['client'], token: ApiToken, show: () => Promise<void>) => {
    try {
      await show();
    } catch (error) {
      await client.call('revokeToken', { params: { id: token.id } }).catch((revokeError: unknown) => logger.error('could not revoke a token whose secret was never shown', { tokenId: token.id, error: revokeError }));
      const reason = error instanceof Error ? error.message : String(error);
      throw new CodedError('reveal_failed', `${reason} The new token (${token.prefix}…) was revoked, since nobody could see its secret.`);
    }
  };

  return {
    async issue({ connectionId, technicalUserId, userName, label, expiresAt }) {
      const { client, connection } = onlineTenant(connections, connectionId);
      reveal.assertAvailable();
      const issued = await client.call('issueToken', { params: { id: technicalUserId }, body: { ...(label ? { label } : {}), ...(expiresAt ? { expiresAt } : {}) } });
      const { token } = issued;
      await showOrRevoke(client, token, () =>
        reveal.show({ secret: issued.secret, label: token.label, prefix: token.prefix, userName, tenantName: connection.displayName, expiresAt: token.expiresAt, replaces: null }),
      );
      logger.info('token issued', { connectionId, tokenId: token.id, prefix: token.prefix });
      return { token };
    },
    async replace({ connectionId, tokenId, userName, expiresAt, overlapSeconds }) {
      const { client, connection } = onlineTenant(connections, connectionId);
      reveal.assertAvailable();
      const result = await client.call('replaceToken', { params: { id: tokenId }, body: { ...(expiresAt ? { expiresAt } : {}), ...(overlapSeconds ? { overlapSeconds } : {}) } });
      const { token, replaced } = result;
      const worksUntil = replaced.status === 'replaced' && Date.parse(replaced.expiresAt) > Date.now() ? replaced.expiresAt : null;
      await showOrRevoke(client, token, () =>
        reveal.show({ secret: result.secret, label: token.label, prefix: token.prefix, userName, tenantName: connection.displayName, expiresAt: token.expiresAt, replaces: { prefix: replaced.prefix, worksUntil } }),
      );
      logger.info('token replaced', { connectionId, tokenId: token.id, replaced: replaced.id, overlapSeconds: overlapSeconds ?? 0 });
      return { token, replaced };
    },
    async changeExpiry({ connectionId, tokenId, expiresAt }) {
      const { client } = onlineTenant(connections, connectionId);
      return client.call('patchToken', { params: { id: tokenId }, body: { expiresAt } });
    },
    async revoke({ connectionId, tokenId }) {
      const { client } = onlineTenant(connections, connectionId);
      await client.call('revokeToken', { params: { id: tokenId } });
      return null;
    },
  };
}
