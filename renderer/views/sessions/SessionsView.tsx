import { useCallback, useEffect, useMemo, useState } from 'react';
import { expiringInUse, sessionsDays, sessionsWindowDays, lastActivityOf, risingFailureRates, severalClients, topCallers, unusedUsersFrom } from '../../../shared/console/sessionFacts.ts';
import { localKey, splitLocalKey } from '../../../shared/sync/localDocuments.ts';
import { useInventoryIndex, useMinuteClock } from '../../inventory/useInventory.ts';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { usePulled, useReplica } from '../../sync/useDatabase.ts';
import { TenantSelect } from '../../shell/TenantSelect.tsx';
import { SectionHeader } from '../SectionHeader.tsx';
import { SectionView } from '../SectionView.tsx';
import { HeatmapCard } from './HeatmapCard.tsx';
import { ExpiringInUseCard, RisingFailuresCard, SeveralClientsCard, TopCallersCard, UnusedCard } from './InsightCards.tsx';
import type { UserLabel } from './openSessionUser.ts';

const windowDays = sessionsWindowDays;

function inTenant<T extends { tenantId: string }>(list: readonly T[] | null, tenantId: string): readonly T[] {
  return tenantId ? (list ?? []).filter((d) => d.tenantId === tenantId) : (list ?? []);
}

/**
 * Support engineers' questions, across tenants, from the local copy: who
 * calls, since when does something fail, which technical users are unused,
 * where one user serves several clients, which busy tokens expire soon.
 */
export function SessionsView() {
  const connections = useConnectionsStore((s) => s.connections);
  const replica = useReplica();
  const { index, version } = useInventoryIndex();
  const now = useMinuteClock();
  const [tenantFilter, setTenantFilter] = useState('');
  // The latest "today" among the tenants (each keeps dates in its own time zone).
  const { today, dates, since } = useMemo(() => sessionsDays(connections.map((c) => c.tenant?.timeZone ?? 'UTC'), now), [connections, now]);
  // Read again when the replica changes (at most every 2 s while a sync streams in).
  const allDays = usePulled(replica, ['session-days'], (r) => r.pages.sessionDays.since(since), [since], { throttleMs: 2_000 });
  // Tokens from the in-memory index (kept current from the replica's changes; the same array until one changes).
  const allTokens = index?.allTokens() ?? null;
  useEffect(() => {
    if (allDays) performance.mark('tessera:sessions-days-read', { detail: { count: allDays.length } });
  }, [allDays]);
  useEffect(() => {
    if (allTokens) performance.mark('tessera:sessions-tokens-read', { detail: { count: allTokens.length } });
  }, [allTokens]);
  const days = useMemo(() => inTenant(allDays, tenantFilter), [allDays, tenantFilter]);
  const tokens = useMemo(() => inTenant(allTokens, tenantFilter), [allTokens, tenantFilter]);
  const byId = useMemo(() => new Map(connections.map((c) => [c.id, c])), [connections]);
  const label = useMemo((): UserLabel => {
    void version;
    return (key) => {
      const row = index?.row(key);
      const { tenantId, id } = splitLocalKey(key);
      return { key, name: row?.name ?? id, tenant: byId.get(tenantId), tenantName: byId.get(tenantId)?.displayName ?? 'Removed tenant', oneTenant: connections.length === 1 || tenantFilter !== '' };
    };
  }, [index, version, byId, connections.length, tenantFilter]);
  const users = useMemo(() => {
    void version;
    return (index?.all() ?? []).filter((r) => !tenantFilter || r.tenantId === tenantFilter).map((r) => ({ key: r.key, createdAt: r.createdAt, active: r.active }));
  }, [index, version, tenantFilter]);

  // The cards below the heatmap are worked out once it is drawn (a few hundred milliseconds over 50,000
  // users and 127,000 session-days): the heatmap, the first thing on the page, does not wait for them.
  const [heatmapDrawn, setHeatmapDrawn] = useState(false);
  const onHeatmapDrawn = useCallback(() => setHeatmapDrawn(true), []);
  const insights = useMemo(() => {
    if (!heatmapDrawn) return null;
    const last = lastActivityOf(days, tokens);
    return {
      top: topCallers(days, dates, 10),
      rising: risingFailureRates(days, dates).slice(0, 10),
      unused30: unusedUsersFrom(users, last, 30, now),
      unused90: unusedUsersFrom(users, last, 90, now),
      clients: severalClients(days, dates).slice(0, 50),
      expiring: expiringInUse(tokens, now).slice(0, 50),
    };
  }, [heatmapDrawn, days, dates, users, tokens, now]);

  useEffect(() => {
    if (insights) performance.mark('tessera:sessions-insights');
  }, [insights]);

  if (connections.length === 0) return <SectionView section="sessions" />;
  const loading = allDays === null || allTokens === null || !index;
  return (
    <div className="sessions-page">
      <SectionHeader
        section="sessions"
        actions={
          <label className="field-inline">
            Tenant
            <TenantSelect connections={connections} value={tenantFilter} onChange={setTenantFilter} allLabel="All tenants" />
          </label>
        }
      />
      <div className="page-body dashboards">
        {loading ? (
          <p className="muted empty-inline">Reading session data from the local copy…</p>
        ) : (
          <>
            <p className="muted dashboards-note">
              From the local copy — works offline. Last {windowDays} days up to {today}, in each tenant’s own dates. Choose any bar, cell or row to open that technical user.
            </p>
            <HeatmapCard days={days} dates={dates} label={label} onDrawn={onHeatmapDrawn} />
            {insights ? (
              <>
                <div className="dashboard-grid">
                  <TopCallersCard top={insights.top} label={label} />
                  <RisingFailuresCard rising={insights.rising} label={label} />
                </div>
                <UnusedCard unused30={insights.unused30} unused90={insights.unused90} label={label} />
                <div className="dashboard-grid">
                  <SeveralClientsCard days={insights.clients} label={label} />
                  <ExpiringInUseCard tokens={insights.expiring} label={(t) => label(localKey(t.tenantId, t.technicalUserId))} now={now} />
                </div>
              </>
            ) : (
              <p className="muted empty-inline" role="status">
                Working out top callers, failure rates and unused users…
              </p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
