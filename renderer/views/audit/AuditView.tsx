import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { describeAuditEntry } from '../../../shared/console/auditDiff.ts';
import {
  auditSubjectLabels,
  auditSubjectTypes,
  auditToCsv,
  auditToJson,
  compileAuditFilter,
  isAuditFilterEmpty,
  sortTimeline,
  subjectNameOf,
  tokenOwnerOf,
  tokensInAudit,
  type TokenInAudit,
  type AuditEntryLike,
  type AuditExportContext,
} from '../../../shared/console/auditTimeline.ts';
import type { ConnectionView } from '../../../shared/connections.ts';
import { localKey } from '../../../shared/sync/localDocuments.ts';
import type { LocalAuditEntry } from '../../db/pages/pulledTypes.ts';
import { useInventoryIndex } from '../../inventory/useInventory.ts';
import type { InventoryIndex } from '../../inventory/inventoryIndex.ts';
import { bridge } from '../../bridge.ts';
import { Popover } from '../../shell/Popover.tsx';
import { TenantBadge } from '../../shell/TenantBadge.tsx';
import { useAuditStore } from '../../state/auditStore.ts';
import { useConnectionsStore } from '../../state/connectionsStore.ts';
import { useInventoryStore } from '../../state/inventoryStore.ts';
import { useNoticesStore } from '../../state/noticesStore.ts';
import { useRolesStore } from '../../state/rolesStore.ts';
import { useUiStore } from '../../state/uiStore.ts';
import { usePulled, useReplica } from '../../sync/useDatabase.ts';
import { SectionHeader } from '../SectionHeader.tsx';
import { SectionView } from '../SectionView.tsx';
import { ChangesTable } from '../ChangesTable.tsx';
import { rowWindow } from '../../shell/windowing.ts';

const rowHeight = 60;
const overscan = 6;

function actorText(actor: { name: string; email: string | null }): string {
  return actor.email ? `${actor.name} (${actor.email})` : actor.name;
}

/**
 * Every tenant's audit trail in one timeline, newest first, from the local copy (so it works offline):
 * filters for tenant, actor, subject, action and dates; a virtualized list (only the rows in view are
 * drawn); the selected entry in detail with its changes in the forms' words and a way to open its
 * subject; export of what is shown.
 */
export function AuditView() {
  const connections = useConnectionsStore((s) => s.connections);
  const replica = useReplica();
  const { index, version } = useInventoryIndex();
  const entries = usePulled(replica, ['audit'], (r) => r.pages.audit.all(), [], { throttleMs: 1_000 });
  const filter = useAuditStore((s) => s.filter);
  const selectedKey = useAuditStore((s) => s.selected);

  // Entries after a token's issue say only what changed: its label, prefix and owner come from its other entries.
  const tokens = useMemo(() => tokensInAudit(entries ?? []), [entries]);
  const subjectName = useMemo(() => {
    void version;
    const lookup = {
      user: (tenantId: string, id: string) => index?.row(localKey(tenantId, id))?.name,
      role: (tenantId: string, id: string) => index?.role(tenantId, id)?.name,
      token: (tenantId: string, id: string) => tokens.get(localKey(tenantId, id)),
    };
    return (entry: AuditEntryLike) => subjectNameOf(entry, lookup);
  }, [index, version, tokens]);
  const shown = useMemo(() => sortTimeline((entries ?? []).filter(compileAuditFilter(filter, subjectName))), [entries, filter, subjectName]);
  const actions = useMemo(() => [...new Set((entries ?? []).map((e) => e.action))].sort(), [entries]);

  if (connections.length === 0) return <SectionView section="audit" />;
  const byId = new Map(connections.map((c) => [c.id, c]));
  const selected = shown.find((e) => e.key === selectedKey) ?? null;
  const context: AuditExportContext = {
    tenant: (id) => byId.get(id)?.displayName ?? 'Removed tenant',
    subjectName,
    names: (tenantId) => ({ role: (id) => index?.role(tenantId, id)?.name }),
  };

  return (
    <div className="audit-page">
      <SectionHeader section="audit" actions={<AuditExport entries={shown} context={context} />} />
      <div className="page-body audit-body">
        <AuditFilters connections={connections} actions={actions} />
        {entries === null ? (
          <p className="muted empty-inline">Loading the local copy…</p>
        ) : entries.length === 0 ? (
          <div className="empty-inline">
            <p className="strong">No audit entries in the local copy yet.</p>
            <p className="muted">Every change on a connected tenant — made here or by another administrator — appears here once it has synced. Tenants still syncing for the first time add theirs as they arrive.</p>
          </div>
        ) : (
          <>
            <p className="muted" role="status" data-testid="audit-count">
              {shown.length === entries.length ? `${entries.length.toLocaleString()} audit entries` : `${shown.length.toLocaleString()} of ${entries.length.toLocaleString()} audit entries`}
            </p>
            {shown.length === 0 ? (
              <div className="empty-inline">
                <p>No entry matches these filters.</p>
                <button type="button" className="button" onClick={() => useAuditStore.getState().clearFilter()}>
                  Clear the filters
                </button>
              </div>
            ) : (
              <div className="audit-split">
                <AuditList entries={shown} connections={byId} selectedKey={selected?.key ?? null} subjectName={subjectName} index={index} />
                {selected ? (
                  <AuditDetail entry={selected} connection={byId.get(selected.tenantId)} subjectName={subjectName(selected)} index={index} token={tokens.get(localKey(selected.tenantId, selected.subjectId))} />
                ) : (
                  <div className="card audit-detail muted">Choose an entry to see what changed.</div>
                )}
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function AuditFilters(props: { connections: readonly ConnectionView[]; actions: readonly string[] }) {
  const filter = useAuditStore((s) => s.filter);
  const { setFilter, clearFilter } = useAuditStore.getState();
  const actionName = (action: string) => describeAuditEntry({ action, before: null, after: null }, { role: () => undefined }).summary;
  return (
    <div className="toolbar audit-filters" role="search" aria-label="Filter audit entries">
      <select aria-label="Tenant" value={filter.tenantIds[0] ?? ''} onChange={(e) => setFilter({ tenantIds: e.target.value ? [e.target.value] : [] })}>
        <option value="">All tenants</option>
        {props.connections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.displayName}
          </option>
        ))}
      </select>
      <input type="search" aria-label="Actor" placeholder="Who: name or e-mail" value={filter.actor} onChange={(e) => setFilter({ actor: e.target.value })} />
      <select aria-label="Subject type" value={filter.subjectType} onChange={(e) => setFilter({ subjectType: e.target.value as typeof filter.subjectType })}>
        <option value="any">Any subject</option>
        {auditSubjectTypes.map((t) => (
          <option key={t} value={t}>
            {auditSubjectLabels[t]}
          </option>
        ))}
      </select>
      <input type="search" aria-label="Subject" placeholder="Subject: name or id" value={filter.subject} onChange={(e) => setFilter({ subject: e.target.value })} />
      <select aria-label="Action" value={filter.action} onChange={(e) => setFilter({ action: e.target.value })}>
        <option value="any">Any action</option>
        {props.actions.map((a) => (
          <option key={a} value={a}>
            {actionName(a)}
          </option>
        ))}
      </select>
      <label className="field-inline">
        From
        <input type="date" aria-label="From date" value={filter.from ?? ''} max={filter.to ?? undefined} onChange={(e) => setFilter({ from: e.target.value || null })} />
      </label>
      <label className="field-inline">
        To
        <input type="date" aria-label="To date" value={filter.to ?? ''} min={filter.from ?? undefined} onChange={(e) => setFilter({ to: e.target.value || null })} />
      </label>
      {!isAuditFilterEmpty(filter) ? (
        <button type="button" className="button button-quiet" onClick={clearFilter}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

/** The timeline: a virtualized list; ↑/↓, Page Up/Down, Home/End move the selection, which the detail follows. */
function AuditList(props: { entries: readonly LocalAuditEntry[]; connections: ReadonlyMap<string, ConnectionView>; selectedKey: string | null; subjectName: (e: AuditEntryLike) => string; index: InventoryIndex | null }) {
  const { entries } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport({ top: element.scrollTop, height: element.clientHeight });
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, []);
  const selectedIndex = entries.findIndex((e) => e.key === props.selectedKey);
  const select = (i: number) => {
    const clamped = Math.max(0, Math.min(entries.length - 1, i));
    useAuditStore.getState().select(entries[clamped]!.key);
    const element = scroller.current;
    if (!element) return;
    const top = clamped * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(viewport.height / rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in moves) select((selectedIndex < 0 ? 0 : selectedIndex) + (selectedIndex < 0 ? 0 : moves[event.key]!));
    else if (event.key === 'Home') select(0);
    else if (event.key === 'End') select(entries.length - 1);
    else return;
    event.preventDefault();
  };
  const { first, last } = rowWindow({ count: entries.length, scrollTop: viewport.top, viewportHeight: viewport.height, bodyTop: 0, rowHeight, overscan });
  // Only a row that is drawn can be the active descendant.
  const activeId = selectedIndex >= first && selectedIndex < last ? `audit-row-${selectedIndex}` : undefined;
  return (
    <div
      ref={scroller}
      className="audit-list"
      role="listbox"
      aria-label="Audit entries, newest first"
      tabIndex={0}
      aria-activedescendant={activeId}
      onKeyDown={onKeyDown}
      onFocus={() => {
        // Without moving the list: a pointer's focus comes before its click on the row it means.
        if (selectedIndex < 0 && entries.length > 0) useAuditStore.getState().select(entries[Math.min(entries.length - 1, first)]!.key);
      }}
    >
      <div style={{ height: entries.length * rowHeight, position: 'relative' }}>
        {entries.slice(first, last).map((entry, offset) => {
          const i = first + offset;
          const description = describeAuditEntry(entry, { role: (id) => props.index?.role(entry.tenantId, id)?.name });
          const when = new Date(entry.at);
          return (
            <div
              key={entry.key}
              id={`audit-row-${i}`}
              role="option"
              aria-selected={entry.key === props.selectedKey}
              aria-setsize={entries.length}
              aria-posinset={i + 1}
              className={`audit-row${entry.key === props.selectedKey ? ' audit-row-selected' : ''}`}
              style={{ top: i * rowHeight, height: rowHeight }}
              onClick={() => select(i)}
            >
              <div className="audit-row-head">
                <TenantBadge connection={props.connections.get(entry.tenantId)} />
                <time dateTime={entry.at} className="muted" title={when.toISOString()}>
                  {when.toLocaleString()}
                </time>
              </div>
              <div className="audit-row-text">
                {/* A token's name is the subject already: the action alone, then the subject. */}
                <strong>{entry.actor.name}</strong> {entry.subjectType === 'api-token' ? describeAuditEntry({ action: entry.action, before: null, after: null }, { role: () => undefined }).summary : description.summary} ·{' '}
                <span className="strong">{props.subjectName(entry)}</span>
                {description.changes.length > 0 ? <span className="muted"> · {description.changes.map((c) => c.label).join(', ')}</span> : null}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** One entry: who, when, where, what changed in the forms' words, and its subject to open. */
function AuditDetail(props: { entry: LocalAuditEntry; connection: ConnectionView | undefined; subjectName: string; index: InventoryIndex | null; token: TokenInAudit | undefined }) {
  const { entry } = props;
  const description = describeAuditEntry(entry, { role: (id) => props.index?.role(entry.tenantId, id)?.name });
  const open = subjectOpener(entry, props.index, props.token);
  return (
    <section className="card audit-detail" aria-label="Audit entry">
      <h2 className="card-title">
        {entry.actor.name} {description.summary}
      </h2>
      <dl className="audit-facts">
        <dt>When</dt>
        <dd>
          <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
        </dd>
        <dt>Who</dt>
        <dd>{actorText(entry.actor)}</dd>
        <dt>Tenant</dt>
        <dd>
          <TenantBadge connection={props.connection} />
        </dd>
        <dt>{auditSubjectLabels[entry.subjectType] ?? 'Subject'}</dt>
        <dd>
          {open.run ? (
            <button type="button" className="link-button" onClick={open.run}>
              {open.label}
            </button>
          ) : (
            <>
              {props.subjectName} <span className="muted">({open.why})</span>
            </>
          )}
        </dd>
      </dl>
      {description.changes.length > 0 ? (
        <ChangesTable changes={description.changes} label="What changed" />
      ) : (
        <p className="muted">No field changes recorded.</p>
      )}
    </section>
  );
}

/** How to open an entry's subject where it lives, or why it cannot be opened. */
function subjectOpener(entry: LocalAuditEntry, index: InventoryIndex | null, token: TokenInAudit | undefined): { label: string; run: (() => void) | null; why: string } {
  const navigate = useUiStore.getState().navigate;
  if (entry.subjectType === 'technical-user' || entry.subjectType === 'api-token') {
    const userId = entry.subjectType === 'technical-user' ? entry.subjectId : tokenOwnerOf(entry, token);
    const row = userId ? index?.row(localKey(entry.tenantId, userId)) : undefined;
    if (!row) return { label: '', run: null, why: entry.subjectType === 'technical-user' ? 'no longer on the tenant' : 'its technical user is no longer on the tenant' };
    const tab = entry.subjectType === 'api-token' ? 'tokens' : 'details';
    return {
      label: entry.subjectType === 'api-token' ? `Open ${row.name}’s API tokens` : `Open ${row.name}`,
      run: () => {
        useInventoryStore.getState().open({ kind: 'user', key: row.key, tab });
        navigate('technical-users');
      },
      why: '',
    };
  }
  if (entry.subjectType === 'role') {
    const role = index?.role(entry.tenantId, entry.subjectId);
    if (!role) return { label: '', run: null, why: 'no longer on the tenant' };
    return {
      label: `Open the role ${role.name}`,
      run: () => {
        useRolesStore.getState().focusRole(entry.tenantId, localKey(entry.tenantId, entry.subjectId));
        navigate('roles');
      },
      why: '',
    };
  }
  return { label: '', run: null, why: 'shown in People' };
}

function AuditExport(props: { entries: readonly LocalAuditEntry[]; context: AuditExportContext }) {
  const save = async (format: 'csv' | 'json') => {
    const content = format === 'csv' ? auditToCsv(props.entries, props.context) : auditToJson(props.entries, props.context);
    const result = await bridge().files.saveExport({ suggestedName: `Tessera audit ${new Date().toISOString().slice(0, 10)}`, format, content });
    if (!result.ok) {
      useNoticesStore.getState().push({ kind: 'error', message: `The export failed: ${result.error.message}`, code: result.error.code });
      return;
    }
    if (result.value.saved) useNoticesStore.getState().push({ kind: 'info', message: `Exported ${props.entries.length.toLocaleString()} audit entr${props.entries.length === 1 ? 'y' : 'ies'} to ${result.value.path}` });
  };
  return (
    <Popover label="Export" title="Export audit entries" align="end" disabled={props.entries.length === 0}>
      {(close) => (
        <div className="menu-panel">
          <p className="muted">{props.entries.length.toLocaleString()} entries, as filtered</p>
          <button type="button" className="menu-item" onClick={() => (close(), void save('csv'))}>
            CSV
          </button>
          <button type="button" className="menu-item" onClick={() => (close(), void save('json'))}>
            JSON
          </button>
        </div>
      )}
    </Popover>
  );
}
