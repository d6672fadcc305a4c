import type { ConnectionView } from '../../../shared/connections.ts';
import { useMemo } from 'react';
import { isTokenFilterEmpty, tokenMatches, type TokenFilter } from '../../../shared/console/tokenFacts.ts';
import { localKey } from '../../../shared/sync/localDocuments.ts';
import type { LocalToken } from '../../db/pages/pulledTypes.ts';
import { useInventoryIndex, useMinuteClock } from '../../inventory/useInventory.ts';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useTokensStore } from '../../state/tokensStore.ts';
import { TenantBadge } from '../../shell/TenantBadge.tsx';
import { TenantSelect } from '../../shell/TenantSelect.tsx';
import { SectionHeader } from '../SectionHeader.tsx';
import { SectionView } from '../SectionView.tsx';
import { ExpiryCalendar } from './ExpiryCalendar.tsx';
import { openTokenOwner } from './openTokenOwner.ts';
import { TokenCells, TokenHeaderCells, type OwnedToken } from './TokenCells.tsx';
import { TabList } from '../../shell/TabList.tsx';
import { useWindowedRows } from '../../shell/useWindowedRows.ts';

const noTokens: OwnedToken[] = [];

/** Every API token on every tenant, from the local copy: filters, and the expiry calendar. */
export function TokensView() {
  const connections = useConnectionsStore((s) => s.connections);
  const { index, version } = useInventoryIndex();
  // Every token of every tenant, from the in-memory index (kept current from the replica's changes; the same array until one changes).
  const tokens = index?.allTokens() ?? null;
  const view = useTokensStore((s) => s.view);
  const filter = useTokensStore((s) => s.filter);
  const { setView } = useTokensStore.getState();
  const now = useMinuteClock();
  const ownerName = useMemo(() => {
    void version;
    return (t: LocalToken) => index?.row(localKey(t.tenantId, t.technicalUserId))?.name ?? t.technicalUserId;
  }, [index, version]);
  // Soonest expiry first, sorted once per change of the tokens (ISO dates of one format compare as strings).
  const sortedTokens = useMemo(() => (tokens === null ? null : [...tokens].sort((a, b) => (a.expiresAt < b.expiresAt ? -1 : a.expiresAt > b.expiresAt ? 1 : 0))), [tokens]);
  // Each token with whether its user is active (the tenant refuses the tokens of an inactive user), in that order.
  const withOwners = useMemo(() => {
    void version;
    return sortedTokens === null ? null : sortedTokens.map((t): OwnedToken => ({ ...t, ownerActive: index?.row(localKey(t.tenantId, t.technicalUserId))?.active ?? true }));
  }, [sortedTokens, index, version]);
  // The filter keeps that order. The minute clock reaches it only when it looks at time (status, expiring,
  // unused): otherwise a new minute would filter 50,000 tokens again for nothing, mid-scroll.
  const byExpiry = withOwners ?? noTokens;
  const clock = filter.status !== 'any' || filter.expiringWithinDays !== null || filter.unusedForDays !== null ? now : 0;
  const matching = useMemo(() => (isTokenFilterEmpty(filter) ? byExpiry : byExpiry.filter((t) => tokenMatches(t, ownerName(t), filter, clock))), [byExpiry, ownerName, filter, clock]);
  if (connections.length === 0) return <SectionView section="tokens" />;
  const byId = new Map(connections.map((c) => [c.id, c]));

  return (
    <div className="tokens-page">
      <SectionHeader section="tokens" />
      <TabList
        label="Tokens"
        tabs={(['list', 'calendar'] as const).map((v) => ({ id: v, label: v === 'list' ? 'All tokens' : 'Expiry calendar (90 days)', tabId: `tokens-tab-${v}`, panelId: `tokens-panel-${v}` }))}
        selected={view}
        onSelect={setView}
      />
      <div className="page-body" role="tabpanel" id={`tokens-panel-${view}`} aria-labelledby={`tokens-tab-${view}`} tabIndex={0}>
        {tokens === null ? (
          <p className="muted empty-inline">Loading the local copy…</p>
        ) : view === 'calendar' ? (
          <ExpiryCalendar tokens={withOwners ?? []} now={now} ownerName={ownerName} connections={byId} />
        ) : (
          <>
            <TokenFilters connections={connections} />
            <p className="muted" role="status" aria-live="polite" data-testid="token-count">
              {matching.length === tokens.length ? `${tokens.length} tokens` : `${matching.length} of ${tokens.length} tokens`}
            </p>
            {matching.length === 0 ? (
              <p className="empty-inline muted">{tokens.length === 0 ? 'No API tokens on any connected tenant yet. Issue one from a technical user’s API tokens tab.' : 'No token matches these filters.'}</p>
            ) : (
              <TokensTable tokens={matching} byId={byId} ownerName={ownerName} now={now} />
            )}
          </>
        )}
      </div>
    </div>
  );
}

/** Every matching token, soonest expiry first; past a few hundred only the rows in view are drawn. */
function TokensTable(props: { tokens: readonly OwnedToken[]; byId: ReadonlyMap<string, ConnectionView>; ownerName: (t: LocalToken) => string; now: number }) {
  const { tokens, byId, ownerName, now } = props;
  const { window, bodyRef } = useWindowedRows(tokens.length);
  const spacer = (height: number) =>
    height > 0 ? (
      <tr aria-hidden="true" className="spacer-row">
        <td colSpan={8} style={{ height }} />
      </tr>
    ) : null;
  return (
    <table className="data-table tokens-table" aria-label="API tokens" aria-rowcount={tokens.length + 1}>
      <thead>
        <tr aria-rowindex={1}>
          <th scope="col">Technical user</th>
          <th scope="col">Tenant</th>
          <TokenHeaderCells />
        </tr>
      </thead>
      <tbody ref={bodyRef}>
        {spacer(window.spaceBefore)}
        {tokens.slice(window.first, window.last).map((t, i) => {
          const connection = byId.get(t.tenantId);
          return (
            <tr key={t.key} data-row="" aria-rowindex={window.first + i + 2}>
              <td>
                <button type="button" className="link-button" onClick={() => openTokenOwner(t)}>
                  {ownerName(t)}
                </button>
              </td>
              <td>{connection ? <TenantBadge connection={connection} /> : t.tenantId}</td>
              <TokenCells token={t} now={now} />
            </tr>
          );
        })}
        {spacer(window.spaceAfter)}
      </tbody>
    </table>
  );
}

const numberOrNull = (value: string) => (value.trim() === '' ? null : Math.max(0, Math.min(3650, Math.floor(Number(value)))));

function TokenFilters(props: { connections: ReadonlyArray<Pick<ConnectionView, 'id' | 'displayName' | 'state'>> }) {
  const filter = useTokensStore((s) => s.filter);
  const { setFilter, clearFilter } = useTokensStore.getState();
  const set = (patch: Partial<TokenFilter>) => setFilter(patch);
  return (
    <div className="toolbar token-filters" role="search" aria-label="Filter tokens">
      <input type="search" aria-label="Search tokens" placeholder="Search label, prefix or user" value={filter.text} onChange={(e) => set({ text: e.target.value })} />
      <TenantSelect connections={props.connections} value={filter.tenantIds[0] ?? ''} onChange={(id) => set({ tenantIds: id ? [id] : [] })} allLabel="All tenants" />
      <select aria-label="Token status" value={filter.status} onChange={(e) => set({ status: e.target.value as TokenFilter['status'] })}>
        <option value="any">Any status</option>
        <option value="working">Still working</option>
        <option value="active">Active</option>
        <option value="overlap">In overlap (replaced)</option>
        <option value="refused">Refused (user inactive)</option>
        <option value="expired">Expired</option>
        <option value="revoked">Revoked</option>
        <option value="replaced">Replaced</option>
      </select>
      <label className="field-inline">
        Expiring within
        <input type="number" min={0} max={3650} inputMode="numeric" aria-label="Expiring within days" value={filter.expiringWithinDays ?? ''} onChange={(e) => set({ expiringWithinDays: numberOrNull(e.target.value) })} />
        days
      </label>
      <label className="field-inline">
        Unused for
        <input type="number" min={0} max={3650} inputMode="numeric" aria-label="Unused for days" value={filter.unusedForDays ?? ''} onChange={(e) => set({ unusedForDays: numberOrNull(e.target.value) })} />
        days
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={filter.neverUsed} onChange={(e) => set({ neverUsed: e.target.checked })} />
        <span>Never used</span>
      </label>
      {!isTokenFilterEmpty(filter) ? (
        <button type="button" className="button button-small" onClick={clearFilter}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
