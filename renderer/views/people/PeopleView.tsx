import { useEffect, useMemo, useState } from 'react';
import { humanUsersOnly } from '../../../shared/console/humanPicker.ts';
import { fullNameOf } from '../../../shared/console/termination.ts';
import { usePeopleOnTenant } from '../../people/usePeopleOnTenant.ts';
import { useInventoryIndex } from '../../inventory/useInventory.ts';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { TenantSelect } from '../../shell/TenantSelect.tsx';
import { SectionHeader } from '../SectionHeader.tsx';
import { SectionView } from '../SectionView.tsx';
import { PersonPanel } from './PersonPanel.tsx';
import { OffboardingSweep } from './OffboardingSweep.tsx';
import { useReplica } from '../../sync/useDatabase.ts';
import { TabList } from '../../shell/TabList.tsx';
import { useWindowedRows } from '../../shell/useWindowedRows.ts';

/**
 * People on one tenant — human users only, whatever the tenant returns
 * (technical and system users never appear) — with the webhooks and apps
 * each owns. Employees live on the tenant, so this needs it online. The
 * list shows as soon as the tenant sent it; each person's integrations are
 * read when their row is drawn (the chosen person's first), and after an
 * action only that person's again (usePeopleOnTenant). A search beyond a
 * truncated list asks the tenant too.
 */
export function PeopleView() {
  const connections = useConnectionsStore((s) => s.connections);
  const { index, version } = useInventoryIndex();
  const [chosenTenant, setChosenTenant] = useState<string | null>(null);
  const tenantId = chosenTenant ?? connections.find((c) => c.state === 'connected')?.id ?? connections[0]?.id ?? '';
  const connection = connections.find((c) => c.id === tenantId);
  const online = connection?.state === 'connected';
  const [selected, setSelected] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [tab, setTab] = useState<'people' | 'sweep'>('people');
  const replica = useReplica();
  const query = search.trim();
  const onTenant = usePeopleOnTenant(tenantId, online, query);

  // Human users only: whatever the tenant sends, technical and system users of the local copy never show.
  const technicalIds = useMemo(() => {
    void version;
    return new Set((index?.all() ?? []).filter((r) => r.tenantId === tenantId).map((r) => r.id));
  }, [index, version, tenantId]);
  const technicalNames = useMemo(() => {
    void version;
    return (index?.all() ?? []).filter((r) => r.tenantId === tenantId).map((r) => r.name);
  }, [index, version, tenantId]);
  // The last list stays while a reload after an action is on its way (no flash of "Loading").
  const { list } = onTenant;
  const data = list.state === 'ready' ? list.value : list.state === 'loading' ? list.last : null;
  const people = useMemo(() => (data ? humanUsersOnly(data.people, technicalIds) : []), [data, technicalIds]);
  const truncated = data?.truncated ?? false;
  const { foundOnTenant } = onTenant;
  const shown = useMemo(() => {
    const q = query.toLocaleLowerCase('en-US');
    if (!q) return people;
    const local = people.filter((p) => `${fullNameOf(p)}\n${p.email}`.toLocaleLowerCase('en-US').includes(q));
    const fromTenant = foundOnTenant ? humanUsersOnly(foundOnTenant, technicalIds) : [];
    const seen = new Set(local.map((p) => p.id));
    return [...local, ...fromTenant.filter((p) => !seen.has(p.id))];
  }, [people, query, foundOnTenant, technicalIds]);
  const { window: drawn, bodyRef } = useWindowedRows(shown.length);
  const visible = useMemo(() => shown.slice(drawn.first, drawn.last), [shown, drawn.first, drawn.last]);

  // Integrations of the people drawn, the chosen one first.
  const { want } = onTenant;
  useEffect(() => {
    want([...(selected ? [selected] : []), ...visible.map((p) => p.id)]);
  }, [want, visible, selected]);
  const { integrationsOf } = onTenant;

  if (connections.length === 0) return <SectionView section="people" />;
  const person = shown.find((p) => p.id === selected) ?? people.find((p) => p.id === selected) ?? null;

  return (
    <div className="people-page">
      <SectionHeader
        section="people"
        actions={
          <label className="field-inline">
            Tenant
            <TenantSelect connections={connections} value={tenantId} onChange={(id) => (setChosenTenant(id), setSelected(null))} markOffline />
          </label>
        }
      />
      <TabList
        label="People"
        tabs={(['people', 'sweep'] as const).map((t) => ({ id: t, label: t === 'people' ? 'People on one tenant' : 'Offboarding sweep (all tenants)', tabId: `people-tab-${t}`, panelId: `people-panel-${t}` }))}
        selected={tab}
        onSelect={setTab}
      />
      <div className="page-body people-body" role="tabpanel" id={`people-panel-${tab}`} aria-labelledby={`people-tab-${tab}`} tabIndex={0}>
        {tab === 'sweep' ? (
          replica ? <OffboardingSweep replica={replica} /> : <p className="muted empty-inline">Opening the local copy…</p>
        ) : !online ? (
          <p className="alert alert-warning" role="status">
            {connection?.displayName ?? 'This tenant'} is offline. People and their integrations live on the tenant, and terminating someone is an immediate action there — this needs the tenant online.
          </p>
        ) : list.state === 'failed' ? (
          <p className="alert alert-error" role="alert">
            {list.error.message}{' '}
            <button type="button" className="button button-small" onClick={onTenant.reload}>
              Try again
            </button>
          </p>
        ) : !data ? (
          <p className="muted empty-inline">Loading people from {connection?.displayName}…</p>
        ) : (
          <div className="people-layout">
            <section aria-labelledby="people-list-title" className="card">
              <div className="card-header">
                <h2 id="people-list-title" className="card-title">
                  {!query ? `${people.length.toLocaleString()} ${people.length === 1 ? 'person' : 'people'}${truncated ? ' (the first ones)' : ''}` : `${shown.length.toLocaleString()} of ${people.length.toLocaleString()}${truncated ? '+' : ''} people`}
                </h2>
                <span className="spacer" />
                <input type="search" aria-label="Search people" placeholder="Name or e-mail" value={search} onChange={(e) => setSearch(e.target.value)} />
              </div>
              <table className="data-table" aria-label={`People on ${connection?.displayName ?? ''}`} aria-rowcount={shown.length + 1}>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Integrations</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody ref={bodyRef}>
                  {drawn.spaceBefore > 0 ? (
                    <tr aria-hidden="true" className="spacer-row">
                      <td colSpan={3} style={{ height: drawn.spaceBefore }} />
                    </tr>
                  ) : null}
                  {visible.map((p, i) => {
                    const entry = integrationsOf(p.id);
                    const owned = entry === undefined ? undefined : Array.isArray(entry) ? entry.filter((i) => i.ownerType === 'user') : null;
                    return (
                      <tr key={p.id} data-row="" aria-rowindex={drawn.first + i + 2} className={selected === p.id ? 'row-selected' : undefined} aria-selected={selected === p.id}>
                        <td>
                          <button type="button" className="link-button" onClick={() => setSelected(p.id)}>
                            {fullNameOf(p)}
                          </button>
                          <span className="cell-sub">{p.email}</span>
                        </td>
                        <td>
                          {owned === undefined ? (
                            <span className="muted">reading…</span>
                          ) : owned === null ? (
                            <span className="field-error">could not be read</span>
                          ) : owned.length === 0 ? (
                            <span className="muted">none</span>
                          ) : (
                            owned.map((i) => (
                              <span key={i.id} className="integration-chip" title={`${i.kind === 'webhook' ? 'Webhook' : 'App'}: ${i.name}${i.local ? ' (local)' : ''}`}>
                                {i.kind === 'webhook' ? 'Webhook' : 'App'}: {i.name}
                                {i.local ? ' (local)' : ''}
                              </span>
                            ))
                          )}
                        </td>
                        <td>{p.active ? <span className="badge badge-ok">Active</span> : <span className="badge badge-muted">Terminated</span>}</td>
                      </tr>
                    );
                  })}
                  {drawn.spaceAfter > 0 ? (
                    <tr aria-hidden="true" className="spacer-row">
                      <td colSpan={3} style={{ height: drawn.spaceAfter }} />
                    </tr>
                  ) : null}
                </tbody>
              </table>
              {shown.length === 0 ? <p className="muted empty-inline">{search.trim() ? `No one on ${connection?.displayName ?? 'this tenant'} matches “${search.trim()}”.` : 'No people on this tenant.'}</p> : null}
              {data.truncated ? <p className="field-hint">The tenant has more people than the first 5,000 listed here; a search asks the tenant too.</p> : null}
              {onTenant.searchFailed ? <p className="field-error" role="alert">The tenant’s own search failed: {onTenant.searchFailed}</p> : null}
            </section>
            {person && integrationsOf(person.id) !== undefined ? (
              <PersonPanel key={person.id} connection={connection!} person={person} integrations={integrationsOf(person.id)!} technicalUserNames={technicalNames} onChanged={() => onTenant.changed(person.id)} />
            ) : person ? (
              <p className="muted empty-inline" role="status">
                Reading {fullNameOf(person)}’s integrations from {connection?.displayName}…
              </p>
            ) : (
              <p className="muted empty-inline">Choose a person to see their integrations, hand an app over, or terminate them.</p>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
