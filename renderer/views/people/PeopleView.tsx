import { useEffect, useMemo, useState } from 'react';
import type { Employee, Integration } from '../../../shared/api/employees.ts';
import { humanUsersOnly } from '../../../shared/console/humanPicker.ts';
import { fullNameOf } from '../../../shared/console/termination.ts';
import { bridge } from '../../bridge.ts';
import { useInventoryIndex } from '../../inventory/useInventory.ts';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { TenantSelect } from '../../shell/TenantSelect.tsx';
import { SectionHeader } from '../SectionHeader.tsx';
import { SectionView } from '../SectionView.tsx';
import { PersonPanel } from './PersonPanel.tsx';
import { OffboardingSweep } from './OffboardingSweep.tsx';
import { useReplica } from '../../sync/useDatabase.ts';
import { TabList } from '../../shell/TabList.tsx';

type Loaded = { key: string; state: 'ready'; people: Employee[]; integrations: Map<string, Integration[] | string>; truncated: boolean } | { key: string; state: 'error'; message: string };

/** How many people's integrations are fetched at once. */
const parallel = 4;

/**
 * People on one tenant — human users only, whatever the tenant returns
 * (technical and system users never appear) — with the webhooks and apps
 * each owns. Employees live on the tenant, so this needs it online.
 */
export function PeopleView() {
  const connections = useConnectionsStore((s) => s.connections);
  const { index, version } = useInventoryIndex();
  const [chosenTenant, setChosenTenant] = useState<string | null>(null);
  const tenantId = chosenTenant ?? connections.find((c) => c.state === 'connected')?.id ?? connections[0]?.id ?? '';
  const connection = connections.find((c) => c.id === tenantId);
  const online = connection?.state === 'connected';
  const [reloads, setReloads] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [tab, setTab] = useState<'people' | 'sweep'>('people');
  const replica = useReplica();
  const requestKey = `${tenantId}|${reloads}`;

  useEffect(() => {
    if (!online || !tenantId) return;
    let current = true;
    void (async () => {
      const listed = await bridge().people.list({ connectionId: tenantId });
      if (!current) return;
      if (!listed.ok) {
        setLoaded({ key: `${tenantId}|${reloads}`, state: 'error', message: listed.error.message });
        return;
      }
      // A person's integrations, or why they could not be read (never mistaken for "owns nothing").
      const integrations = new Map<string, Integration[] | string>();
      const queue = [...listed.value.people];
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          for (let person = queue.shift(); person; person = queue.shift()) {
            const owned = await bridge().people.integrations({ connectionId: tenantId, ownerId: person.id });
            integrations.set(person.id, owned.ok ? owned.value : owned.error.message);
          }
        }),
      );
      if (current) setLoaded({ key: `${tenantId}|${reloads}`, state: 'ready', people: listed.value.people, integrations, truncated: listed.value.truncated });
    })();
    return () => {
      current = false;
    };
  }, [online, tenantId, reloads]);

  // Human users only: whatever the tenant sends, technical and system users of the local copy never show.
  const technicalIds = useMemo(() => {
    void version;
    return new Set((index?.all() ?? []).filter((r) => r.tenantId === tenantId).map((r) => r.id));
  }, [index, version, tenantId]);
  const technicalNames = useMemo(() => {
    void version;
    return (index?.all() ?? []).filter((r) => r.tenantId === tenantId).map((r) => r.name);
  }, [index, version, tenantId]);
  const data = loaded?.key === requestKey ? loaded : null;
  const people = useMemo(() => (data?.state === 'ready' ? humanUsersOnly(data.people, technicalIds) : []), [data, technicalIds]);
  const shown = useMemo(() => {
    const q = search.trim().toLocaleLowerCase('en-US');
    return q ? people.filter((p) => `${fullNameOf(p)}\n${p.email}`.toLocaleLowerCase('en-US').includes(q)) : people;
  }, [people, search]);

  if (connections.length === 0) return <SectionView section="people" />;
  const person = people.find((p) => p.id === selected) ?? null;

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
        ) : !data ? (
          <p className="muted empty-inline">Loading people and their integrations from {connection?.displayName}…</p>
        ) : data.state === 'error' ? (
          <p className="alert alert-error" role="alert">
            {data.message}{' '}
            <button type="button" className="button button-small" onClick={() => setReloads((n) => n + 1)}>
              Try again
            </button>
          </p>
        ) : (
          <div className="people-layout">
            <section aria-labelledby="people-list-title" className="card">
              <div className="card-header">
                <h2 id="people-list-title" className="card-title">
                  {shown.length === people.length ? `${people.length} ${people.length === 1 ? 'person' : 'people'}` : `${shown.length} of ${people.length} people`}
                </h2>
                <span className="spacer" />
                <input type="search" aria-label="Search people" placeholder="Name or e-mail" value={search} onChange={(e) => setSearch(e.target.value)} />
              </div>
              <table className="data-table" aria-label={`People on ${connection?.displayName ?? ''}`}>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Integrations</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((p) => {
                    const known = data.integrations.get(p.id) ?? [];
                    const owned = typeof known === 'string' ? null : known.filter((i) => i.ownerType === 'user');
                    return (
                      <tr key={p.id} className={selected === p.id ? 'row-selected' : undefined} aria-selected={selected === p.id}>
                        <td>
                          <button type="button" className="link-button" onClick={() => setSelected(p.id)}>
                            {fullNameOf(p)}
                          </button>
                          <span className="cell-sub">{p.email}</span>
                        </td>
                        <td>
                          {owned === null ? (
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
                </tbody>
              </table>
              {shown.length === 0 ? <p className="muted empty-inline">{search.trim() ? `No one on ${connection?.displayName ?? 'this tenant'} matches “${search.trim()}”.` : 'No people on this tenant.'}</p> : null}
              {data.truncated ? <p className="field-hint">Only the first 5,000 people are listed; search to narrow.</p> : null}
            </section>
            {person ? (
              <PersonPanel key={person.id} connection={connection!} person={person} integrations={data.integrations.get(person.id) ?? []} technicalUserNames={technicalNames} onChanged={() => setReloads((n) => n + 1)} />
            ) : (
              <p className="muted empty-inline">Choose a person to see their integrations, hand an app over, or terminate them.</p>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
