import { useEffect, useMemo, useRef, useState } from 'react';
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
import { useWindowedRows } from '../../shell/useWindowedRows.ts';

type Loaded = { key: string; state: 'ready'; people: Employee[]; truncated: boolean } | { key: string; state: 'error'; message: string };

/** How many people's integrations are fetched at once. */
const parallel = 4;

/**
 * People on one tenant — human users only, whatever the tenant returns
 * (technical and system users never appear) — with the webhooks and apps
 * each owns. Employees live on the tenant, so this needs it online. The
 * list shows as soon as the tenant sent it; each person's integrations are
 * read when their row is drawn (the chosen person's first), and after an
 * action only that person's again. A search beyond a truncated list asks
 * the tenant (`q`).
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
  // A person's integrations, or why they could not be read (never mistaken for "owns nothing"), by `tenantId|personId`.
  const [integrations, setIntegrations] = useState<ReadonlyMap<string, Integration[] | string>>(new Map());
  const requested = useRef(new Set<string>());
  /** Whose integrations could not be read: asked again whenever the list is read again. */
  const failed = useRef(new Set<string>());
  const [found, setFound] = useState<{ key: string; people: Employee[] } | null>(null);

  useEffect(() => {
    if (!online || !tenantId) return;
    let current = true;
    void bridge()
      .people.list({ connectionId: tenantId })
      .then((listed) => {
        if (!current) return;
        for (const key of failed.current) requested.current.delete(key);
        failed.current.clear();
        setLoaded(listed.ok ? { key: `${tenantId}|${reloads}`, state: 'ready', people: listed.value.people, truncated: listed.value.truncated } : { key: `${tenantId}|${reloads}`, state: 'error', message: listed.error.message });
      });
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
  // The last list stays while a reload after an action is on its way (no flash of "Loading").
  const data = loaded?.key === requestKey || (loaded?.key.startsWith(`${tenantId}|`) && loaded.state === 'ready') ? loaded : null;
  const people = useMemo(() => (data?.state === 'ready' ? humanUsersOnly(data.people, technicalIds) : []), [data, technicalIds]);
  const query = search.trim();
  const truncated = data?.state === 'ready' && data.truncated;
  // Beyond a truncated list, the tenant searches too (after a pause in typing).
  useEffect(() => {
    if (!truncated || !query) return;
    let current = true;
    const timer = window.setTimeout(() => {
      void bridge()
        .people.list({ connectionId: tenantId, q: query })
        .then((result) => current && result.ok && setFound({ key: `${tenantId}|${query}`, people: result.value.people }));
    }, 250);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [truncated, query, tenantId]);
  const shown = useMemo(() => {
    const q = query.toLocaleLowerCase('en-US');
    if (!q) return people;
    const local = people.filter((p) => `${fullNameOf(p)}\n${p.email}`.toLocaleLowerCase('en-US').includes(q));
    const fromTenant = found?.key === `${tenantId}|${query}` ? humanUsersOnly(found.people, technicalIds) : [];
    const seen = new Set(local.map((p) => p.id));
    return [...local, ...fromTenant.filter((p) => !seen.has(p.id))];
  }, [people, query, found, tenantId, technicalIds]);
  const { window: drawn, bodyRef } = useWindowedRows(shown.length);
  const visible = useMemo(() => shown.slice(drawn.first, drawn.last), [shown, drawn.first, drawn.last]);

  // Integrations of the people drawn (the chosen one first) not asked for yet, a few at a time.
  useEffect(() => {
    if (!online || !tenantId) return;
    const wanted = [...new Set([...(selected ? [selected] : []), ...visible.map((p) => p.id)])].filter((id) => !requested.current.has(`${tenantId}|${id}`));
    if (wanted.length === 0) return;
    for (const id of wanted) requested.current.add(`${tenantId}|${id}`);
    void Promise.all(
      Array.from({ length: Math.min(parallel, wanted.length) }, async () => {
        for (let id = wanted.shift(); id; id = wanted.shift()) {
          const owned = await bridge().people.integrations({ connectionId: tenantId, ownerId: id });
          const key = `${tenantId}|${id}`;
          if (!owned.ok) failed.current.add(key);
          setIntegrations((before) => new Map(before).set(key, owned.ok ? owned.value : owned.error.message));
        }
      }),
    );
  }, [online, tenantId, visible, selected]);

  /** After an action on a person: the list again, and that person's integrations (nobody else's changed). */
  const changed = (personId: string) => {
    const key = `${tenantId}|${personId}`;
    requested.current.delete(key);
    setIntegrations((before) => {
      const next = new Map(before);
      next.delete(key);
      return next;
    });
    setReloads((n) => n + 1);
  };
  const integrationsOf = (personId: string) => integrations.get(`${tenantId}|${personId}`);

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
        ) : !data ? (
          <p className="muted empty-inline">Loading people from {connection?.displayName}…</p>
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
                    const owned = entry === undefined ? undefined : typeof entry === 'string' ? null : entry.filter((i) => i.ownerType === 'user');
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
            </section>
            {person && integrationsOf(person.id) !== undefined ? (
              <PersonPanel key={person.id} connection={connection!} person={person} integrations={integrationsOf(person.id)!} technicalUserNames={technicalNames} onChanged={() => changed(person.id)} />
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
